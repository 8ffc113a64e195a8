package dev.lanewise.kernels;

import static dev.lanewise.kernels.Checks.notNull;
import static dev.lanewise.kernels.Checks.segment;

import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;

/**
 * Element-wise activations and their gradients: ReLU (with a packed keep-mask), leaky ReLU, the
 * logistic sigmoid, tanh, SiLU (swish) and GELU (exact and tanh form).
 *
 * <p>Every method works on segments {@code array[offset ... offset + length)}, in the style of
 * {@link System#arraycopy}, and writes nothing outside its output segment. An output may be the
 * same array at the same offset as an input (in place); any other overlap of an output with an
 * input in the same array is refused with {@link IllegalArgumentException} naming both, since the
 * kernels would read elements they have already overwritten. Methods are static, thread-safe and
 * allocate nothing. All arguments are checked before anything is written: a null array throws
 * {@link NullPointerException} naming it; a negative length throws
 * {@link IllegalArgumentException}; an offset or length outside an array (including
 * {@code offset + length} overflowing int) or a mask too short throws
 * {@link IndexOutOfBoundsException}, each message naming the argument; a leaky ReLU slope outside
 * (0, 1] throws {@link IllegalArgumentException}.
 *
 * <p>Every result is the same bits on every vector width, JDK and JIT tier and on the scalar
 * implementation. The one opt-in exception, {@code -Dlanewise.exp=library}, changes sigmoid's exp
 * (and softmax's); tanh, SiLU and GELU always use the library's own exp polynomial.
 *
 * <p>The work runs on the implementation {@link Lanewise#implementation()} reports.
 */
public final class Activations {
    private Activations() {}

    private static final ActivationKernels KERNELS = Kernels.family(ActivationKernels.class, KernelProvider::activations);

    /**
     * The number of {@code long} words a keep-mask for {@code length} elements needs.
     *
     * @param length the number of elements, not negative
     * @return {@code ceil(length / 64)}
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public static int maskWords(int length) {
        Checks.nonNegative(length, "length");
        return (int) (((long) length + 63) >>> 6);
    }

    /**
     * ReLU: {@code y[yOffset+i] = x[xOffset+i] <= 0 ? 0 : x[xOffset+i]} for {@code 0 <= i < length}.
     * NaN stays NaN; -0 gives +0. Exact.
     *
     * @param x the input
     * @param xOffset the index in {@code x} of its first element
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     * @param yOffset the index in {@code y} of its first element
     * @param length the number of elements
     */
    public static void relu(float[] x, int xOffset, float[] y, int yOffset, int length) {
        checkUnary(x, "x", xOffset, "xOffset", y, "y", yOffset, "yOffset", length);
        KERNELS.relu(x, xOffset, y, yOffset, length);
    }

    /**
     * ReLU of the whole array {@code x} into {@code y} (same length).
     *
     * @param x the input
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     */
    public static void relu(float[] x, float[] y) {
        sameLength(x, "x", y, "y");
        relu(x, 0, y, 0, x.length);
    }

    /**
     * ReLU, also recording which elements passed: bit {@code i} of the packed keep-mask
     * ({@code (mask[i >>> 6] >>> (i & 63)) & 1}) is 1 iff {@code !(x[xOffset+i] <= 0)}, so 1 for
     * positive inputs and for NaN. Words {@code 0 ... maskWords(length) - 1} are written; the bits
     * past {@code length} in the last word are cleared. A 32× smaller record than a copy of x.
     *
     * @param x the input
     * @param xOffset the index in {@code x} of its first element
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     * @param yOffset the index in {@code y} of its first element
     * @param mask at least {@link #maskWords(int) maskWords(length)} words, starting at index 0
     * @param length the number of elements
     */
    public static void relu(float[] x, int xOffset, float[] y, int yOffset, long[] mask, int length) {
        checkUnary(x, "x", xOffset, "xOffset", y, "y", yOffset, "yOffset", length);
        checkMask(mask, length);
        KERNELS.relu(x, xOffset, y, yOffset, mask, length);
    }

