package dev.lanewise.layers;

import dev.lanewise.kernels.Activations;

/**
 * ReLU: {@code y = x <= 0 ? 0 : x}; backward passes {@code dout} where the input was kept
 * ({@code !(x <= 0)}: positive, or NaN) and 0 elsewhere. Keeps the packed 1-bit keep-mask of the
 * last forward (size/64 longs), not a copy of x.
 *
 * <p>Not thread-safe. Buffers as described in {@link Layer}.
 */
public final class Relu implements Layer {
    private long[] keepMask;
    private Matrix output;
    private Matrix inputGradient;
    private int rows = -1;
    private int cols;

    /** A ReLU layer; its buffers are made by the first forward. */
    public Relu() {}

    @Override
    public Matrix forward(Matrix x) {
        int size = x.rows() * x.cols();
        output = Matrix.reuse(output, x.rows(), x.cols());
        int words = Activations.maskWords(size);
        if (keepMask == null || keepMask.length != words) {
            keepMask = new long[words];
        }
        Activations.relu(x.data(), 0, output.data(), 0, keepMask, size);
        rows = x.rows();
        cols = x.cols();
        return output;
    }

    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(rows >= 0, "Relu");
        Shapes.requireShape("Relu.backward: dout", dout, rows, cols, "the forward output");
        inputGradient = Matrix.reuse(inputGradient, rows, cols);
        Activations.reluBackward(dout.data(), 0, keepMask, inputGradient.data(), 0, rows * cols);
        return inputGradient;
    }
}
