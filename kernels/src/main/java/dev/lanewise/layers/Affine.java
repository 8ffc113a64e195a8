package dev.lanewise.layers;

import dev.lanewise.kernels.Gemm;
import dev.lanewise.kernels.RowVectors;
import java.util.List;

/**
 * The affine (fully connected) layer {@code out = x·W + b}, with x an N×in batch, W in×out and b
 * a vector of out broadcast over the rows. Backward, from dout (N×out):
 * {@code dx = dout·Wᵀ}, {@code dW = xᵀ·dout}, {@code db = Σ_rows dout} — each gradient has the
 * shape of what it is the gradient of. A single sample is a 1×in batch.
 *
 * <p>The layer uses the weight matrix and bias array it was given (no copies; an optimiser
 * updates them in place) and keeps a reference to the last forward input {@code x}, which must
 * not change before backward. Two layers may share one weight matrix (tied weights): each keeps
 * its own gradient, and {@link Sgd} applies both. Not thread-safe. Buffers and failures as
 * described in {@link Layer}; the gradient buffers are overwritten by every backward.
 */
public final class Affine implements Layer, Trainable {
    private final Matrix weights;
    private final float[] bias;
    private final Matrix weightGradient;
    private final float[] biasGradient;
    private final List<Parameter> parameters;
    private Matrix input;
    private Matrix output;
    private Matrix inputGradient;

    /**
     * A layer over the given parameters, used in place (not copied).
     *
     * @param weights W, in×out
     * @param bias b, out values
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if {@code bias.length != weights.cols()}
     */
    public Affine(Matrix weights, float[] bias) {
        this.weights = Shapes.requireNonNull(weights, "weights");
        this.bias = Shapes.requireNonNull(bias, "bias");
        if (bias.length != weights.cols()) {
            throw new IllegalArgumentException(
                    "bias has " + bias.length + " values but weights " + weights.shape() + " have " + weights.cols() + " outputs");
        }
        this.weightGradient = new Matrix(weights.rows(), weights.cols());
        this.biasGradient = new float[bias.length];
        this.parameters = List.of(new Parameter("weights", weights.data(), weightGradient.data()),
                new Parameter("bias", bias, biasGradient));
    }

    /**
     * The weights W, in×out: the matrix given to the constructor.
     *
     * @return W (not a copy)
     */
    public Matrix weights() {
        return weights;
    }

    /**
     * The bias b: the array given to the constructor.
     *
     * @return b (not a copy)
     */
    public float[] bias() {
        return bias;
    }

    /**
     * dW of the last backward, in×out.
     *
     * @return the layer's buffer, overwritten by every backward
     */
    public Matrix weightGradient() {
        return weightGradient;
    }

    /**
     * db of the last backward, out values.
     *
     * @return the layer's buffer, overwritten by every backward
     */
    public float[] biasGradient() {
        return biasGradient;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code out = x·W + b}; x must be N×in.
     */
    @Override
    public Matrix forward(Matrix x) {
        int in = weights.rows();
        int out = weights.cols();
        Shapes.requireNonNull(x, "Affine.forward: x");
        if (x.cols() != in) {
            throw new IllegalArgumentException("Affine.forward: x is " + x.shape() + " but weights are " + weights.shape()
                    + " (x needs " + in + " columns)");
        }
        if ((output != null && x.data() == output.data()) || isGradientBuffer(x.data())) {
            throw new IllegalArgumentException("Affine.forward: x is one of this layer's own buffers (its output or a"
                    + " gradient), which its forward or backward overwrites while x is still needed (pass a copy, or"
                    + " use a second Affine)");
        }
        int n = x.rows();
        Matrix result = Matrix.reuse(output, n, out);
        Gemm.sgemm(false, false, n, out, in, 1f, x.data(), 0, in, weights.data(), 0, out, 0f, result.data(), 0, out);
        RowVectors.addToEachRow(bias, 0, result.data(), 0, n, out);
        // the fields change only once both kernels have succeeded (each checks before it writes)
        output = result;
        input = x;
        return output;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns {@code dx = dout·Wᵀ} and stores {@code dW = xᵀ·dout} and {@code db = Σ_rows dout}.
     */
    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(output != null, "Affine");
        int in = weights.rows();
        int out = weights.cols();
        int n = input.rows();
        Shapes.requireShape("Affine.backward: dout", dout, n, out, "the forward output");
        // Backward writes three buffers in turn: were dout one of them, a later kernel would
        // refuse it (or read it overwritten) after an earlier one had written.
        if (isGradientBuffer(dout.data())) {
            throw new IllegalArgumentException("Affine.backward: dout is one of this layer's gradient buffers, which"
                    + " backward overwrites (pass a copy)");
        }
        Matrix result = Matrix.reuse(inputGradient, n, in);
        // dx = dout · Wᵀ: W is stored in×out, so op(B) = Wᵀ with its stored row stride out.
        Gemm.sgemm(false, true, n, in, out, 1f, dout.data(), 0, out, weights.data(), 0, out, 0f, result.data(), 0, in);
        // dW = xᵀ · dout: x is stored n×in, so op(A) = xᵀ with its stored row stride in.
        Gemm.sgemm(true, false, in, out, n, 1f, input.data(), 0, in, dout.data(), 0, out, 0f,
                weightGradient.data(), 0, out);
        RowVectors.sumOfRows(dout.data(), 0, n, out, biasGradient, 0);
        inputGradient = result;
        return inputGradient;
    }

    /** Whether {@code array} is one of the buffers backward writes. */
    private boolean isGradientBuffer(float[] array) {
        return (inputGradient != null && array == inputGradient.data()) || array == weightGradient.data()
                || array == biasGradient;
    }
}