    /**
     * ReLU with keep-mask over the whole array {@code x} into {@code y} (same length).
     *
     * @param x the input
     * @param y receives the result; may be {@code x}
     * @param mask receives the keep-mask, at least {@link #maskWords(int) maskWords(x.length)} words from index 0
     */
    public static void relu(float[] x, float[] y, long[] mask) {
        sameLength(x, "x", y, "y");
        relu(x, 0, y, 0, mask, x.length);
    }

    /**
     * ReLU's gradient from the keep-mask written by the forward pass:
     * {@code dx[dxOffset+i] = bit i of mask ? dy[dyOffset+i] : 0}. Where the element was dropped
     * the gradient is 0 even if {@code dy} is NaN or infinite (nothing is multiplied). A NaN input
     * keeps its gradient here (its bit is set), unlike in
     * {@link #reluBackwardFromInput(float[], int, float[], int, float[], int, int)}. Exact.
     *
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dyOffset the index in {@code dy} of its first element
     * @param mask the keep-mask the forward {@code relu} wrote, at least {@link #maskWords(int) maskWords(length)} words from index 0
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     * @param dxOffset the index in {@code dx} of its first element
     * @param length the number of elements
     */
    public static void reluBackwardFromMask(float[] dy, int dyOffset, long[] mask, float[] dx, int dxOffset, int length) {
        checkUnary(dy, "dy", dyOffset, "dyOffset", dx, "dx", dxOffset, "dxOffset", length);
        checkMask(mask, length);
        KERNELS.reluBackward(dy, dyOffset, mask, dx, dxOffset, length);
    }

    /**
     * {@link #reluBackwardFromMask(float[], int, long[], float[], int, int)} over whole arrays.
     *
     * @param dy the gradient of the loss with respect to the activation's output
     * @param mask the keep-mask the forward {@code relu} wrote, at least {@link #maskWords(int) maskWords(dy.length)} words from index 0
     * @param dx receives the gradient with respect to its input; may be {@code dy}
     */
    public static void reluBackwardFromMask(float[] dy, long[] mask, float[] dx) {
        sameLength(dy, "dy", dx, "dx");
        reluBackwardFromMask(dy, 0, mask, dx, 0, dy.length);
    }

