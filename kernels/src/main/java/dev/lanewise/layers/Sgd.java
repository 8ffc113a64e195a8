package dev.lanewise.layers;

import dev.lanewise.kernels.Optimizers;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, with optional momentum and weight decay, as PyTorch's {@code SGD}
 * (dampening 0, not Nesterov): {@code velocity = momentum * velocity + (gradient + weightDecay *
 * value)}, then {@code value -= learningRate * velocity}, for every parameter, using the gradients
 * the last backward stored (see {@link Optimizers#sgd(float[], int, float[], int, float[], int, int, float, float, float)}).
 * Plain SGD ({@code new Sgd(rate)}, momentum and weight decay 0) keeps no state and computes
 * {@code value -= learningRate * gradient}, two roundings, exactly as before momentum existed.
 *
 * <p>The velocity of each parameter is kept by the optimiser, keyed by the {@link Parameter}
 * object (a model returns the same ones on every call), and starts at zero on its first step.
 * Not thread-safe.
 */
public final class Sgd {
    private final float learningRate;
    private final float momentum;
    private final float weightDecay;
    private final Map<Parameter, float[]> velocities = new IdentityHashMap<>();

    /**
     * Plain SGD with a fixed learning rate: no momentum, no weight decay.
     *
     * @param learningRate the step size, positive and finite
     * @throws IllegalArgumentException if it is not
     */
    public Sgd(float learningRate) {
        this(learningRate, 0f, 0f);
    }

    /**
     * SGD with momentum and (L2, added to the gradient) weight decay.
     *
     * @param learningRate the step size, positive and finite
     * @param momentum the velocity's decay, in [0, 1) (0.9 is usual; 0 for none)
     * @param weightDecay the weight decay, finite and not negative (0 for none)
     * @throws IllegalArgumentException if an argument is out of its range (the message names it)
     */
    public Sgd(float learningRate, float momentum, float weightDecay) {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite: " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1): " + momentum);
        }
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and not negative: " + weightDecay);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /**
     * The learning rate.
     *
     * @return the step size given to the constructor
     */
    public float learningRate() {
        return learningRate;
    }

    /**
     * The momentum.
     *
     * @return the velocity's decay given to the constructor (0 for plain SGD)
     */
    public float momentum() {
        return momentum;
    }

    /**
     * The weight decay.
     *
     * @return the weight decay given to the constructor (0 for plain SGD)
     */
    public float weightDecay() {
        return weightDecay;
    }

    /**
     * One update of every parameter of {@code model}, from the gradients its last backward stored.
     *
     * @param model the layer or network whose parameters are updated in place
     * @throws NullPointerException if model is null
     * @throws IllegalArgumentException if a parameter's gradient is its value array (nothing is
     *     updated then)
     */
    public void step(Trainable model) {
        List<Parameter> parameters = Shapes.requireNonNull(model, "Sgd.step: model").parameters();
        if (momentum == 0 && weightDecay == 0) {
            for (int i = 0; i < parameters.size(); i++) { // indexed: no iterator on the training path
                update(parameters.get(i).values(), parameters.get(i).gradient());
            }
            return;
        }
        Optimizer.requireDistinctArrays(parameters, "Sgd");
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            float[] velocity = velocities.get(parameter);
            if (velocity == null) {
                velocity = new float[parameter.values().length];
                velocities.put(parameter, velocity);
            }
            Optimizers.sgd(parameter.values(), parameter.gradient(), velocity, learningRate, momentum, weightDecay);
        }
    }

    /**
     * Plain SGD's update. A plain loop on purpose: C2 auto-vectorizes this axpy on every JDK we
     * support, so a Vector API kernel would add code and no speed.
     */
    private void update(float[] values, float[] gradient) {
        float rate = learningRate;
        for (int i = 0; i < values.length; i++) {
            values[i] -= rate * gradient[i];
        }
    }
}
