package dev.lanewise.layers;

import dev.lanewise.kernels.Normalization;
import java.util.List;

/**
 * RMS normalisation over the features of each sample (each row of an N×features batch), as in
 * LLaMA: {@code out = x / sqrt(mean(x²) + eps) · gamma}, with a learnable gamma, one value per
 * feature; see {@link Normalization#rmsNorm} for the numerics and accuracy.
 *
 * <p>Backward, from dout (N×features), returns dx and stores {@code dgamma = Σ_rows dout · x̂}
 * ({@code x̂ = x / rms}), overwritten by every backward, never accumulated. {@link #parameters()}
 * exposes gamma with its gradient, so {@link Sgd} and {@link Adam} train it.
 *
 * <p>The layer uses the gamma array it was given (no copy) and keeps a reference to the last
 * forward input x, which must not change before backward. Not thread-safe. Buffers and failures
 * as described in {@link Layer}.
 */
public final class RmsNorm implements Layer, Trainable {
    private final float[] gamma;
    private final float[] gammaGradient;
    private final float eps;
    private final List<Parameter> parameters;
    private Matrix input;
    private Matrix output;
    private Matrix inputGradient;
    private float[] rstd = new float[0];

    /**
     * RMS normalisation of {@code features} values per sample: gamma 1, eps 1e-6.
     *
     * @param features the width of each sample, at least 1
     * @throws IllegalArgumentException if features is below 1
     */
    public RmsNorm(int features) {
        this(LayerNorm.ones(features), 1e-6f);
    }

    /**
     * RMS normalisation with the given scale, used in place (not copied).
     *
     * @param gamma the scale, one value per feature (at least one)
     * @param eps added to each row's mean square, positive and finite
     * @throws NullPointerException if gamma is null
     * @throws IllegalArgumentException if gamma is empty or eps is out of range
     */
    public RmsNorm(float[] gamma, float eps) {
        this.gamma = Shapes.requireNonNull(gamma, "gamma");
        if (gamma.length == 0) {
            throw new IllegalArgumentException("gamma is empty: it needs one value per feature, at least one");
        }
        this.eps = LayerNorm.requireEps(eps);
        this.gammaGradient = new float[gamma.length];
        this.parameters = List.of(new Parameter("gamma", gamma, gammaGradient));
    }

    /**
     * The scale gamma: the array given to the constructor.
     *
     * @return gamma (not a copy)
     */
    public float[] gamma() {
        return gamma;
    }

    /**
     * dgamma of the last backward.
     *
     * @return the layer's buffer, overwritten by every backward
     */
    public float[] gammaGradient() {
        return gammaGradient;
    }

    /**
     * The eps added to each row's mean square.
     *
     * @return eps
     */
    public float eps() {
        return eps;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * {@inheritDoc}
     *
     * <p>x must be N×features.
     */
    @Override
    public Matrix forward(Matrix x) {
        Shapes.requireNonNull(x, "RmsNorm.forward: x");
        int features = gamma.length;
        if (x.cols() != features) {
            throw new IllegalArgumentException("RmsNorm.forward: x is " + x.shape() + " but the layer normalises "
                    + features + " features (x needs " + features + " columns)");
        }
        int n = x.rows();
        Matrix result = Matrix.reuse(output == x ? null : output, n, features); // backward reads x: never into it
        float[] rstds = rstd.length == n ? rstd : new float[n];
        Normalization.rmsNorm(x.data(), 0, gamma, 0, result.data(), 0, rstds, 0, n, features, eps);
        output = result; // only once the kernel has succeeded (it checks before it writes)
        rstd = rstds;
        input = x;
        return output;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns dx and overwrites {@link #gammaGradient()}.
     */
    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(output != null, "RmsNorm");
        int features = gamma.length;
        int n = input.rows();
        Shapes.requireShape("RmsNorm.backward: dout", dout, n, features, "the forward output");
        if (dout.data() == gammaGradient) {
            throw new IllegalArgumentException("RmsNorm.backward: dout is this layer's gradient buffer, which"
                    + " backward overwrites (pass a copy)");
        }
        boolean argument = inputGradient != null
                && (inputGradient.data() == dout.data() || inputGradient.data() == input.data());
        Matrix result = Matrix.reuse(argument ? null : inputGradient, n, features);
        Normalization.rmsNormBackward(input.data(), 0, dout.data(), 0, gamma, 0, rstd, 0, result.data(), 0,
                gammaGradient, 0, n, features);
        inputGradient = result;
        return inputGradient;
    }
}
