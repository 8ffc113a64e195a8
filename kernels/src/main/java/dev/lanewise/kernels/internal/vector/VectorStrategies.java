package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.Config;

/**
 * The per-JDK strategy choices of the Vector API kernels. The Vector API's code generation
 * differs a lot between JDKs, so some kernels pick how they work by the JDK's feature version,
 * from measurements on JDK 17 and 25 (see benchmarks/RESULTS.md); a system property, read and
 * checked by {@link Config}, forces each. The kernels copy each answer into a static final
 * boolean, which C2 folds. This is the one place the rules are written; the provider's
 * {@code reason()} and the porting guide name them.
 *
 * <p>This class depends only on {@link Config} and {@link Species}, so whichever kernel class
 * initialises first reads the same, fully initialised answers.
 */
final class VectorStrategies {
    private VectorStrategies() {}

    private static final int FEATURE = Runtime.version().feature();

    // snippet: strategy-exp
    static boolean useLibraryExp() {
        Config.Exp forced = Config.get().exp();
        if (forced != null) {
            return forced == Config.Exp.LIBRARY;
        }
        // The polynomial gives the same bits in the interpreter, C1 and C2 on every JDK;
        // lanewise(EXP) calls SVML when compiled and Math.exp before, which differ in the last bit.
        // Faster on AVX-512 with JDK 17 (see the porting guide), so that speed is opt-in.
        return false;
    }
    // end-snippet

    // snippet: strategy-relu
    static boolean reluOnLanes() {
        Config.Relu forced = Config.get().relu();
        if (forced != null) {
            return forced == Config.Relu.LANES;
        }
        // Compare+blend on lanes matched or beat C2's auto-vectorized Math.max loop, except on
        // JDK 17 with 512-bit vectors (benchmarks/RESULTS.md, "The 512-bit defaults").
        return !(FEATURE < 21 && Species.WIDE);
    }
    // end-snippet

    // snippet: strategy-mask
    static boolean maskBitsByToLong() {
        Config.Mask forced = Config.get().mask();
        if (forced != null) {
            return forced == Config.Mask.TOLONG;
        }
        // VectorMask.toLong() is one movmsk from JDK 21 on; JDK 17 does not intrinsify it, so it
        // allocates (benchmarks/RESULTS.md, "The 512-bit defaults").
        return FEATURE >= 21;
    }
    // end-snippet

    /**
     * Whether tanh puts the sign of x onto its non-negative magnitude by a float blend (negate the
     * lanes whose x has its sign bit set, {@code test(IS_NEGATIVE)}, which is true for -0 too)
     * rather than as a bit (an int OR). The two give the same bits on every input (the exhaustive
     * digests check it), so, unlike the rules above, no property forces it: it is speed only.
     * Measured on the AVX-512 machine with the kernel inlined into a caller's loop (as JMH's, or a
     * user's), tanh's throughput over sigmoid's at 4096 and 65536 elements:
     * <ul>
     * <li>JDK 17, 512 bits: the int form at half speed (0.55×), two float blends (x &lt; 0, then
     * x == 0 for ±0) 0.78–0.83×, the one blend on {@code IS_NEGATIVE} 0.88–0.94×;
     * <li>JDK 17, 256 bits ({@code -XX:UseAVX=2}): the int form 0.90–0.91×, the one blend
     * 0.75–0.79×, the two blends 0.71–0.72×;
     * <li>JDK 25: the int form 0.93–0.95× at 512 bits and 0.89–1.07× at 256, the one blend 0.86×
     * and 0.85–1.00×.
     * </ul>
     * So the blend only where it was measured faster, JDK 17 at exactly 512 bits; JDK 18 to 24 and
     * 128 bits take the int form unmeasured (benchmarks/RESULTS.md, "Third session: tanh's sign on
     * JDK 17" and "Fifth session"). Both GELUs follow the same rule where they give x's sign to the
     * clamped |x|: on JDK 17 at 512 bits a CI run of {@code AllocationTest} saw the tanh form's int
     * OR leave vectors boxed in its long loop body (not reproduced in isolation, and not seen since
     * with the blend).
     */
    static boolean signByBlend() {
        return FEATURE < 18 && Species.FLOAT.vectorBitSize() == 512;
    }

