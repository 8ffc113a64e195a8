package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.FixedOrderSum;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API side of {@link FixedOrderSum}: the species every sum runs on and how many of its
 * vectors make one 16-lane chunk. The last step of a block, folding the lanes in halves, is
 * {@link FixedOrderSum#fold}, called with the lanes extracted as floats, so no vector crosses a
 * call.
 *
 * <p>The species is the widest one up to 512 bits: one vector per chunk on AVX-512, two on AVX2,
 * four on 128-bit hardware (NEON). Wider hardware (SVE beyond 512 bits) sums on 512-bit vectors.
 */
final class VectorFixedOrderSum {
    private VectorFixedOrderSum() {}

    static final VectorSpecies<Float> SPECIES = Species.SUM;
    /** Vectors per accumulator (per 16-lane chunk): 1 on 512 bits, 2 on 256, 4 on 128. */
    static final int VECTORS_PER_ACCUMULATOR = FixedOrderSum.LANES / SPECIES.length();
}
