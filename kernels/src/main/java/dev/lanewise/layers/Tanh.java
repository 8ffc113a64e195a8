package dev.lanewise.layers;

import dev.lanewise.kernels.Activations;

/**
 * tanh: {@code y = tanh(x)}; backward {@code dx = dout * (1 - y²)} from the kept output y (the
 * matrix forward returned: do not modify it before backward).
 *
 * <p>Not thread-safe. Buffers and failures as described in {@link Layer}.
 */
public final class Tanh implements Layer {
    private Matrix output;
    private Matrix inputGradient;

    /** A tanh layer; its buffers are made by the first forward. */
    public Tanh() {}

    @Override
    public Matrix forward(Matrix x) {
        Shapes.requireNonNull(x, "Tanh.forward: x");
        Matrix result = Matrix.reuse(output == x ? null : output, x.rows(), x.cols()); // never into x
        Activations.tanh(x.data(), 0, result.data(), 0, x.rows() * x.cols());
        output = result; // only once the kernel has succeeded (it checks before it writes)
        return output;
    }

    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(output != null, "Tanh");
        Shapes.requireShape("Tanh.backward: dout", dout, output.rows(), output.cols(), "the forward output");
        Matrix result = Matrix.reuse(inputGradient, output.rows(), output.cols());
        Activations.tanhBackward(output.data(), 0, dout.data(), 0, result.data(), 0, output.rows() * output.cols());
        inputGradient = result;
        return inputGradient;
    }
}
