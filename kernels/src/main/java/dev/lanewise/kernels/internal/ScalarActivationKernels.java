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
     * tanh saturates above this |x|: tanh(x) rounds to 1 in float from x = 9.0109 on (1 - tanh(x)
     * is about 2 e^(-2x) < 2^-25), so the result is exactly ±1 past it, chosen by a comparison
     * after the exp (whose value for such |x|, down to exp's flush to zero and ±Inf, is dropped).
     * The formula at 9.1 itself gives 1 too, so this is the same function as clamping |x| to 9.1
     * first (the exhaustive digests did not change when the clamp moved).
     */
    public static final float TANH_SATURATION = 9.1f;

    /**
     * SiLU's stand-in for x where e = exp(-|x|) is flushed to 0 (|x| > 87.34, {@code -|x| <
     * FloatExp.FLUSH_BELOW}): the products x·e and x·(1 - s) take -88 there instead of x, so that
     * x = ±Inf meets 0 as -88 · 0, not as Inf · 0 = NaN. Any finite negative x gives the same
     * results there (-0 for x·e, and 1 or -0 after the other factors), so this is the same function
     * as clamping x to [-88, 88]; on lanes it is one compare fewer, because it reuses the flush's.
     */
    public static final float SILU_FLUSHED_X = -88f;

    /**
     * GELU (both forms) clamps |x| here before squaring it: from |x| = 13.22 on, exp(-x²/2) is
     * below Float.MIN_NORMAL and flushed to 0 (and the tanh form's exp(-|z|) from |x| = 10.0 on),
     * so the result is already exactly x (positive side) or -0 (negative side); the clamp keeps
     * x² finite and makes ±Inf meet that 0 as ±14 · 0, not as Inf · 0 = NaN.
     */
    public static final float GELU_CLAMP = 14f;

    /** c in t = 1 / (1 + c·u), the variable of GELU's erfc polynomial: 9/32, exact in float. */
    public static final float GELU_T_SCALE = 0x1.2p-2f;
    /** 1/c = 32/9, rounded (it scales a first-order correction only). */
    public static final float GELU_T_INVERSE_SCALE = 32f / 9f;

    /**
     * The coefficients of {@code Q}, degree 9: {@code t·Q(t)} approximates
     * {@code exp(u²/2)·Φ(-u) = erfcx(u/√2)/2} for u in [0, 13.25] with t = 1 / (1 + 9u/32), within
     * 7.5e-9 relative (0.13 ulp) with these float coefficients. Fitted for this library by
     * iteratively re-weighted least squares (Lawson) on the relative error, in double against
     * mpmath's erfc, each coefficient rounded to float in turn and the rest fitted again.
     */
    public static final float GELU_Q0 = 0x1.cba8dap-4f;
    public static final float GELU_Q1 = 0x1.c9d19ap-4f;
    public static final float GELU_Q2 = 0x1.b87e96p-4f;
    public static final float GELU_Q3 = 0x1.fc4c4cp-5f;
    public static final float GELU_Q4 = 0x1.25fc8p-3f;
    public static final float GELU_Q5 = -0x1.3bb6cap-3f;
    public static final float GELU_Q6 = 0x1.25de2ap-2f;
    public static final float GELU_Q7 = -0x1.0465bp-2f;
    public static final float GELU_Q8 = 0x1.94c012p-4f;
    public static final float GELU_Q9 = -0x1.da64a8p-7f;

    /** 1/√(2π), for the normal density in GELU's gradient. */
    public static final float INV_SQRT_2PI = 0x1.988454p-2f;

    /**
     * The tanh form's {@code z = 2√(2/π)·(x + 0.044715·x³) = x·(A + B·x²)}, with A and B as
     * float pairs (high part + low part, about 48 bits each): an error δ in z becomes an error
     * |z|·δ in exp(-|z|), up to 87 times δ, so z is computed in double-float arithmetic.
     */
    public static final float GELU_TANH_A_HI = 0x1.988454p0f;
    public static final float GELU_TANH_A_LO = -0x1.857936p-25f;
    public static final float GELU_TANH_B_HI = 0x1.2444f2p-4f;
    public static final float GELU_TANH_B_LO = 0x1.49b16ap-29f;
    /** 3·B (rounded), for z' = A + 3B·x² in the tanh form's gradient. */
    public static final float GELU_TANH_3B = 0x1.b6676cp-3f;

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
        float m = FloatExp.expm1NonPositive(-2f * a);
        float magnitude = a > TANH_SATURATION ? 1f : (0f - m) / (m + 2f); // NaN stays NaN
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
        float z = -Math.abs(x);
        float e = FloatExp.expNonPositive(z);
        float finiteX = z < FloatExp.FLUSH_BELOW ? SILU_FLUSHED_X : x; // e = 0 there; -Inf · 0 is NaN
        float numerator = x > 0 ? x : finiteX * e;
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
     * the one e = exp(-|x|) as quotients, so 1 - s does not cancel for large x; where e is flushed
     * to 0, x is replaced by {@link #SILU_FLUSHED_X} so that ±Inf gives 1 or -0, not Inf · 0.
     */
    public static float siluDerivative(float x) {
        float z = -Math.abs(x);
        float e = FloatExp.expNonPositive(z);
        float denominator = 1f + e;
        float s = (x > 0 ? 1f : e) / denominator;
        float oneMinusS = (x > 0 ? e : 1f) / denominator;
        float finiteX = z < FloatExp.FLUSH_BELOW ? SILU_FLUSHED_X : x;
        return s * Math.fma(finiteX, oneMinusS, 1f);
    }

    @Override
    public void gelu(float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] = gelu(x[xOffset + i]);
        }
    }

    /**
     * GELU, x·Φ(x), from one tail probability: with u = min(|x|, 14),
     * {@code Φ(-u) = exp(-u²/2) · t·Q(t)}, t = 1 / (1 + 9u/32) (the erfc pattern: a Gaussian factor
     * times a smooth function, here a polynomial in t). Then x·Φ(x) is {@code x · Φ(-u)} for
     * x <= 0 (no cancellation: Φ(x) is never formed as 1 minus something) and
     * {@code x - x·Φ(-u)} for x > 0, one fused multiply-add. x is multiplied in before the
     * Gaussian factor, so that a result near Float.MIN_NORMAL is rounded once, not from a
     * subnormal Φ. exp(-u²/2) is {@link FloatExp#expNonPositive} of the exactly halved, rounded
     * square, times {@code 1 - l/2} for the square's rounding error l (exact by FMA): the error of
     * u² would otherwise come back multiplied by u²/2, up to 87.
     */
    // snippet: gelu-scalar
    public static float gelu(float x) {
        float u = Math.abs(x);
        u = u > GELU_CLAMP ? GELU_CLAMP : u; // NaN stays NaN
        float h = u * u;
        float l = Math.fma(u, u, -h); // u² = h + l exactly
        float e = FloatExp.expNonPositive(-0.5f * h);
        float g = Math.fma(e, -0.5f * l, e); // exp(-u²/2)
        float r = geluTailRatio(u); // exp(u²/2)·Φ(-u)
        float xr = Math.copySign(u, x) * r; // x clamped to [-14, 14], times r
        return x > 0 ? Math.fma(-xr, g, x) : xr * g;
    }
    // end-snippet

    /**
     * {@code exp(u²/2)·Φ(-u) = erfcx(u/√2)/2 ≈ t·Q(t)} with t = 1 / (1 + 9u/32), for u in
     * [0, 14] (or NaN). Q by Horner's rule (more accurate here than Estrin's scheme, by about 2^-24
     * relative at worst). The rounding of t (of 1 + 9u/32, and of the division) would cost up to
     * 4 ulp near u = 0, where r changes fastest with t: it is put back to first order,
     * {@code r += r'(t)·δt} with
     * {@code δt = t·(rem - t·dl)} from the exact remainders {@code dl = (1 + cu) - d} and
     * {@code rem = 1 - t·d}, and {@code r'(t)·t = (1/√(2π) - u·r)·d/c}. The vector kernels write
     * the same operations out in their loops.
     */
    // snippet: gelu-ratio-scalar
    static float geluTailRatio(float u) {
        float d = Math.fma(u, GELU_T_SCALE, 1f);
        float dl = Math.fma(u, GELU_T_SCALE, 1f - d); // 1 + cu = d + dl
        float t = 1f / d;
        float rem = Math.fma(-t, d, 1f); // 1 = t·d + rem
        float q = Math.fma(t, GELU_Q9, GELU_Q8);
        q = Math.fma(q, t, GELU_Q7);
        q = Math.fma(q, t, GELU_Q6);
        q = Math.fma(q, t, GELU_Q5);
        q = Math.fma(q, t, GELU_Q4);
        q = Math.fma(q, t, GELU_Q3);
        q = Math.fma(q, t, GELU_Q2);
        q = Math.fma(q, t, GELU_Q1);
        q = Math.fma(q, t, GELU_Q0);
        float r = t * q;
        float slope = Math.fma(-u, r, INV_SQRT_2PI) * (d * GELU_T_INVERSE_SCALE); // r'(t)·t
        return Math.fma(slope, Math.fma(-t, dl, rem), r);
    }
    // end-snippet

    @Override
    public void geluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        for (int i = 0; i < length; i++) {
            dx[dxOffset + i] = dy[dyOffset + i] * geluDerivative(x[xOffset + i]);
        }
    }

    /**
     * GELU's derivative Φ(x) + x·φ(x), from the same g = exp(-u²/2) and r = exp(u²/2)·Φ(-u) as
     * the forward: {@code g·(r + x/√(2π))} for x <= 0 and {@code 1 + g·(x/√(2π) - r)} for x > 0,
     * so neither side forms Φ(x) as a difference that could cancel.
     */
    public static float geluDerivative(float x) {
        float u = Math.abs(x);
        u = u > GELU_CLAMP ? GELU_CLAMP : u;
        float h = u * u;
        float l = Math.fma(u, u, -h);
        float e = FloatExp.expNonPositive(-0.5f * h);
        float g = Math.fma(e, -0.5f * l, e);
        float r = geluTailRatio(u);
        boolean positive = x > 0;
        float inner = Math.fma(Math.copySign(u, x), INV_SQRT_2PI, positive ? -r : r);
        return positive ? Math.fma(g, inner, 1f) : g * inner;
    }

    @Override
    public void geluTanh(float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] = geluTanh(x[xOffset + i]);
        }
    }

    /**
     * The tanh form of GELU, {@code 0.5·x·(1 + tanh(z/2)) = x·sigmoid(z)} with
     * {@code z = 2√(2/π)·(x + 0.044715·x³)}: SiLU's form {@code (x > 0 ? x : x·g) / (1 + g)} with
     * g = exp(-|z|). |z| = u·(A + B·u²) (u = min(|x|, 14)) is computed as a float pair
     * zh + zl (see {@link #GELU_TANH_A_HI}) and g as exp(-zh)·(1 - zl).
     */
    // snippet: gelu-tanh-scalar
    public static float geluTanh(float x) {
        float u = Math.abs(x);
        u = u > GELU_CLAMP ? GELU_CLAMP : u; // NaN stays NaN
        float g = geluTanhExp(u);
        float numerator = x > 0 ? x : Math.copySign(u, x) * g;
        return numerator / (1f + g);
    }
    // end-snippet

    /** exp(-|z|) for u = |x| in [0, 14] (or NaN), z = 2√(2/π)·(x + 0.044715·x³) in double-float. */
    // snippet: gelu-tanh-exp-scalar
    static float geluTanhExp(float u) {
        float s = u * u;
        float sl = Math.fma(u, u, -s); // u² = s + sl exactly
        float bs = GELU_TANH_B_HI * s;
        float bsl = Math.fma(GELU_TANH_B_HI, s, -bs); // B_HI·s = bs + bsl exactly
        float q = GELU_TANH_A_HI + bs; // A_HI + bs = q + qe exactly (Knuth's two-sum)
        float qv = q - GELU_TANH_A_HI;
        float qe = (GELU_TANH_A_HI - (q - qv)) + (bs - qv);
        float ql = Math.fma(GELU_TANH_B_HI, sl, Math.fma(GELU_TANH_B_LO, s, GELU_TANH_A_LO)) + bsl + qe;
        float zh = u * q; // |z| = zh + zl, to about 2^-40 relative
        float zl = Math.fma(u, ql, Math.fma(u, q, -zh));
        float e = FloatExp.expNonPositive(-zh);
        return Math.fma(e, -zl, e);
    }
    // end-snippet

    @Override
    public void geluTanhBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length) {
        for (int i = 0; i < length; i++) {
            dx[dxOffset + i] = dy[dyOffset + i] * geluTanhDerivative(x[xOffset + i]);
        }
    }

    /**
     * The tanh form's derivative, s·(1 + x·z'·(1 - s)) with s = sigmoid(z) and
     * z' = A + 3B·x²: SiLU's derivative with x·z' in place of x, s and 1 - s both quotients of the
     * one g = exp(-|z|).
     */
    public static float geluTanhDerivative(float x) {
        float u = Math.abs(x);
        u = u > GELU_CLAMP ? GELU_CLAMP : u;
        float g = geluTanhExp(u);
        float denominator = 1f + g;
        boolean positive = x > 0;
        float s = (positive ? 1f : g) / denominator;
        float oneMinusS = (positive ? g : 1f) / denominator;
        float slope = Math.copySign(u, x) * Math.fma(GELU_TANH_3B, u * u, GELU_TANH_A_HI); // x·z'
        return s * Math.fma(slope, oneMinusS, 1f);
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
