package dev.lanewise.kernels.internal;

/**
 * The element-wise activation kernels behind {@link dev.lanewise.kernels.Activations}, one
 * implementation per strategy (plain scalar Java, Vector API). Callers have validated every
 * argument: implementations do no checks of their own and may assume every index is in range.
 *
 * <p>Internal API: it may change in any release.
 */
public interface ActivationKernels {

    /** {@code y[yOffset+i] = x[xOffset+i] <= 0 ? 0 : x[xOffset+i]} for {@code i < length}. */
    void relu(float[] x, int xOffset, float[] y, int yOffset, int length);

    /**
     * As {@link #relu(float[], int, float[], int, int)}, and sets bit {@code i} of the packed
     * keep-mask ({@code mask[i >>> 6] >>> (i & 63) & 1}) to {@code !(x[xOffset+i] <= 0)}; bits past
     * {@code length} in the last word are cleared.
     */
    void relu(float[] x, int xOffset, float[] y, int yOffset, long[] mask, int length);

    /** {@code dx[dxOffset+i] = bit i of mask ? dy[dyOffset+i] : 0}. */
    void reluBackward(float[] dy, int dyOffset, long[] mask, float[] dx, int dxOffset, int length);

    /** {@code dx[dxOffset+i] = x[xOffset+i] > 0 ? dy[dyOffset+i] : 0}. */
    void reluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length);

    /** {@code y = 1 / (1 + exp(-x))}, element-wise. */
    void sigmoid(float[] x, int xOffset, float[] y, int yOffset, int length);

    /** {@code dx = dy * y * (1 - y)}, element-wise. */
    void sigmoidBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length);

    /**
     * {@code y = tanh(x)}, element-wise, as {@code sign(x) · (-m) / (m + 2)} with
     * {@code m = expm1(-2|x|)}, and ±1 for |x| > 9.1 (see {@link ScalarActivationKernels#TANH_SATURATION}).
     */
    void tanh(float[] x, int xOffset, float[] y, int yOffset, int length);

    /** {@code dx = dy * (1 - y²)}, with {@code 1 - y²} as one fused multiply-add. */
    void tanhBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length);

    /** {@code y = x * sigmoid(x)}, element-wise. */
    void silu(float[] x, int xOffset, float[] y, int yOffset, int length);

    /** {@code dx = dy * s * (1 + x (1 - s))} with {@code s = sigmoid(x)}, element-wise. */
    void siluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length);

    /** {@code y = x·Φ(x)} (exact GELU), element-wise. */
    void gelu(float[] x, int xOffset, float[] y, int yOffset, int length);

    /** {@code dx = dy·(Φ(x) + x·φ(x))}, element-wise. */
    void geluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length);

    /** {@code y = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, element-wise. */
    void geluTanh(float[] x, int xOffset, float[] y, int yOffset, int length);

    /** The derivative of {@link #geluTanh} times dy, element-wise. */
    void geluTanhBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length);

    /** {@code y = x > 0 ? x : alpha * x}, element-wise. */
    void leakyRelu(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha);

    /** {@code dx = x > 0 ? dy : alpha * dy}, element-wise. */
    void leakyReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length,
            float alpha);
}
