package dev.lanewise.kernels.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one place the vector kernels get their species from: the preferred float species (the
 * widest this JVM compiles, capped by {@code -XX:MaxVectorSize}) and the species of the
 * fixed-order sums. (VectorActivationKernels derives its int twin and lane count from FLOAT in its
 * own initialiser: read from here instead, its relu boxed under -XX:UseAVX=2 on JDK 25, in
 * AllocationTest's avx2 variant, every run.) Each kernel class copies them into its own static finals, which C2
 * folds; none reads {@code SPECIES_PREFERRED} itself.
 */
public final class Species {
    private Species() {}

    /** The preferred float species: every element-wise loop, and sgemm's register tiles. */
    public static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED;
    public static final int LANES = FLOAT.length();
    /**
     * 512-bit vectors (AVX-512): where JDK 17's code generation was measured to differ, and where
     * 32 vector registers hold sgemm's 6 × 4 tile.
     */
    public static final boolean WIDE = FLOAT.vectorBitSize() >= 512;
    /**
     * The fixed-order sums' species: the preferred one up to 512 bits, since the order is defined
     * on 16-lane chunks (see {@link VectorFixedOrderSum}); 512 bits on anything wider.
     */
    public static final VectorSpecies<Float> SUM = FLOAT.vectorBitSize() <= 512 ? FLOAT : FloatVector.SPECIES_512;
}
