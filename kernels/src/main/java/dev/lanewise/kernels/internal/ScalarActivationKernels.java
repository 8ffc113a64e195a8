package dev.lanewise.kernels.internal;

/**
 * The scalar reference: each kernel is the formula, one element at a time, in float with the
 * operations the Vector API kernels run on each lane, so both give the same bits. This is the
 * model a port to SIMD starts from, the fallback where the Vector API is missing or slow, and
 * (for relu) what C2's auto-vectorizer already turns into SIMD code on its own.
 */
public final class ScalarActivationKernels implements ActivationKernels {

    public static final ScalarActivationKernels INSTANCE = new ScalarActivationKernels();

    private ScalarActivationKernels() {}

    // snippet: relu-scalar
    @Override
    public void relu(float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            // Math.max(v, 0) is exactly "v <= 0 ? 0 : v" in Java: NaN stays NaN and -0 gives +0.
            // Written as max, C2 auto-vectorizes the loop (a ternary stays scalar on JDK 17).
            y[yOffset + i] = Math.max(x[xOffset + i], 0f);
        }
    }
    // end-snippet

    @Override
    public void relu(float[] x, int xOffset, float[] y, int yOffset, long[] mask, int length) {
        reluWithMask(x, xOffset, y, yOffset, mask, 0, length);
    }

    /**
     * Elements {@code from} (a multiple of 64) to {@code length} of the masked relu; the vector
     * kernel finishes its last partial word here.
     */
    public static void reluWithMask(float[] x, int xOffset, float[] y, int yOffset, long[] mask, int from, int length) {
        long word = 0;
        for (int i = from; i < length; i++) {
            float v = x[xOffset + i];
            boolean keep = !(v <= 0); // true for v > 0 and for NaN, which relu passes through
            y[yOffset + i] = keep ? v : 0f;
            if (keep) {
                word |= 1L << i; // Java shifts a long by (i & 63)
            }
            if ((i & 63) == 63) {
                mask[i >>> 6] = word;
                word = 0;
            }
        }
        if ((length & 63) != 0) {
            mask[length >>> 6] = word; // the bits past length stay clear
        }
    }

    @Override
    public void reluBackward(float[] dy, int dyOffset, long[] mask, float[] dx, int dxOffset, int length) {
        reluBackwardWithMask(dy, dyOffset, mask, dx, dxOffset, 0, length);
    }

    /** Elements {@code from} to {@code length} of the mask-driven relu backward. */
    public static void reluBackwardWithMask(float[] dy, int dyOffset, long[] mask, float[] dx, int dxOffset, int from, int length) {
        for (int i = from; i < length; i++) {
            boolean kept = (mask[i >>> 6] >>> (i & 63) & 1) != 0;
            dx[dxOffset + i] = kept ? dy[dyOffset + i] : 0f;
        }
    }

    @Override
    public void reluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        for (int i = 0; i < length; i++) {
            dx[dxOffset + i] = x[xOffset + i] > 0 ? dy[dyOffset + i] : 0f;
        }
    }

    @Override
    public void sigmoid(float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] = sigmoid(x[xOffset + i]);
        }
    }

    /**
     * sigmoid(x) = (x > 0 ? 1 : e) / (1 + e) with e = exp(-|x|) in (0, 1]: both branches of the
     * logistic function from one exp that cannot overflow, in float, exactly as the Vector API
     * kernel computes each lane (so both give the same bits). For x > 0 this is
     * 1 / (1 + exp(-x)); for x <= 0 it is exp(x) / (1 + exp(x)), the same value.
     */
    // snippet: sigmoid-scalar
    static float sigmoid(float x) {
        float e = FloatExp.expNonPositive(-Math.abs(x));
        float numerator = x > 0 ? 1f : e;
        return numerator / (1f + e);
    }
    // end-snippet

    @Override
    public void sigmoidBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        for (int i = 0; i < length; i++) {
            float out = y[yOffset + i];
            dx[dxOffset + i] = dy[dyOffset + i] * out * (1f - out);
        }
    }
}
