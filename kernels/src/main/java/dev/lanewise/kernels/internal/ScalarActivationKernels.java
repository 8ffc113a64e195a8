package dev.lanewise.kernels.internal;

/**
 * The scalar reference: each kernel is the formula, one element at a time, in float with the
 * operations the Vector API kernels run on each lane, so both give the same bits. This is the
 * model a port to SIMD starts from, the fallback where the Vector API is missing or slow, and
 * (for relu) what C2's auto-vectorizer already turns into SIMD code on its own.
 */
public final class ScalarActivationKernels implements ActivationKernels {

    public static final ScalarActivationKernels INSTANCE = new ScalarActivationKernels();

    /**
     * tanh clamps |x| here: tanh(x) rounds to 1 in float from x = 9.0109 on (1 - tanh(x) is about
     * 2 e^(-2x) < 2^-25), so the result is exactly ±1 from here on, and exp(-2|x|) stays far above
     * exp's flush to zero (and ±Inf needs no special case).
     */
    public static final float TANH_SATURATION = 9.1f;

    /**
     * SiLU clamps x to [-SILU_CLAMP, SILU_CLAMP] where it multiplies x by exp(-|x|) (which is
     * flushed to 0 beyond 87.34), so that x = ±Inf meets 0 as -88 · 0, not as Inf · 0 = NaN.
     */
    public static final float SILU_CLAMP = 88f;

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

    @Override
    public void tanh(float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] = tanh(x[xOffset + i]);
        }
    }

    /**
     * tanh(x) = sign(x) · (-m) / (m + 2) with m = expm1(-2|x|) in [-1, 0]: tanh(a) =
     * (1 - e^(-2a)) / (1 + e^(-2a)) with the numerator taken from expm1, which keeps its relative
     * accuracy near 0 where 1 - exp(-2a) would cancel. {@code 0 - m} (not {@code -m}) keeps
     * tanh(±0) from picking up a sign before the sign of x is put on.
     */
    // snippet: tanh-scalar
    public static float tanh(float x) {
        float a = Math.abs(x);
        a = a > TANH_SATURATION ? TANH_SATURATION : a; // NaN stays NaN
        float m = FloatExp.expm1NonPositive(-2f * a);
        float magnitude = (0f - m) / (m + 2f);
        return Math.copySign(magnitude, x);
    }
    // end-snippet

    @Override
    public void tanhBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        for (int i = 0; i < length; i++) {
            float out = y[yOffset + i];
            // 1 - y² in one rounding: no cancellation as y nears ±1
            dx[dxOffset + i] = dy[dyOffset + i] * Math.fma(-out, out, 1f);
        }
    }

    @Override
    public void silu(float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] = silu(x[xOffset + i]);
        }
    }

    /**
     * silu(x) = x · sigmoid(x) = (x > 0 ? x : x·e) / (1 + e) with e = exp(-|x|), sigmoid's
     * overflow-free form with x folded into the numerator (one rounding fewer than x · sigmoid(x)).
     */
    // snippet: silu-scalar
    public static float silu(float x) {
        float e = FloatExp.expNonPositive(-Math.abs(x));
        float clamped = x < -SILU_CLAMP ? -SILU_CLAMP : x; // -Inf · 0 would be NaN
        float numerator = x > 0 ? x : clamped * e;
        return numerator / (1f + e);
    }
    // end-snippet

    @Override
    public void siluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        for (int i = 0; i < length; i++) {
            dx[dxOffset + i] = dy[dyOffset + i] * siluDerivative(x[xOffset + i]);
        }
    }

    /**
     * silu'(x) = s · (1 + x (1 - s)) with s = sigmoid(x). Both s and 1 - s = sigmoid(-x) come from
     * the one e = exp(-|x|) as quotients, so 1 - s does not cancel for large x; x is clamped to
     * ±SILU_CLAMP so that ±Inf gives 1 or 0, not Inf · 0.
     */
    public static float siluDerivative(float x) {
        float e = FloatExp.expNonPositive(-Math.abs(x));
        float denominator = 1f + e;
        float s = (x > 0 ? 1f : e) / denominator;
        float oneMinusS = (x > 0 ? e : 1f) / denominator;
        float clamped = x < -SILU_CLAMP ? -SILU_CLAMP : x > SILU_CLAMP ? SILU_CLAMP : x;
        return s * Math.fma(clamped, oneMinusS, 1f);
    }

    @Override
    public void leakyRelu(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha) {
        for (int i = 0; i < length; i++) {
            float v = x[xOffset + i];
            y[yOffset + i] = v > 0 ? v : alpha * v;
        }
    }

    @Override
    public void leakyReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length, float alpha) {
        for (int i = 0; i < length; i++) {
            float gradient = dy[dyOffset + i];
            dx[dxOffset + i] = x[xOffset + i] > 0 ? gradient : alpha * gradient;
        }
    }
}