    /**
     * Whether leaky ReLU multiplies x by a factor made from its sign bit with integer operations
     * ({@code VectorActivationKernels.leakyReluBySignBit}: 1, or alpha where the sign bit is set)
     * rather than blending x and alpha·x on the compare {@code x > 0}. The same bits for every slope
     * the API allows (the tests run both forms at the machine's width), so no property forces it.
     * On JDK 17 a mask on 512-bit vectors is kept in a vector, so each compare+blend pays a round
     * trip from mask register to vector and back; the sign-bit form has no mask. Measured on the
     * AVX-512 machine, leakyRelu of 4096 and 65536 elements, sign bit over blend (JMH, 2 forks, one
     * run alternating the jars; benchmarks/RESULTS.md, "Seventh session"):
     * <ul>
     * <li>JDK 17, 512 bits: 1.22–1.61× at 4096 and 0.96–1.49× at 65536 (five rounds in three runs);
     * <li>JDK 17, 256 bits ({@code -XX:UseAVX=2}): 0.85× and 0.94×, where the blend has no mask register;
     * <li>JDK 25: 0.84× and 0.97× at 512 bits, where masks stay in mask registers, 0.66× and 0.85× at 256.
     * </ul>
     * So the sign bit only on JDK 17 at exactly 512 bits; JDK 18 to 24 follow JDK 25 unmeasured.
     */
    static boolean leakyReluBySignBit() {
        return FEATURE < 18 && Species.FLOAT.vectorBitSize() == 512;
    }

    /**
     * Whether softmax computes, stores and adds up a row's exps in one pass (on the sums' species,
     * {@code VectorSoftmaxKernels.storeExpAndSumBlock4/8/16}) or stores them in one pass and adds
     * them up in a second, from L1. The same bits either way (the golden digests check both: JDK 17
     * and 25 take different ones at 256 bits), so, like
     * {@link #signByBlend()}, no property forces it. The one pass keeps 4 accumulators per
     * 16-lane chunk live beside the exp's constants: on 512-bit vectors that is 4 registers of 32,
     * on 256-bit vectors 8 of 16. Measured on the AVX-512 machine (256 bits = {@code -XX:UseAVX=2}),
     * softmax 256×1000 and 64×32000, one pass against two: at 256 bits JDK 17 ran the one pass 1.27×
     * and 1.24× faster, JDK 25 ran it at 0.86× and 0.87× (and bimodal across forks), so JDK 25 at
     * 256 bits takes the two passes (benchmarks/RESULTS.md, "Fourth session"). 512 bits keep the
     * one pass, measured faster on both JDKs in the second session. JDK 18 to 24 follow JDK 17, and
     * 128-bit vectors (16 accumulators) keep the one pass: both unmeasured, and proven
     * allocation-free and bit-identical by the tests. Wider than 512 bits the sums' species is
     * narrower than the widest, so two passes.
     */
    static boolean fusedExpAndSum() {
        return Species.SUM.equals(Species.FLOAT) && !(FEATURE >= 25 && Species.FLOAT.vectorBitSize() == 256);
    }

    /**
     * Whether softmax's row passes end on masked vectors (the maximum's and the scale's elements
     * past the last whole vector, and the exps of the last, partial round of 64) or one lane at a
     * time. The same bits either way (the golden digests check both: JDK 17 and 25 take different
     * ones at 512 bits), so no property forces it.
     * Measured on the AVX-512 machine, JDK 25, 512 bits: softmax 256×1000 (a 40-exp partial round
     * and 8-element tails per row) went from 0.93× to 0.95–0.98× the pre-issue-10 code. With
     * {@code -XX:UseAVX=2} the masks cost more than they saved (a 10-class softmax ran at 0.52× its
     * speed with scalar tails), and on JDK 17 {@code indexInRange} masks inside a row loop
     * allocate; JDK 18 to 24, and vectors wider than 512 bits, keep the scalar tails, unmeasured
     * (benchmarks/RESULTS.md, "Fourth session").
     */
    static boolean rowTailsOnMasks() {
        return FEATURE >= 25 && Species.FLOAT.vectorBitSize() == 512; // the one width measured
    }
}
