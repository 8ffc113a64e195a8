package dev.lanewise.layers;

import dev.lanewise.kernels.Activations;

/**
 * Sigmoid: {@code y = 1 / (1 + exp(-x))}; backward {@code dx = dout * y * (1 - y)} from the kept
 * output y (the matrix forward returned: do not modify it before backward).
 *
 * <p>Not thread-safe. Buffers and failures as described in {@link Layer}.
 */
public final class Sigmoid implements Layer {
    private Matrix output;
    private Matrix inputGradient;

    /** A sigmoid layer; its buffers are made by the first forward. */
    public Sigmoid() {}

    @Override
    public Matrix forward(Matrix x) {
        Shapes.requireNonNull(x, "Sigmoid.forward: x");
        Matrix result = Matrix.reuse(output, x.rows(), x.cols());
        Activations.sigmoid(x.data(), 0, result.data(), 0, x.rows() * x.cols());
        output = result; // only once the kernel has succeeded (it checks before it writes)
        return output;
    }

    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(output != null, "Sigmoid");
        Shapes.requireShape("Sigmoid.backward: dout", dout, output.rows(), output.cols(), "the forward output");
        Matrix result = Matrix.reuse(inputGradient, output.rows(), output.cols());
        Activations.sigmoidBackward(output.data(), 0, dout.data(), 0, result.data(), 0,
                output.rows() * output.cols());
        inputGradient = result;
        return inputGradient;
    }
}
