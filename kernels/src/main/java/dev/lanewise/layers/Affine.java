package dev.lanewise.layers;

import dev.lanewise.kernels.Gemm;
import dev.lanewise.kernels.RowVectors;
import java.util.List;
import java.util.Objects;

/**
 * The affine (fully connected) layer {@code out = x·W + b}, with x an N×in batch, W in×out and b
 * a vector of out broadcast over the rows. Backward, from dout (N×out):
 * {@code dx = dout·Wᵀ}, {@code dW = xᵀ·dout}, {@code db = Σ_rows dout} — each gradient has the
 * shape of what it is the gradient of. A single sample is a 1×in batch.
 *
 * <p>The layer uses the weight matrix and bias array it was given (no copies; an optimiser
 * updates them in place) and keeps a reference to the last forward input {@code x}, which must
 * not change before backward. Not thread-safe. Buffers as described in {@link Layer}; the
 * gradient buffers are overwritten by every backward.
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
        this.weights = Objects.requireNonNull(weights, "weights is null");
        this.bias = Objects.requireNonNull(bias, "bias is null");
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
        Objects.requireNonNull(x, "x is null");
        if (x.cols() != in) {
            throw new IllegalArgumentException("Affine.forward: x is " + x.shape() + " but weights are " + weights.shape()
                    + " (x needs " + in + " columns)");
        }
        int n = x.rows();
        output = Matrix.reuse(output, n, out);
        Gemm.sgemm(false, false, n, out, in, 1f, x.data(), 0, in, weights.data(), 0, out, 0f, output.data(), 0, out);
        RowVectors.addToEachRow(bias, 0, output.data(), 0, n, out);
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
        Shapes.requireForward(input != null, "Affine");
        int in = weights.rows();
        int out = weights.cols();
        int n = input.rows();
        Shapes.requireShape("Affine.backward: dout", dout, n, out, "the forward output");
        inputGradient = Matrix.reuse(inputGradient, n, in);
        // dx = dout · Wᵀ: W is stored in×out, so op(B) = Wᵀ with its stored row stride out.
        Gemm.sgemm(false, true, n, in, out, 1f, dout.data(), 0, out, weights.data(), 0, out, 0f,
                inputGradient.data(), 0, in);
        // dW = xᵀ · dout: x is stored n×in, so op(A) = xᵀ with its stored row stride in.
        Gemm.sgemm(true, false, in, out, n, 1f, input.data(), 0, in, dout.data(), 0, out, 0f,
                weightGradient.data(), 0, out);
        RowVectors.sumOfRows(dout.data(), 0, n, out, biasGradient, 0);
        return inputGradient;
    }
}