    /**
     * ReLU's gradient from the forward input, with no mask kept:
     * {@code dx[dxOffset+i] = x[xOffset+i] > 0 ? dy[dyOffset+i] : 0}. Note that a NaN input drops
     * its gradient here ({@code NaN > 0} is false) while the keep-mask passes it (see
     * {@link #reluBackwardFromMask(float[], int, long[], float[], int, int)}), hence the two names. Exact.
     *
     * @param x the input of the forward ReLU
     * @param xOffset the index in {@code x} of its first element
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dyOffset the index in {@code dy} of its first element
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     * @param dxOffset the index in {@code dx} of its first element
     * @param length the number of elements
     */
    public static void reluBackwardFromInput(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length) {
        checkBinary(x, "x", xOffset, "xOffset", dy, "dy", dyOffset, "dyOffset", dx, "dx", dxOffset, "dxOffset", length);
        KERNELS.reluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /**
     * {@link #reluBackwardFromInput(float[], int, float[], int, float[], int, int)} over whole arrays.
     *
     * @param x the input of the forward ReLU
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     */
    public static void reluBackwardFromInput(float[] x, float[] dy, float[] dx) {
        sameLength(x, "x", dy, "dy");
        sameLength(x, "x", dx, "dx");
        reluBackwardFromInput(x, 0, dy, 0, dx, 0, x.length);
    }

    /**
     * The logistic sigmoid {@code y = 1 / (1 + exp(-x))}, element-wise.
     *
     * <p>Accuracy: at most 3 ulp from the correctly rounded result for every input whose result
     * is a normal float; results below {@link Float#MIN_NORMAL} (x below about -87.3) are within
     * {@code Float.MIN_NORMAL} absolute (the Vector API kernel flushes them to 0). sigmoid(±0) = 0.5,
     * sigmoid(+Inf) = 1, sigmoid(-Inf) = 0, NaN gives NaN; a non-NaN input never gives NaN or a
     * result outside [0, 1]. It is computed from {@code exp(-|x|)}, which cannot overflow.
     *
     * @param x the input
     * @param xOffset the index in {@code x} of its first element
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     * @param yOffset the index in {@code y} of its first element
     * @param length the number of elements
     */
    public static void sigmoid(float[] x, int xOffset, float[] y, int yOffset, int length) {
        checkUnary(x, "x", xOffset, "xOffset", y, "y", yOffset, "yOffset", length);
        KERNELS.sigmoid(x, xOffset, y, yOffset, length);
    }

    /**
     * {@link #sigmoid(float[], int, float[], int, int)} of the whole array {@code x} into {@code y}.
     *
     * @param x the input
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     */
    public static void sigmoid(float[] x, float[] y) {
        sameLength(x, "x", y, "y");
        sigmoid(x, 0, y, 0, x.length);
    }

    /**
     * The sigmoid's gradient from its forward output {@code y}:
     * {@code dx = dy * y * (1 - y)}, evaluated in float in that order; within 4 ulp of the same
     * expression in double (in practice within 1.5).
     *
     * @param y the output of the forward sigmoid
     * @param yOffset the index in {@code y} of its first element
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dyOffset the index in {@code dy} of its first element
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     * @param dxOffset the index in {@code dx} of its first element
     * @param length the number of elements
     */
    public static void sigmoidBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length) {
        checkBinary(y, "y", yOffset, "yOffset", dy, "dy", dyOffset, "dyOffset", dx, "dx", dxOffset, "dxOffset", length);
        KERNELS.sigmoidBackward(y, yOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /**
     * {@link #sigmoidBackward(float[], int, float[], int, float[], int, int)} over whole arrays.
     *
     * @param y the output of the forward sigmoid
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     */
    public static void sigmoidBackward(float[] y, float[] dy, float[] dx) {
        sameLength(y, "y", dy, "dy");
        sameLength(y, "y", dx, "dx");
        sigmoidBackward(y, 0, dy, 0, dx, 0, y.length);
    }

    /**
     * The hyperbolic tangent, element-wise.
     *
     * <p>Accuracy: at most 3 ulp from the correctly rounded result for every float input
     * (checked over all 2^32 of them). tanh(±0) = ±0 and the sign of every result is that of x;
     * |x| of 9.1 and more (where tanh rounds to ±1 in float) gives exactly ±1, ±Inf too; NaN gives
     * NaN; a non-NaN input never gives NaN or a result outside [-1, 1]. It is computed as
     * {@code sign(x)·(-m)/(m + 2)} with {@code m = expm1(-2|x|)}, from sigmoid's exp reduction and
     * polynomial, so it neither overflows nor loses accuracy to cancellation near 0.
     *
     * @param x the input
     * @param xOffset the index in {@code x} of its first element
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     * @param yOffset the index in {@code y} of its first element
     * @param length the number of elements
     */
    public static void tanh(float[] x, int xOffset, float[] y, int yOffset, int length) {
        checkUnary(x, "x", xOffset, "xOffset", y, "y", yOffset, "yOffset", length);
        KERNELS.tanh(x, xOffset, y, yOffset, length);
    }

    /**
     * {@link #tanh(float[], int, float[], int, int)} of the whole array {@code x} into {@code y}.
     *
     * @param x the input
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     */
    public static void tanh(float[] x, float[] y) {
        sameLength(x, "x", y, "y");
        tanh(x, 0, y, 0, x.length);
    }

    /**
     * tanh's gradient from its forward output {@code y}: {@code dx = dy * (1 - y²)}, with
     * {@code 1 - y²} rounded once (a fused multiply-add, so nothing cancels as |y| nears 1) and
     * then multiplied by dy: within 1.5 ulp of {@code dy * (1 - y*y)} evaluated exactly.
     *
     * @param y the output of the forward tanh
     * @param yOffset the index in {@code y} of its first element
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dyOffset the index in {@code dy} of its first element
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     * @param dxOffset the index in {@code dx} of its first element
     * @param length the number of elements
     */
    public static void tanhBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length) {
        checkBinary(y, "y", yOffset, "yOffset", dy, "dy", dyOffset, "dyOffset", dx, "dx", dxOffset, "dxOffset", length);
        KERNELS.tanhBackward(y, yOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /**
     * {@link #tanhBackward(float[], int, float[], int, float[], int, int)} over whole arrays.
     *
     * @param y the output of the forward tanh
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     */
    public static void tanhBackward(float[] y, float[] dy, float[] dx) {
        sameLength(y, "y", dy, "dy");
        sameLength(y, "y", dx, "dx");
        tanhBackward(y, 0, dy, 0, dx, 0, y.length);
    }

    /**
     * SiLU (swish), {@code y = x * sigmoid(x) = x / (1 + exp(-x))}, element-wise.
     *
     * <p>Accuracy: at most 4 ulp from the correctly rounded result for every input from
     * -87.33 up (checked over all 2^32 floats). Below -87.33 (the negative tail, where exp(x) is
     * under {@link Float#MIN_NORMAL}) the result is -0, within 1.1e-36 absolute of the exact value.
     * silu(±0) = ±0, silu(+Inf) = +Inf, silu(-Inf) = -0, NaN gives NaN; a non-NaN input never gives
     * NaN. It is computed as {@code (x > 0 ? x : x·e) / (1 + e)} with {@code e = exp(-|x|)}, as
     * sigmoid is, so nothing overflows.
     *
     * @param x the input
     * @param xOffset the index in {@code x} of its first element
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     * @param yOffset the index in {@code y} of its first element
     * @param length the number of elements
     */
    public static void silu(float[] x, int xOffset, float[] y, int yOffset, int length) {
        checkUnary(x, "x", xOffset, "xOffset", y, "y", yOffset, "yOffset", length);
        KERNELS.silu(x, xOffset, y, yOffset, length);
    }

    /**
     * {@link #silu(float[], int, float[], int, int)} of the whole array {@code x} into {@code y}.
     *
     * @param x the input
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     */
    public static void silu(float[] x, float[] y) {
        sameLength(x, "x", y, "y");
        silu(x, 0, y, 0, x.length);
    }

    /**
     * SiLU's gradient from its forward input {@code x}: {@code dx = dy * s * (1 + x * (1 - s))}
     * with {@code s = sigmoid(x)}; s and {@code 1 - s = sigmoid(-x)} both come from one
     * {@code exp(-|x|)}, so {@code 1 - s} does not cancel for large x.
     *
     * <p>Accuracy: within {@code 2^-20 · |dy| · s · (1 + |x| · (1 - s))} of the exact value, that
     * is about 8 ulp measured against the size of the terms (the derivative crosses 0 at
     * x = -1.2785, where no float formula keeps a relative bound); plus 1.1e-36 · |dy| absolute
     * below x = -87.33, where exp(x) is flushed to 0. x = +Inf gives {@code dy}, x = -Inf gives
     * {@code ±0 · dy}.
     *
     * @param x the input of the forward SiLU
     * @param xOffset the index in {@code x} of its first element
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dyOffset the index in {@code dy} of its first element
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     * @param dxOffset the index in {@code dx} of its first element
     * @param length the number of elements
     */
    public static void siluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length) {
        checkBinary(x, "x", xOffset, "xOffset", dy, "dy", dyOffset, "dyOffset", dx, "dx", dxOffset, "dxOffset", length);
        KERNELS.siluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /**
     * {@link #siluBackward(float[], int, float[], int, float[], int, int)} over whole arrays.
     *
     * @param x the input of the forward SiLU
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     */
    public static void siluBackward(float[] x, float[] dy, float[] dx) {
        sameLength(x, "x", dy, "dy");
        sameLength(x, "x", dx, "dx");
        siluBackward(x, 0, dy, 0, dx, 0, x.length);
    }

    /**
     * GELU, the exact form: {@code y = x·Φ(x) = 0.5·x·(1 + erf(x/√2))}, element-wise (Φ is the
     * standard normal distribution function).
     *
     * <p>Accuracy: at most 6 ulp from the correctly rounded result for every input from
     * -13.21639 up (the exhaustive test profile checks all 2^32 floats). Below, where exp(-x²/2) is under
     * {@link Float#MIN_NORMAL}, the result is within 4.7e-39 absolute of the exact value (the
     * exact results there are subnormal), -0 from -13.216395 down. gelu(±0) = ±0,
     * gelu(+Inf) = +Inf, gelu(-Inf) = -0, gelu(x) = x exactly from x = 5.35 up (where Φ(x)
     * rounds to 1), NaN gives NaN; a non-NaN input never gives NaN. It is computed from one tail probability, {@code Φ(-|x|)}, as
     * {@code exp(-x²/2)·t·Q(t)} with {@code t = 1/(1 + 9|x|/32)} and Q a degree-9 polynomial of
     * this library's own fit: as {@code x·Φ(-|x|)} for x ≤ 0 and {@code x - x·Φ(-|x|)} for
     * x &gt; 0, so Φ is never formed by a subtraction that could cancel on the negative side.
     *
     * @param x the input
     * @param xOffset the index in {@code x} of its first element
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     * @param yOffset the index in {@code y} of its first element
     * @param length the number of elements
     */
    public static void gelu(float[] x, int xOffset, float[] y, int yOffset, int length) {
        checkUnary(x, "x", xOffset, "xOffset", y, "y", yOffset, "yOffset", length);
        KERNELS.gelu(x, xOffset, y, yOffset, length);
    }

    /**
     * {@link #gelu(float[], int, float[], int, int)} of the whole array {@code x} into {@code y}.
     *
     * @param x the input
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     */
    public static void gelu(float[] x, float[] y) {
        sameLength(x, "x", y, "y");
        gelu(x, 0, y, 0, x.length);
    }

    /**
     * GELU's gradient from its forward input {@code x}: {@code dx = dy·(Φ(x) + x·φ(x))}, with
     * φ the standard normal density, computed as {@code g·(r + x/√(2π))} for x ≤ 0 and
     * {@code 1 + g·(x/√(2π) - r)} for x &gt; 0 from the forward's {@code g = exp(-x²/2)} and
     * {@code r = Φ(-|x|)/g}.
     *
     * <p>Accuracy: within {@code 2^-20·|dy|·(Φ(x) + |x|·φ(x))} of the exact value, that is 16
     * units of 2^-24 of the size of the terms (the derivative crosses 0 at x = -0.7518, where no
     * float formula keeps a relative bound); plus 6.2e-38·|dy| absolute below x = -13.21639,
     * where exp(-x²/2) is flushed to 0. x = +Inf gives {@code dy}, x = -Inf
     * gives {@code ±0·dy}.
     *
     * @param x the input of the forward GELU
     * @param xOffset the index in {@code x} of its first element
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dyOffset the index in {@code dy} of its first element
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     * @param dxOffset the index in {@code dx} of its first element
     * @param length the number of elements
     */
    public static void geluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length) {
        checkBinary(x, "x", xOffset, "xOffset", dy, "dy", dyOffset, "dyOffset", dx, "dx", dxOffset, "dxOffset", length);
        KERNELS.geluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /**
     * {@link #geluBackward(float[], int, float[], int, float[], int, int)} over whole arrays.
     *
     * @param x the input of the forward GELU
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     */
    public static void geluBackward(float[] x, float[] dy, float[] dx) {
        sameLength(x, "x", dy, "dy");
        sameLength(x, "x", dx, "dx");
        geluBackward(x, 0, dy, 0, dx, 0, x.length);
    }

    /**
     * GELU, the tanh approximation:
     * {@code y = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, element-wise (the formula itself is
     * the reference: the accuracy below is against it, not against
     * {@link #gelu(float[], int, float[], int, int) exact GELU}, from which it differs by up to
     * about 4.7e-4).
     *
     * <p>Accuracy: at most 4 ulp from the correctly rounded result for every input from -10.001
     * up (checked over all 2^32 floats). Below -10.001 (where exp(-|z|) with
     * {@code z = 2√(2/π)·(x + 0.044715·x³)} is under {@link Float#MIN_NORMAL}) the result is -0,
     * within 1.2e-37 absolute of the exact value. geluTanh(±0) = ±0, geluTanh(+Inf) = +Inf,
     * geluTanh(-Inf) = -0, geluTanh(x) = x exactly from x = 5.35 up, NaN gives NaN; a non-NaN
     * input never gives NaN. It is computed as
     * {@code x·sigmoid(z)} in SiLU's form, {@code (x > 0 ? x : x·g) / (1 + g)} with
     * {@code g = exp(-|z|)}, so tanh is never formed and nothing overflows or cancels; z is
     * carried in double-float arithmetic (an error δ in z would come back as |z|·δ, up to 87·δ,
     * on the negative side).
     *
     * @param x the input
     * @param xOffset the index in {@code x} of its first element
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     * @param yOffset the index in {@code y} of its first element
     * @param length the number of elements
     */
    public static void geluTanh(float[] x, int xOffset, float[] y, int yOffset, int length) {
        checkUnary(x, "x", xOffset, "xOffset", y, "y", yOffset, "yOffset", length);
        KERNELS.geluTanh(x, xOffset, y, yOffset, length);
    }

    /**
     * {@link #geluTanh(float[], int, float[], int, int)} of the whole array {@code x} into {@code y}.
     *
     * @param x the input
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     */
    public static void geluTanh(float[] x, float[] y) {
        sameLength(x, "x", y, "y");
        geluTanh(x, 0, y, 0, x.length);
    }

    /**
     * The gradient of the tanh form from its forward input {@code x}:
     * {@code dx = dy·s·(1 + x·z'·(1 - s))} with {@code s = sigmoid(z) = (1 + tanh(z/2))/2},
     * {@code z = 2√(2/π)·(x + 0.044715·x³)} and {@code z' = 2√(2/π)·(1 + 3·0.044715·x²)}; s and
     * {@code 1 - s} both come from one {@code exp(-|z|)}, so {@code 1 - s} does not cancel.
     *
     * <p>Accuracy: within {@code 2^-20·|dy|·s·(1 + |x·z'|·(1 - s))} of the exact value, 16 units
     * of 2^-24 of the size of the terms (the derivative crosses 0 at x = -0.7525); plus
     * 2.8e-36·|dy| absolute below x = -10.001, where exp(-|z|) is flushed to 0.
     * x = +Inf gives {@code dy}, x = -Inf gives {@code ±0·dy}.
     *
     * @param x the input of the forward GELU (tanh form)
     * @param xOffset the index in {@code x} of its first element
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dyOffset the index in {@code dy} of its first element
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     * @param dxOffset the index in {@code dx} of its first element
     * @param length the number of elements
     */
    public static void geluTanhBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length) {
        checkBinary(x, "x", xOffset, "xOffset", dy, "dy", dyOffset, "dyOffset", dx, "dx", dxOffset, "dxOffset", length);
        KERNELS.geluTanhBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length);
    }

    /**
     * {@link #geluTanhBackward(float[], int, float[], int, float[], int, int)} over whole arrays.
     *
     * @param x the input of the forward GELU (tanh form)
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     */
    public static void geluTanhBackward(float[] x, float[] dy, float[] dx) {
        sameLength(x, "x", dy, "dy");
        sameLength(x, "x", dx, "dx");
        geluTanhBackward(x, 0, dy, 0, dx, 0, x.length);
    }

    /**
     * Leaky ReLU: {@code y = x > 0 ? x : alpha * x}, element-wise. Correctly rounded (the one
     * product is the only rounding): NaN gives NaN, -0 gives -0, -Inf gives -Inf.
     *
     * @param x the input
     * @param xOffset the index in {@code x} of its first element
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     * @param yOffset the index in {@code y} of its first element
     * @param length the number of elements
     * @param alpha the slope for inputs that are not positive, in (0, 1] (0 would make -Inf · 0 =
     *     NaN; {@link #relu(float[], int, float[], int, int) relu} is that case)
     * @throws IllegalArgumentException also if alpha is not in (0, 1]
     */
    public static void leakyRelu(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha) {
        checkUnary(x, "x", xOffset, "xOffset", y, "y", yOffset, "yOffset", length);
        checkSlope(alpha);
        KERNELS.leakyRelu(x, xOffset, y, yOffset, length, alpha);
    }

    /**
     * {@link #leakyRelu(float[], int, float[], int, int, float)} of the whole array {@code x} into {@code y}.
     *
     * @param x the input
     * @param y receives the result; may be {@code x} at the same offset, must not overlap it otherwise
     * @param alpha the slope for inputs that are not positive, in (0, 1]
     * @throws IllegalArgumentException also if alpha is not in (0, 1]
     */
    public static void leakyRelu(float[] x, float[] y, float alpha) {
        sameLength(x, "x", y, "y");
        leakyRelu(x, 0, y, 0, x.length, alpha);
    }

    /**
     * Leaky ReLU's gradient from its forward input {@code x}:
     * {@code dx = x > 0 ? dy : alpha * dy}, correctly rounded. A NaN input takes the slope alpha.
     *
     * @param x the input of the forward leaky ReLU
     * @param xOffset the index in {@code x} of its first element
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dyOffset the index in {@code dy} of its first element
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     * @param dxOffset the index in {@code dx} of its first element
     * @param length the number of elements
     * @param alpha the slope of the forward pass, in (0, 1]
     * @throws IllegalArgumentException also if alpha is not in (0, 1]
     */
    public static void leakyReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length, float alpha) {
        checkBinary(x, "x", xOffset, "xOffset", dy, "dy", dyOffset, "dyOffset", dx, "dx", dxOffset, "dxOffset", length);
        checkSlope(alpha);
        KERNELS.leakyReluBackward(x, xOffset, dy, dyOffset, dx, dxOffset, length, alpha);
    }

