package dev.lanewise.layers;

import dev.lanewise.kernels.Activations;

/**
 * Sigmoid: {@code y = 1 / (1 + exp(-x))}; backward {@code dx = dout * y * (1 - y)} from the kept
 * output y (the matrix forward returned: do not modify it before backward).
 *
 * <p>Not thread-safe. Buffers as described in {@link Layer}.
 */
public final class Sigmoid implements Layer {
    private Matrix output;
    private Matrix inputGradient;
    private boolean forwardDone;

    /** A sigmoid layer; its buffers are made by the first forward. */
    public Sigmoid() {}

    @Override
    public Matrix forward(Matrix x) {
        output = Matrix.reuse(output, x.rows(), x.cols());
        Activations.sigmoid(x.data(), 0, output.data(), 0, x.rows() * x.cols());
        forwardDone = true;
        return output;
    }

    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(forwardDone, "Sigmoid");
        Shapes.requireShape("Sigmoid.backward: dout", dout, output.rows(), output.cols(), "the forward output");
        inputGradient = Matrix.reuse(inputGradient, output.rows(), output.cols());
        Activations.sigmoidBackward(output.data(), 0, dout.data(), 0, inputGradient.data(), 0,
                output.rows() * output.cols());
        return inputGradient;
    }
}
