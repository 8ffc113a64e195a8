package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.RowVectorKernels;
import dev.lanewise.kernels.internal.SoftmaxKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels. Loaded only by reflection from {@link KernelProvider}, so that a JVM
 * without {@code jdk.incubator.vector} never links a class of this package.
 *
 * <p>The Vector API's code generation differs a lot between JDKs, so some kernels pick their
 * strategy by the JDK's feature version, from measurements on JDK 17 and 25 (see
 * benchmarks/RESULTS.md). Each choice is a static final boolean, which C2 folds, and each is
 * named with its reason in {@link #reason()}.
 */
public final class VectorKernelProvider extends KernelProvider {

    private VectorKernelProvider() {}

    /** Called reflectively by {@link KernelProvider}; fails when the species is too narrow. */
    public static KernelProvider create() {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        if (species.length() < 4) {
            throw new UnsupportedOperationException("the preferred float species has " + species.length()
                    + " lanes (" + species.vectorBitSize() + " bits); SIMD needs at least 4");
        }
        // Read the strategy properties now, so that a misspelt value fails here, loudly.
        VectorStrategies.checkProperties();
        return new VectorKernelProvider();
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String species() {
        VectorSpecies<Float> species = VectorExp.SPECIES;
        return species.vectorBitSize() + "-bit, " + species.length() + " float lanes";
    }

    @Override
    public String reason() {
        return "jdk.incubator.vector is present and C2 is on; on JDK " + Runtime.version().feature() + ": exp by "
                + (VectorExp.USE_LIBRARY_EXP ? "lanewise(EXP)" : "range reduction + degree-6 polynomial")
                + forcedBy(VectorStrategies.EXP_PROPERTY)
                + ", relu by " + (VectorActivationKernels.RELU_ON_LANES ? "compare+blend on lanes" : "the auto-vectorized scalar loop")
                + forcedBy(VectorStrategies.RELU_PROPERTY)
                + ", keep-mask bits by " + (VectorActivationKernels.MASK_BITS_BY_TO_LONG ? "VectorMask.toLong()" : "OR-reduction")
                + forcedBy(VectorStrategies.MASK_PROPERTY)
                + " (strategies measured per JDK; see benchmarks/RESULTS.md)";
    }

    private static String forcedBy(String property) {
        return System.getProperty(property) == null ? "" : " (forced by -D" + property + ")";
    }

    @Override
    public ActivationKernels activations() {
        return VectorActivationKernels.INSTANCE;
    }

    @Override
    public RowVectorKernels rowVectors() {
        return VectorRowVectorKernels.INSTANCE;
    }

    @Override
    public SoftmaxKernels softmax() {
        return VectorSoftmaxKernels.INSTANCE;
    }
}
