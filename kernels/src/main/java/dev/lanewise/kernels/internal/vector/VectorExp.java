package dev.lanewise.kernels.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp(z) for z <= 0 (or NaN), the one exponential of the library: sigmoid calls it on -|x| and
 * softmax on x - max, so no caller ever needs a positive argument and the result never overflows.
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
 * <p>With {@code -Dlanewise.exp=library}, {@link #USE_LIBRARY_EXP} is true and
 * {@code lanewise(VectorOperators.EXP)} (an intrinsic calling a vector math library) is used
 * instead: within about 1 ulp, but its last bit depends on whether the caller runs compiled
 * (SVML) or not ({@code Math.exp} per lane), so results are not reproducible call to call; see
 * {@link VectorStrategies#useLibraryExp()}.
 */
public final class VectorExp {
    private VectorExp() {}

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** Chosen once: the library exp or the polynomial below (a constant C2 folds away). */
    static final boolean USE_LIBRARY_EXP = VectorStrategies.useLibraryExp();

    static final float LOG2E = 0x1.715476p0f;
    /** 1.5 * 2^23 + 127: adding it rounds to an integer and leaves n + 127 in the low bits. */
    static final float ROUNDING_BIAS = 0x1.8000FEp23f;
    /** ln 2 split so that n * LN2_HI is exact for |n| < 256 (LN2_HI has 16 significant bits). */
    static final float LN2_HI = 0x1.62e4p-1f;
    static final float LN2_LO = 0x1.7f7d1cp-20f;
    /** ln(Float.MIN_NORMAL): below it exp(z) is subnormal and we return 0. */
    static final float FLUSH_BELOW = -0x1.5d58a0p6f;
    static final float C2 = 0x1.fffffcp-2f;
    static final float C3 = 0x1.55541ap-3f;
    static final float C4 = 0x1.555822p-5f;
    static final float C5 = 0x1.12678ap-7f;
    static final float C6 = 0x1.6ae74p-10f;

    /** exp of every lane of z, each lane <= 0 or NaN. */
    static FloatVector expNonPositive(FloatVector z) {
        return USE_LIBRARY_EXP ? z.lanewise(VectorOperators.EXP) : polynomialExpNonPositive(z);
    }

    /**
     * The range reduction and polynomial above, whatever {@link #USE_LIBRARY_EXP} says: public
     * (in this internal package) so that the benchmarks measure this code, not a copy of it.
     */
    // snippet: exp-polynomial
    public static FloatVector polynomialExpNonPositive(FloatVector z) {
        // Constants broadcast here, not kept in static final vectors: C2 hoists these out of the
        // caller's loop, while static final vector fields have been seen to box on some JDKs.
        FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
        FloatVector n = t.sub(ROUNDING_BIAS);
        FloatVector r = n.fma(FloatVector.broadcast(SPECIES, -LN2_HI), z);
        r = n.fma(FloatVector.broadcast(SPECIES, -LN2_LO), r);

        // Estrin's scheme, not Horner's: p = (1 + r) + r²·((c2 + c3·r) + r²·(c4 + c5·r + c6·r²)).
        // Horner is a chain of six dependent FMAs (24 cycles of latency on this kind of core);
        // here the longest chain is four, so more vectors of the caller's loop overlap.
        FloatVector r2 = r.mul(r);
        FloatVector low = r.fma(C3, C2);
        FloatVector high = r.fma(C5, C4);
        high = r2.fma(FloatVector.broadcast(SPECIES, C6), high);
        FloatVector q = r2.fma(high, low);
        FloatVector p = r2.fma(q, r.add(1f));

        IntVector biasedExponent = t.reinterpretAsInts();
        FloatVector twoToTheN = biasedExponent.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = p.mul(twoToTheN);
        return e.blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
    }
    // end-snippet

    /**
     * The scalar twin of {@link #expNonPositive(FloatVector)}: the same operations in the same
     * order, so a tail element gets exactly the bits its lane would have had.
     */
    // snippet: exp-scalar
    static float expNonPositive(float z) {
        if (USE_LIBRARY_EXP) {
            return (float) Math.exp(z);
        }
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
}
