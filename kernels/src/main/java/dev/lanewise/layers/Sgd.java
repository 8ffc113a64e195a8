package dev.lanewise.layers;

/**
 * Plain stochastic gradient descent: {@code value -= learningRate * gradient} for every parameter,
 * using the gradients the last backward stored.
 */
public final class Sgd {
    private final float learningRate;

    /**
     * An optimiser with a fixed learning rate.
     *
     * @param learningRate the step size, positive and finite
     * @throws IllegalArgumentException if it is not
     */
    public Sgd(float learningRate) {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite: " + learningRate);
        }
        this.learningRate = learningRate;
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
     */
    public void step(Trainable model) {
        java.util.List<Parameter> parameters = Shapes.requireNonNull(model, "Sgd.step: model").parameters();
        for (int i = 0; i < parameters.size(); i++) { // indexed: no iterator on the training path
            update(parameters.get(i).values(), parameters.get(i).gradient());
        }
    }

    /**
     * The update itself. A plain loop on purpose: C2 auto-vectorizes this axpy on every JDK we
     * support, so a Vector API kernel would add code and no speed.
     */
    private void update(float[] values, float[] gradient) {
        float rate = learningRate;
        for (int i = 0; i < values.length; i++) {
            values[i] -= rate * gradient[i];
        }
    }
}