    /**
     * {@link #leakyReluBackward(float[], int, float[], int, float[], int, int, float)} over whole arrays.
     *
     * @param x the input of the forward leaky ReLU
     * @param dy the gradient of the loss with respect to the activation's output
     * @param dx receives the gradient with respect to its input; may be an input at the same offset, must not overlap one otherwise
     * @param alpha the slope of the forward pass, in (0, 1]
     * @throws IllegalArgumentException also if alpha is not in (0, 1]
     */
    public static void leakyReluBackward(float[] x, float[] dy, float[] dx, float alpha) {
        sameLength(x, "x", dy, "dy");
        sameLength(x, "x", dx, "dx");
        leakyReluBackward(x, 0, dy, 0, dx, 0, x.length, alpha);
    }

    /** The leaky ReLU slope: in (0, 1], so NaN, 0, negative, above 1 and infinite are refused. */
    static void checkSlope(float alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1] (for 0 use relu): " + alpha);
        }
    }

    private static void checkUnary(float[] in, String inName, int inOffset, String inOffsetName, float[] out,
            String outName, int outOffset, String outOffsetName, int length) {
        notNull(in, inName);
        notNull(out, outName);
        Checks.nonNegative(length, "length");
        segment(in, inName, inOffset, inOffsetName, length);
        segment(out, outName, outOffset, outOffsetName, length);
        Aliasing.identicalOrDisjoint(in, inName, inOffset, out, outName, outOffset, length);
    }

    private static void checkBinary(float[] a, String aName, int aOffset, String aOffsetName, float[] b, String bName,
            int bOffset, String bOffsetName, float[] out, String outName, int outOffset, String outOffsetName,
            int length) {
        notNull(b, bName);
        checkUnary(a, aName, aOffset, aOffsetName, out, outName, outOffset, outOffsetName, length);
        segment(b, bName, bOffset, bOffsetName, length);
        Aliasing.identicalOrDisjoint(b, bName, bOffset, out, outName, outOffset, length);
    }

    private static void checkMask(long[] mask, int length) {
        notNull(mask, "mask");
        int words = maskWords(length);
        if (mask.length < words) {
            throw new IndexOutOfBoundsException(
                    "mask is too short: " + length + " elements need " + words + " words, mask has " + mask.length);
        }
    }

    private static void sameLength(float[] a, String aName, float[] b, String bName) {
        notNull(a, aName);
        notNull(b, bName);
        Checks.sameLength(a.length, aName, b.length, bName);
    }
}
