package dev.lanewise.layers;

import dev.lanewise.kernels.Normalization;
import java.util.Arrays;
import java.util.List;

/**
 * Layer normalisation over the features of each sample (each row of an N×features batch), as
 * PyTorch's {@code LayerNorm(features)}: {@code out = (x - mean) / sqrt(var + eps) · gamma + beta},
 * with each row's mean and biased variance. gamma and beta are learnable, one value per feature;
 * see {@link Normalization#layerNorm} for the numerics and accuracy.
 *
 * <p>Backward, from dout (N×features), returns dx and stores {@code dgamma = Σ_rows dout · x̂} and
 * {@code dbeta = Σ_rows dout}: both gradient buffers are overwritten by every backward, never
 * accumulated (as {@link Affine}'s). {@link #parameters()} exposes gamma and beta with their
 * gradients, so {@link Sgd} and {@link Adam} train them.
 *
 * <p>The layer uses the gamma and beta arrays it was given (no copies; an optimiser updates them
 * in place) and keeps a reference to the last forward input x, which must not change before
 * backward. Not thread-safe. Buffers and failures as described in {@link Layer}.
 */
public final class LayerNorm implements Layer, Trainable {
    private final float[] gamma;
    private final float[] beta;
    private final float[] gammaGradient;
    private final float[] betaGradient;
    private final float eps;
    private final List<Parameter> parameters;
    private Matrix input;
    private Matrix output;
    private Matrix inputGradient;
    private float[] mean = new float[0];
    private float[] rstd = new float[0];

    /**
     * Layer normalisation of {@code features} values per sample, starting as PyTorch's does:
     * gamma 1, beta 0, eps 1e-5.
     *
     * @param features the width of each sample, at least 1
     * @throws IllegalArgumentException if features is below 1
     */
    public LayerNorm(int features) {
        this(ones(features), new float[Math.max(features, 0)], 1e-5f);
    }

    /**
     * Layer normalisation with the given parameters, used in place (not copied).
     *
     * @param gamma the scale, one value per feature (at least one)
     * @param beta the shift, as many values as gamma
     * @param eps added to each row's variance, positive and finite
     * @throws NullPointerException if gamma or beta is null
     * @throws IllegalArgumentException if they are empty or differ in length, or eps is out of range
     */
    public LayerNorm(float[] gamma, float[] beta, float eps) {
        this.gamma = Shapes.requireNonNull(gamma, "gamma");
        this.beta = Shapes.requireNonNull(beta, "beta");
        if (gamma.length == 0 || gamma.length != beta.length) {
            throw new IllegalArgumentException("gamma has " + gamma.length + " values and beta " + beta.length
                    + ": they need one value per feature, at least one");
        }
        if (gamma == beta) {
            throw new IllegalArgumentException("gamma and beta are the same array: each needs its own");
        }
        this.eps = requireEps(eps);
        this.gammaGradient = new float[gamma.length];
        this.betaGradient = new float[beta.length];
        this.parameters = List.of(new Parameter("gamma", gamma, gammaGradient), new Parameter("beta", beta, betaGradient));
    }

    static float[] ones(int features) {
        if (features < 1) {
            throw new IllegalArgumentException("features must be at least 1: " + features);
        }
        float[] ones = new float[features];
        Arrays.fill(ones, 1f);
        return ones;
    }

    static float requireEps(float eps) {
        if (!(eps > 0) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be positive and finite: " + eps);
        }
        return eps;
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
     * The shift beta: the array given to the constructor.
     *
     * @return beta (not a copy)
     */
    public float[] beta() {
        return beta;
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
     * dbeta of the last backward.
     *
     * @return the layer's buffer, overwritten by every backward
     */
    public float[] betaGradient() {
        return betaGradient;
    }

    /**
     * The eps added to each row's variance.
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
        Shapes.requireNonNull(x, "LayerNorm.forward: x");
        int features = gamma.length;
        if (x.cols() != features) {
            throw new IllegalArgumentException("LayerNorm.forward: x is " + x.shape() + " but the layer normalises "
                    + features + " features (x needs " + features + " columns)");
        }
        int n = x.rows();
        Matrix result = Matrix.reuse(output == x ? null : output, n, features); // backward reads x: never into it
        float[] means = mean.length == n ? mean : new float[n];
        float[] rstds = rstd.length == n ? rstd : new float[n];
        Normalization.layerNorm(x.data(), 0, gamma, 0, beta, 0, result.data(), 0, means, 0, rstds, 0, n, features, eps);
        // the fields change only once the kernel has succeeded (it checks before it writes)
        output = result;
        mean = means;
        rstd = rstds;
        input = x;
        return output;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns dx and overwrites {@link #gammaGradient()} and {@link #betaGradient()}.
     */
    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(output != null, "LayerNorm");
        int features = gamma.length;
        int n = input.rows();
        Shapes.requireShape("LayerNorm.backward: dout", dout, n, features, "the forward output");
        if (dout.data() == gammaGradient || dout.data() == betaGradient) {
            throw new IllegalArgumentException("LayerNorm.backward: dout is one of this layer's gradient buffers,"
                    + " which backward overwrites (pass a copy)");
        }
        // never into dout nor the forward input, which the caller may have handed us from an earlier backward
        boolean argument = inputGradient != null
                && (inputGradient.data() == dout.data() || inputGradient.data() == input.data());
        Matrix result = Matrix.reuse(argument ? null : inputGradient, n, features);
        Normalization.layerNormBackward(input.data(), 0, dout.data(), 0, gamma, 0, mean, 0, rstd, 0, result.data(), 0,
                gammaGradient, 0, betaGradient, 0, n, features);
        inputGradient = result;
        return inputGradient;
    }
}
