package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.FixedOrderSum;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API side of {@link FixedOrderSum}: the species every sum runs on, and the last step
 * of a block, folding the 8 lanes of its combined accumulators in halves (as floats: the block
 * methods extract the lanes, so no vector crosses a call).
 *
 * <p>The species is the 256-bit one wherever the hardware has 256 bits or more: the fixed order
 * is defined on 8-lane chunks, one per 256-bit vector. On AVX-512 the sums therefore run on ymm
 * registers, which on AMD Zen 4 (whose 512-bit operations are issued as two 256-bit halves) costs
 * no throughput; on 128-bit hardware each chunk is two vectors.
 */
final class VectorFixedOrderSum {
    private VectorFixedOrderSum() {}

    static final VectorSpecies<Float> SPECIES = Species.SUM;
    /** Vectors per accumulator (per 8-lane chunk): 1 on 256 bits and wider, 2 on 128. */
    static final int VECTORS_PER_ACCUMULATOR = FixedOrderSum.LANES / SPECIES.length();

    /** The 8 lanes of a block's combined accumulators folded in halves: j + 4, then j + 2, then j + 1 onto j. */
    static float fold(float l0, float l1, float l2, float l3, float l4, float l5, float l6, float l7) {
        return fold(l0 + l4, l1 + l5, l2 + l6, l3 + l7);
    }

    /** 4 lanes folded in halves: j + 2, then j + 1 onto j (on 128-bit hardware, after the first fold). */
    static float fold(float l0, float l1, float l2, float l3) {
        return (l0 + l2) + (l1 + l3);
    }
}
