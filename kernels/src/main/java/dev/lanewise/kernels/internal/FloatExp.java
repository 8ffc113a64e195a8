package dev.lanewise.kernels.internal;

/**
 * exp(z) for z <= 0 (or NaN) in float arithmetic alone: the one exponential of the library, one
 * element at a time. The Vector API kernels ({@code vector.VectorExp}) run exactly these
 * operations on every lane, so the scalar kernels, the vector kernels' tails and every vector
 * lane give the same bits.
 *
 * <h2>Algorithm (range reduction and a short polynomial)</h2>
 * <pre>
 *   n = round(z / ln 2)              an integer in [-126, 0] for every z whose exp is a normal float
 *   r = z - n ln 2                   |r| <= ln(2)/2, computed exactly in two FMA steps (Cody-Waite)
 *   exp(z) = 2^n * p(r)              p(r) = 1 + r + c2 r^2 + ... + c6 r^6 approximates e^r
 * </pre>
 * p is a degree-6 fit of e^r on [-ln2/2, ln2/2] with relative error 1.7e-8 (0.14 ulp at 1) with
 * its float coefficients, fitted for this library by iteratively re-weighted least squares (Lawson),
 * and evaluated by Estrin's scheme with FMA (a shorter dependency chain than Horner's rule, for
 * the same count of operations), which adds under one ulp of rounding. Degree 5 (0.8 ulp
 * of fit error) pushed sigmoid past its 3-ulp promise. 2^n is built from its bits: the rounding
 * bias 0x1.8000FEp23 both rounds z/ln2 to an integer and leaves n + 127, the biased exponent, in
 * the low mantissa bits, so one shift makes 2^n.
 *
 * <p>Results below Float.MIN_NORMAL (z < ln(MIN_NORMAL) = -87.33654) are flushed to 0: an
 * absolute error under MIN_NORMAL, which is what sigmoid and softmax promise there. The
 * comparison that flushes is false for NaN, so NaN propagates.
 *
 * <p>Every operation is an IEEE float operation or {@link Math#fma}, each exactly specified, so
 * the result is the same in the interpreter, C1 and C2, on every JDK and CPU (where the CPU has
 * no FMA instruction, {@code Math.fma} is slow but still exact).
 *
 * <p>Internal API: it may change in any release.
 */
public final class FloatExp {
    private FloatExp() {}

    public static final float LOG2E = 0x1.715476p0f;
    /** 1.5 * 2^23 + 127: adding it rounds to an integer and leaves n + 127 in the low bits. */
    public static final float ROUNDING_BIAS = 0x1.8000FEp23f;
    /** ln 2 split so that n * LN2_HI is exact for |n| < 256 (LN2_HI has 16 significant bits). */
    public static final float LN2_HI = 0x1.62e4p-1f;
    public static final float LN2_LO = 0x1.7f7d1cp-20f;
    /** ln(Float.MIN_NORMAL): below it exp(z) is subnormal and we return 0. */
    public static final float FLUSH_BELOW = -0x1.5d58a0p6f;
    public static final float C2 = 0x1.fffffcp-2f;
    public static final float C3 = 0x1.55541ap-3f;
    public static final float C4 = 0x1.555822p-5f;
    public static final float C5 = 0x1.12678ap-7f;
    public static final float C6 = 0x1.6ae74p-10f;

    /** exp(z) for z <= 0 or NaN, by the algorithm above. */
    // snippet: exp-scalar
    public static float expNonPositive(float z) {
        float t = Math.fma(z, LOG2E, ROUNDING_BIAS);
        float n = t - ROUNDING_BIAS;
        float r = Math.fma(n, -LN2_HI, z);
        r = Math.fma(n, -LN2_LO, r);

        float r2 = r * r;
        float low = Math.fma(r, C3, C2);
        float high = Math.fma(r, C5, C4);
        high = Math.fma(r2, C6, high);
        float q = Math.fma(r2, high, low);
        float p = Math.fma(r2, q, r + 1f);

        float twoToTheN = Float.intBitsToFloat(Float.floatToRawIntBits(t) << 23);
        float e = p * twoToTheN;
        return z < FLUSH_BELOW ? 0f : e;
    }
    // end-snippet

    /**
     * exp(z) - 1 for {@code FLUSH_BELOW <= z <= 0} (or NaN), without the cancellation of
     * {@code expNonPositive(z) - 1} near 0: from the same reduction and polynomial,
     * {@code e^z - 1 = 2^n (p(r) - 1) + (2^n - 1)}, where {@code p(r) - 1 = r + r²·q(r)} is the
     * polynomial without its constant term and {@code 2^n - 1} is exact for n >= -24 (below, it
     * rounds to -1, and so does the result). For n = 0
     * (|z| < ln(2)/2) the result is {@code p(r) - 1} itself, as accurate relative to a tiny
     * result as to a large one; for n <= -1 the two terms have the same sign or the second
     * dominates, so nothing cancels either. Used by tanh.
     */
    // snippet: expm1-scalar
    public static float expm1NonPositive(float z) {
        float t = Math.fma(z, LOG2E, ROUNDING_BIAS);
        float n = t - ROUNDING_BIAS;
        float r = Math.fma(n, -LN2_HI, z);
        r = Math.fma(n, -LN2_LO, r);

        float r2 = r * r;
        float low = Math.fma(r, C3, C2);
        float high = Math.fma(r, C5, C4);
        high = Math.fma(r2, C6, high);
        float q = Math.fma(r2, high, low);
        float pMinusOne = Math.fma(r2, q, r);

        float twoToTheN = Float.intBitsToFloat(Float.floatToRawIntBits(t) << 23);
        return Math.fma(pMinusOne, twoToTheN, twoToTheN - 1f);
    }
    // end-snippet
}
