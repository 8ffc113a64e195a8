package dev.lanewise.layers;

import dev.lanewise.kernels.Activations;

/**
 * SiLU (swish): {@code y = x * sigmoid(x)}; backward {@code dx = dout * s * (1 + x (1 - s))} with
 * {@code s = sigmoid(x)}, from the last forward input x, which the layer keeps a reference to (as
 * {@link Affine} does): it must not change before backward.
 *
 * <p>Not thread-safe. Buffers and failures as described in {@link Layer}.
 */
public final class Silu implements Layer {
    private Matrix input;
    private Matrix output;
    private Matrix inputGradient;

    /** A SiLU layer; its buffers are made by the first forward. */
    public Silu() {}

    @Override
    public Matrix forward(Matrix x) {
        Shapes.requireNonNull(x, "Silu.forward: x");
        // backward reads x: never compute into it (x is this layer's own output if fed back in)
        Matrix result = Matrix.reuse(output == x ? null : output, x.rows(), x.cols());
        Activations.silu(x.data(), 0, result.data(), 0, x.rows() * x.cols());
        output = result; // only once the kernel has succeeded (it checks before it writes)
        input = x;
        return output;
    }

    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(output != null, "Silu");
        Shapes.requireShape("Silu.backward: dout", dout, input.rows(), input.cols(), "the forward output");
        Matrix result = Matrix.reuse(inputGradient, input.rows(), input.cols());
        Activations.siluBackward(input.data(), 0, dout.data(), 0, result.data(), 0, input.rows() * input.cols());
        inputGradient = result;
        return inputGradient;
    }
}
