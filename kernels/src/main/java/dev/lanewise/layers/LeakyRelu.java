package dev.lanewise.layers;

import dev.lanewise.kernels.Activations;

/**
 * Leaky ReLU: {@code y = x > 0 ? x : alpha * x}; backward {@code dx = x > 0 ? dout : alpha * dout},
 * from the last forward input x, which the layer keeps a reference to (as {@link Affine} does): it
 * must not change before backward.
 *
 * <p>Not thread-safe. Buffers and failures as described in {@link Layer}.
 */
public final class LeakyRelu implements Layer {
    private final float alpha;
    private Matrix input;
    private Matrix output;
    private Matrix inputGradient;

    /**
     * A leaky ReLU layer; its buffers are made by the first forward.
     *
     * @param alpha the slope for inputs that are not positive, in (0, 1] (0.01 is usual)
     * @throws IllegalArgumentException if alpha is not in (0, 1]
     */
    public LeakyRelu(float alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("LeakyRelu: alpha must be in (0, 1] (for 0 use Relu): " + alpha);
        }
        this.alpha = alpha;
    }

    /**
     * The slope for inputs that are not positive.
     *
     * @return alpha as given to the constructor
     */
    public float alpha() {
        return alpha;
    }

    @Override
    public Matrix forward(Matrix x) {
        Shapes.requireNonNull(x, "LeakyRelu.forward: x");
        // backward reads x: never compute into it (x is this layer's own output if fed back in)
        Matrix result = Matrix.reuse(output == x ? null : output, x.rows(), x.cols());
        Activations.leakyRelu(x.data(), 0, result.data(), 0, x.rows() * x.cols(), alpha);
        output = result; // only once the kernel has succeeded (it checks before it writes)
        input = x;
        return output;
    }

    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(output != null, "LeakyRelu");
        Shapes.requireShape("LeakyRelu.backward: dout", dout, input.rows(), input.cols(), "the forward output");
        Matrix result = Matrix.reuse(inputGradient, input.rows(), input.cols());
        Activations.leakyReluBackward(input.data(), 0, dout.data(), 0, result.data(), 0, input.rows() * input.cols(),
                alpha);
        inputGradient = result;
        return inputGradient;
    }
}
