package dev.lanewise.layers;

import dev.lanewise.kernels.Activations;

/**
 * ReLU: {@code y = x <= 0 ? 0 : x}; backward passes {@code dout} where the input was kept
 * ({@code !(x <= 0)}: positive, or NaN) and 0 elsewhere. Keeps the packed 1-bit keep-mask of the
 * last forward (size/64 longs), not a copy of x.
 *
 * <p>Not thread-safe. Buffers and failures as described in {@link Layer}.
 */
public final class Relu implements Layer {
    private long[] keepMask;
    private Matrix output;
    private Matrix inputGradient;
    private int rows;
    private int cols;

    /** A ReLU layer; its buffers are made by the first forward. */
    public Relu() {}

    @Override
    public Matrix forward(Matrix x) {
        Shapes.requireNonNull(x, "Relu.forward: x");
        int size = x.rows() * x.cols();
        Matrix result = Matrix.reuse(output, x.rows(), x.cols());
        int words = Activations.maskWords(size);
        long[] mask = keepMask != null && keepMask.length == words ? keepMask : new long[words];
        Activations.relu(x.data(), 0, result.data(), 0, mask, size);
        // the fields change only once the kernel has succeeded (it checks before it writes)
        output = result;
        keepMask = mask;
        rows = x.rows();
        cols = x.cols();
        return output;
    }

    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(output != null, "Relu");
        Shapes.requireShape("Relu.backward: dout", dout, rows, cols, "the forward output");
        Matrix result = Matrix.reuse(inputGradient, rows, cols);
        Activations.reluBackwardFromMask(dout.data(), 0, keepMask, result.data(), 0, rows * cols);
        inputGradient = result;
        return inputGradient;
    }
}
