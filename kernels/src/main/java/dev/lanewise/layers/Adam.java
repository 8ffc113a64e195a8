package dev.lanewise.layers;

import dev.lanewise.kernels.Optimizers;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (AdamW), as PyTorch's {@code AdamW} computes it, for every
 * parameter, using the gradients the last backward stored (see
 * {@link Optimizers#adam(float[], int, float[], int, float[], int, float[], int, int, float, float, float, float, float, long)}).
 * With weight decay 0 it is plain Adam.
 *
 * <p>The moment estimates and the step count of each parameter are kept by the optimiser, keyed
 * by the {@link Parameter} object (a model returns the same ones on every call); they start at
 * zero, and at step 1 on the parameter's first update. Not thread-safe.
 */
public final class Adam {
    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final Map<Parameter, State> states = new IdentityHashMap<>();

    /** One parameter's moments and step count. */
    private static final class State {
        final float[] firstMoment;
        final float[] secondMoment;
        long step;

        State(int length) {
            firstMoment = new float[length];
            secondMoment = new float[length];
        }
    }

    /**
     * Adam with the usual defaults: beta1 0.9, beta2 0.999, eps 1e-8, no weight decay.
     *
     * @param learningRate the step size, positive and finite (1e-3 is usual)
     * @throws IllegalArgumentException if it is not
     */
    public Adam(float learningRate) {
        this(learningRate, 0.9f, 0.999f, 1e-8f, 0f);
    }

    /**
     * AdamW with every hyper-parameter given.
     *
     * @param learningRate the step size, positive and finite
     * @param beta1 the first moment's decay, in [0, 1)
     * @param beta2 the second moment's decay, in [0, 1)
     * @param eps added to the root of the second moment, positive and finite
     * @param weightDecay the decoupled weight decay, finite and not negative (0.01 is usual for AdamW)
     * @throws IllegalArgumentException if an argument is out of its range (the message names it)
     */
    public Adam(float learningRate, float beta1, float beta2, float eps, float weightDecay) {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite: " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1): " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1): " + beta2);
        }
        if (!(eps > 0) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be positive and finite: " + eps);
        }
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and not negative: " + weightDecay);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
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
     * One update of every parameter of {@code model}, from the gradients its last backward stored.
     *
     * @param model the layer or network whose parameters are updated in place
     * @throws NullPointerException if model is null
     * @throws IllegalArgumentException if a parameter's gradient is its value array (nothing is
     *     updated then)
     */
    public void step(Trainable model) {
        List<Parameter> parameters = Shapes.requireNonNull(model, "Adam.step: model").parameters();
        Optimizer.requireDistinctArrays(parameters, "Adam");
        for (int i = 0; i < parameters.size(); i++) { // indexed: no iterator on the training path
            Parameter parameter = parameters.get(i);
            State state = states.get(parameter);
            if (state == null) {
                state = new State(parameter.values().length);
                states.put(parameter, state);
            }
            state.step++;
            Optimizers.adam(parameter.values(), parameter.gradient(), state.firstMoment, state.secondMoment,
                    learningRate, beta1, beta2, eps, weightDecay, state.step);
        }
    }
}
