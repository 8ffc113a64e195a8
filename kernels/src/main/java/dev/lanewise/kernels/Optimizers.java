package dev.lanewise.kernels;

import static dev.lanewise.kernels.Checks.notNull;
import static dev.lanewise.kernels.Checks.segment;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.OptimizerKernels;

/**
 * Element-wise optimiser updates: AdamW and SGD with momentum and weight decay, each one pass over
 * the parameters, their gradients and the optimiser's state, updated in place.
 *
 * <p>Segments work as in {@link Activations}: {@code array[offset ... offset + length)}, nothing
 * written outside them. The parameter and state segments are outputs and the gradient is read
 * while they are written, so no two of the segments may share an element (not even as the same
 * window): an overlap throws {@link IllegalArgumentException} naming both. Methods are static,
 * thread-safe and allocate nothing. All arguments are checked before anything is written: a null
 * array throws {@link NullPointerException} naming it; a negative length, a hyper-parameter out of
 * its range or {@code step < 1} throws {@link IllegalArgumentException} naming it; an offset or
 * length outside an array throws {@link IndexOutOfBoundsException} naming it.
 *
 * <h2>Accuracy</h2>
 * Each update is a few float operations, fused where a sum would lose bits, and gives the same
 * bits on every implementation. "Within k ulp of x" below means within k units in the last place
 * of the float nearest to x, the exact value being the formula evaluated exactly on the same
 * float arguments. A sum whose terms cancel cannot keep an error bound relative to its tiny
 * result in float arithmetic, so where a formula adds terms of opposite sign the bound is stated
 * relative to the largest term, as named below; with no cancellation this is the ulp of the
 * result itself.
 *
 * <p>The work runs on the implementation {@link Lanewise#implementation()} reports.
 */
public final class Optimizers {
    private Optimizers() {}

    private static final OptimizerKernels KERNELS = Kernels.family(OptimizerKernels.class, KernelProvider::optimizers);

    /**
     * One AdamW step (Adam with decoupled weight decay, Loshchilov and Hutter), as PyTorch's
     * {@code AdamW} computes it, for each element i:
     * <pre>
     *   m = beta1 · m + (1 - beta1) · g
     *   v = beta2 · v + (1 - beta2) · g²
     *   p = p · (1 - lr · weightDecay) - lr / (1 - beta1^step) · m / (sqrt(v / (1 - beta2^step)) + eps)
     * </pre>
     * with the new m and v in the last line. The per-call constants ({@code 1 - beta},
     * {@code lr / (1 - beta1^step)}, {@code 1 / sqrt(1 - beta2^step)}, {@code lr · weightDecay}) are
     * computed in double and rounded to float once.
     *
     * <p>Accuracy: the new m within 2 ulp of {@code max(|m'|, |(1 - beta1) g|)}, the new v within
     * 2 ulp of itself (3 when beta2 &lt; 0.5, where {@code 1 - beta2} is not exact in float), the
     * new parameter within 2 ulp of {@code max(|p|, |p'|)} plus
     * {@code 2^-20 · lr / (1 - beta1^step) · M / (sqrt(v' / (1 - beta2^step)) + eps)} with
     * {@code M = max(|m'|, |(1 - beta1) g|)}: about 8 ulp of the step itself, whose few roundings
     * are all relative (measured: a parameter is within 1 ulp nearly always, since the step is
     * small beside it).
     *
     * @param param the parameters, updated in place
     * @param pOffset the index in {@code param} of its first element
     * @param grad the gradients of the loss with respect to the parameters; only read
     * @param gOffset the index in {@code grad} of its first element
     * @param m the first-moment estimates (zeros before the first step), updated in place
     * @param mOffset the index in {@code m} of its first element
     * @param v the second-moment estimates (zeros before the first step), updated in place
     * @param vOffset the index in {@code v} of its first element
     * @param length the number of elements
     * @param lr the learning rate, finite and not negative
     * @param beta1 the first moment's decay, in [0, 1) (0.9 is usual)
     * @param beta2 the second moment's decay, in [0, 1) (0.999 is usual)
     * @param eps added to the root of the second moment, positive and finite (1e-8 is usual)
     * @param weightDecay the decoupled weight decay, finite and not negative (0 for plain Adam)
     * @param step the number of this step, counting from 1, for the bias corrections
     */
    public static void adam(float[] param, int pOffset, float[] grad, int gOffset, float[] m, int mOffset, float[] v,
            int vOffset, int length, float lr, float beta1, float beta2, float eps, float weightDecay, long step) {
        notNull(param, "param");
        notNull(grad, "grad");
        notNull(m, "m");
        notNull(v, "v");
        Checks.nonNegative(length, "length");
        segment(param, "param", pOffset, "pOffset", length);
        segment(grad, "grad", gOffset, "gOffset", length);
        segment(m, "m", mOffset, "mOffset", length);
        segment(v, "v", vOffset, "vOffset", length);
        Aliasing.disjoint(grad, "grad", gOffset, length, param, "param", pOffset, length);
        Aliasing.disjoint(grad, "grad", gOffset, length, m, "m", mOffset, length);
        Aliasing.disjoint(grad, "grad", gOffset, length, v, "v", vOffset, length);
        Aliasing.disjoint(param, "param", pOffset, length, m, "m", mOffset, length);
        Aliasing.disjoint(param, "param", pOffset, length, v, "v", vOffset, length);
        Aliasing.disjoint(m, "m", mOffset, length, v, "v", vOffset, length);
        notNegativeFinite(lr, "lr");
        unitInterval(beta1, "beta1");
        unitInterval(beta2, "beta2");
        if (!(eps > 0) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be positive and finite: " + eps);
        }
        notNegativeFinite(weightDecay, "weightDecay");
        if (step < 1) {
            throw new IllegalArgumentException("step counts from 1: " + step);
        }
        KERNELS.adamStep(param, pOffset, grad, gOffset, m, mOffset, v, vOffset, length, lr, beta1, beta2, eps,
                weightDecay, step);
    }

