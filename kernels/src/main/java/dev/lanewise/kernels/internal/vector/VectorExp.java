package dev.lanewise.kernels.internal.vector;

import static dev.lanewise.kernels.internal.FloatExp.C2;
import static dev.lanewise.kernels.internal.FloatExp.C3;
import static dev.lanewise.kernels.internal.FloatExp.C4;
import static dev.lanewise.kernels.internal.FloatExp.C5;
import static dev.lanewise.kernels.internal.FloatExp.C6;
import static dev.lanewise.kernels.internal.FloatExp.FLUSH_BELOW;
import static dev.lanewise.kernels.internal.FloatExp.LN2_HI;
import static dev.lanewise.kernels.internal.FloatExp.LN2_LO;
import static dev.lanewise.kernels.internal.FloatExp.LOG2E;
import static dev.lanewise.kernels.internal.FloatExp.ROUNDING_BIAS;

import dev.lanewise.kernels.internal.FloatExp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * exp(z) for z <= 0 (or NaN) on every lane: {@link FloatExp}'s range reduction and polynomial,
 * operation for operation, so a lane gives exactly the bits of the scalar {@link FloatExp#expNonPositive}
 * (which the kernels' tails and the scalar kernels call). Sigmoid calls it on -|x| and softmax on
 * x - max, so no caller ever needs a positive argument and the result never overflows.
 *
 * <p>With {@code -Dlanewise.exp=library}, {@link #USE_LIBRARY_EXP} is true and
 * {@code lanewise(VectorOperators.EXP)} (an intrinsic calling a vector math library) is used
 * instead: within about 1 ulp, but its last bit depends on whether the caller runs compiled
 * (SVML) or not ({@code Math.exp} per lane), so results are not reproducible call to call and
 * differ from the scalar kernels; see {@link VectorStrategies#useLibraryExp()}.
 */
public final class VectorExp {
    private VectorExp() {}

    /** Chosen once: the library exp or the polynomial below (a constant C2 folds away). */
    static final boolean USE_LIBRARY_EXP = VectorStrategies.useLibraryExp();

    /**
     * {@link FloatExp}'s range reduction and polynomial on every lane: the readable form of what
     * the sigmoid and softmax loops write out inline (see {@code VectorActivationKernels#sigmoid}
     * for why), public in this internal package for the porting guide's benchmark.
     */
    // snippet: exp-polynomial
    public static FloatVector polynomialExpNonPositive(FloatVector z) {
        // Constants broadcast here, not kept in static final vectors: C2 hoists these out of the
        // caller's loop, while static final vector fields have been seen to box on some JDKs.
        FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
        FloatVector n = t.sub(ROUNDING_BIAS);
        FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
        r = n.fma(z.broadcast(-LN2_LO), r);

        // Estrin's scheme, not Horner's: p = (1 + r) + r²·((c2 + c3·r) + r²·(c4 + c5·r + c6·r²)).
        // Horner is a chain of six dependent FMAs (24 cycles of latency on this kind of core);
        // here the longest chain is four, so more vectors of the caller's loop overlap.
        FloatVector r2 = r.mul(r);
        FloatVector low = r.fma(C3, C2);
        FloatVector high = r.fma(C5, C4);
        high = r2.fma(z.broadcast(C6), high);
        FloatVector q = r2.fma(high, low);
        FloatVector p = r2.fma(q, r.add(1f));

        IntVector biasedExponent = t.reinterpretAsInts();
        FloatVector twoToTheN = biasedExponent.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = p.mul(twoToTheN);
        return e.blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
    }
    // end-snippet

    /**
     * The scalar twin of {@link #expNonPositive(FloatVector)}, for the kernels' tails: the
     * polynomial of {@link FloatExp}, or {@code Math.exp} under {@code -Dlanewise.exp=library}.
     */
    static float expNonPositive(float z) {
        return USE_LIBRARY_EXP ? (float) Math.exp(z) : FloatExp.expNonPositive(z);
    }
}
