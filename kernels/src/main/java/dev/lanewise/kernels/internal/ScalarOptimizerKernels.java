package dev.lanewise.kernels.internal;

/**
 * The scalar reference of the optimiser updates: the float operations of each Vector API lane, one
 * element at a time ({@code Math.fma} where the lanes fuse; {@code (float) Math.sqrt} of a float is
 * the correctly rounded float square root, as the lanes' SQRT is), so both give the same bits.
 */
public final class ScalarOptimizerKernels implements OptimizerKernels {

    public static final ScalarOptimizerKernels INSTANCE = new ScalarOptimizerKernels();

    private ScalarOptimizerKernels() {}

    @Override
    public void adam(float[] param, int pOffset, float[] grad, int gOffset, float[] m, int mOffset, float[] v,
            int vOffset, int length, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
            float stepSize, float rootCorrection, float eps, float decayRate) {
        adamFrom(0, param, pOffset, grad, gOffset, m, mOffset, v, vOffset, length, beta1, oneMinusBeta1, beta2,
                oneMinusBeta2, stepSize, rootCorrection, eps, decayRate);
    }

    /** Elements {@code from ... length - 1} of {@link #adam}: the whole scalar kernel, and the vector kernel's tail. */
    // snippet: adam-scalar
    public static void adamFrom(int from, float[] param, int pOffset, float[] grad, int gOffset, float[] m,
            int mOffset, float[] v, int vOffset, int length, float beta1, float oneMinusBeta1, float beta2,
            float oneMinusBeta2, float stepSize, float rootCorrection, float eps, float decayRate) {
        for (int i = from; i < length; i++) {
            float g = grad[gOffset + i];
            float firstMoment = Math.fma(m[mOffset + i], beta1, oneMinusBeta1 * g);
            float secondMoment = Math.fma(v[vOffset + i], beta2, (g * g) * oneMinusBeta2);
            float denominator = Math.fma((float) Math.sqrt(secondMoment), rootCorrection, eps);
            float p = param[pOffset + i];
            float decayed = Math.fma(p, -decayRate, p); // p (1 - lr wd), one rounding
            param[pOffset + i] = Math.fma(firstMoment / denominator, -stepSize, decayed);
            m[mOffset + i] = firstMoment;
            v[vOffset + i] = secondMoment;
        }
    }
    // end-snippet

    @Override
    public void sgd(float[] param, int pOffset, float[] grad, int gOffset, float[] velocity, int vOffset, int length,
            float lr, float momentum, float weightDecay) {
        sgdFrom(0, param, pOffset, grad, gOffset, velocity, vOffset, length, lr, momentum, weightDecay);
    }

    /** Elements {@code from ... length - 1} of {@link #sgd}. */
    public static void sgdFrom(int from, float[] param, int pOffset, float[] grad, int gOffset, float[] velocity,
            int vOffset, int length, float lr, float momentum, float weightDecay) {
        for (int i = from; i < length; i++) {
            float p = param[pOffset + i];
            float decayed = Math.fma(p, weightDecay, grad[gOffset + i]);
            float step = Math.fma(velocity[vOffset + i], momentum, decayed);
            param[pOffset + i] = Math.fma(step, -lr, p);
            velocity[vOffset + i] = step;
        }
    }
}
