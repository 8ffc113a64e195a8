package dev.lanewise.kernels.internal;

/**
 * The element-wise optimiser updates behind {@link dev.lanewise.kernels.Optimizers}, one
 * implementation per strategy. Callers have validated every argument and computed the per-call
 * constants (each rounded to float once, from double), so every implementation gets the same
 * floats and gives the same bits; implementations do no checks of their own.
 *
 * <p>Internal API: it may change in any release.
 */
public interface OptimizerKernels {

    /**
     * AdamW, for each element i:
     * <pre>
     *   m' = fma(beta1, m, oneMinusBeta1 · g)
     *   v' = fma(beta2, v, oneMinusBeta2 · (g · g))
     *   p' = fma(-stepSize, m' / fma(sqrt(v'), rootCorrection, eps), fma(-decayRate, p, p))
     * </pre>
     * with {@code stepSize = lr / (1 - beta1^t)}, {@code rootCorrection = 1 / sqrt(1 - beta2^t)}
     * and {@code decayRate = lr · weightDecay}.
     */
    void adam(float[] param, int pOffset, float[] grad, int gOffset, float[] m, int mOffset, float[] v, int vOffset,
            int length, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float stepSize,
            float rootCorrection, float eps, float decayRate);

    /**
     * {@link #adam} with its per-call constants computed from the hyper-parameters, in double, each
     * rounded to float once: the one place they are computed, so every implementation (and every
     * caller) gets the same floats.
     */
    default void adamStep(float[] param, int pOffset, float[] grad, int gOffset, float[] m, int mOffset, float[] v,
            int vOffset, int length, float lr, float beta1, float beta2, float eps, float weightDecay, long step) {
        double firstCorrection = 1 - power(beta1, step);
        double secondCorrection = 1 - power(beta2, step);
        adam(param, pOffset, grad, gOffset, m, mOffset, v, vOffset, length, beta1, (float) (1 - (double) beta1), beta2,
                (float) (1 - (double) beta2), (float) (lr / firstCorrection),
                (float) (1 / StrictMath.sqrt(secondCorrection)), eps, (float) ((double) lr * weightDecay));
    }

    /**
     * {@code base^exponent} by repeated squaring in double (relative error below 1e-14 for any
     * step a training run reaches, far below a float's ulp): the same bits in every JIT tier, and
     * no allocation in any tier, where StrictMath.pow allocates 96 B a call until C2 has compiled
     * its caller.
     */
    private static double power(double base, long exponent) {
        double result = 1;
        for (double square = base; exponent != 0; exponent >>>= 1, square *= square) {
            if ((exponent & 1) != 0) {
                result *= square;
            }
        }
        return result;
    }

    /**
     * SGD with momentum and (coupled, L2) weight decay, for each element i:
     * <pre>
     *   velocity' = fma(momentum, velocity, fma(weightDecay, p, g))
     *   p'        = fma(-lr, velocity', p)
     * </pre>
     */
    void sgd(float[] param, int pOffset, float[] grad, int gOffset, float[] velocity, int vOffset, int length,
            float lr, float momentum, float weightDecay);
}