    /**
     * {@link #adam(float[], int, float[], int, float[], int, float[], int, int, float, float, float, float, float, long)}
     * over whole arrays, all of the same length.
     *
     * @param param the parameters, updated in place
     * @param grad the gradients of the loss with respect to the parameters; only read
     * @param m the first-moment estimates (zeros before the first step), updated in place
     * @param v the second-moment estimates (zeros before the first step), updated in place
     * @param lr the learning rate, finite and not negative
     * @param beta1 the first moment's decay, in [0, 1)
     * @param beta2 the second moment's decay, in [0, 1)
     * @param eps added to the root of the second moment, positive and finite
     * @param weightDecay the decoupled weight decay, finite and not negative
     * @param step the number of this step, counting from 1
     */
    public static void adam(float[] param, float[] grad, float[] m, float[] v, float lr, float beta1, float beta2,
            float eps, float weightDecay, long step) {
        sameLength(param, "param", grad, "grad");
        sameLength(param, "param", m, "m");
        sameLength(param, "param", v, "v");
        adam(param, 0, grad, 0, m, 0, v, 0, param.length, lr, beta1, beta2, eps, weightDecay, step);
    }

    /**
     * One step of SGD with momentum and weight decay, as PyTorch's {@code SGD} computes it
     * (dampening 0, not Nesterov), for each element i:
     * <pre>
     *   velocity = momentum · velocity + (g + weightDecay · p)
     *   p        = p - lr · velocity
     * </pre>
     * with the new velocity in the second line; each line is one fused multiply-add after the
     * inner {@code g + weightDecay · p}, itself one. With momentum 0 the velocity is just the
     * (decayed) gradient, and its array is still written.
     *
     * <p>Accuracy: the new velocity within 1 ulp of {@code max(|velocity'|, |g + weightDecay·p|)},
     * the new parameter within 1 ulp of itself plus lr times the velocity's error.
     *
     * @param param the parameters, updated in place
     * @param pOffset the index in {@code param} of its first element
     * @param grad the gradients of the loss with respect to the parameters; only read
     * @param gOffset the index in {@code grad} of its first element
     * @param velocity the momentum buffer (zeros before the first step), updated in place
     * @param vOffset the index in {@code velocity} of its first element
     * @param length the number of elements
     * @param lr the learning rate, finite and not negative
     * @param momentum the velocity's decay, in [0, 1)
     * @param weightDecay the L2 weight decay added to the gradient, finite and not negative
     */
    public static void sgd(float[] param, int pOffset, float[] grad, int gOffset, float[] velocity, int vOffset,
            int length, float lr, float momentum, float weightDecay) {
        notNull(param, "param");
        notNull(grad, "grad");
        notNull(velocity, "velocity");
        Checks.nonNegative(length, "length");
        segment(param, "param", pOffset, "pOffset", length);
        segment(grad, "grad", gOffset, "gOffset", length);
        segment(velocity, "velocity", vOffset, "vOffset", length);
        Aliasing.disjoint(grad, "grad", gOffset, length, param, "param", pOffset, length);
        Aliasing.disjoint(grad, "grad", gOffset, length, velocity, "velocity", vOffset, length);
        Aliasing.disjoint(param, "param", pOffset, length, velocity, "velocity", vOffset, length);
        notNegativeFinite(lr, "lr");
        unitInterval(momentum, "momentum");
        notNegativeFinite(weightDecay, "weightDecay");
        KERNELS.sgd(param, pOffset, grad, gOffset, velocity, vOffset, length, lr, momentum, weightDecay);
    }

    /**
     * {@link #sgd(float[], int, float[], int, float[], int, int, float, float, float)} over whole
     * arrays, all of the same length.
     *
     * @param param the parameters, updated in place
     * @param grad the gradients of the loss with respect to the parameters; only read
     * @param velocity the momentum buffer (zeros before the first step), updated in place
     * @param lr the learning rate, finite and not negative
     * @param momentum the velocity's decay, in [0, 1)
     * @param weightDecay the L2 weight decay added to the gradient, finite and not negative
     */
    public static void sgd(float[] param, float[] grad, float[] velocity, float lr, float momentum,
            float weightDecay) {
        sameLength(param, "param", grad, "grad");
        sameLength(param, "param", velocity, "velocity");
        sgd(param, 0, grad, 0, velocity, 0, param.length, lr, momentum, weightDecay);
    }

    private static void notNegativeFinite(float value, String name) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and not negative: " + value);
        }
    }

    private static void unitInterval(float value, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1): " + value);
        }
    }

    private static void sameLength(float[] a, String aName, float[] b, String bName) {
        notNull(a, aName);
        notNull(b, bName);
        Checks.sameLength(a.length, aName, b.length, bName);
    }
}
