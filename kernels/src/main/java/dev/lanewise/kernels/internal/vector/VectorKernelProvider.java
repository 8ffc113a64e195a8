package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.RowVectorKernels;
import dev.lanewise.kernels.internal.SoftmaxKernels;
import java.util.Locale;
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

    /** {@code -Dlanewise.exp=polynomial|library} forces how exp is computed. */
    public static final String EXP_PROPERTY = "lanewise.exp";
    /** {@code -Dlanewise.relu=lanes|loop} forces how relu runs (Vector API, or the scalar loop). */
    public static final String RELU_PROPERTY = "lanewise.relu";
    /** {@code -Dlanewise.mask=tolong|reduction} forces how keep-mask bits are gathered. */
    public static final String MASK_PROPERTY = "lanewise.mask";

    private static final int FEATURE = Runtime.version().feature();
    private static final boolean X86_64 = isX86_64();

    private VectorKernelProvider() {}

    /** Called reflectively by {@link KernelProvider}; fails when the species is too narrow. */
    public static KernelProvider create() {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        if (species.length() < 4) {
            throw new UnsupportedOperationException("the preferred float species has " + species.length()
                    + " lanes (" + species.vectorBitSize() + " bits); SIMD needs at least 4");
        }
        // Read the strategy properties now, so that a misspelt value fails here, loudly.
        useLibraryExp();
        reluOnLanes();
        maskBitsByToLong();
        return new VectorKernelProvider();
    }

    static boolean useLibraryExp() {
        Boolean forced = forced(EXP_PROPERTY, "library", "polynomial");
        if (forced != null) {
            return forced;
        }
        // Measured: on JDK 17 lanewise(EXP), which calls Intel's SVML through a stub, beat the
        // polynomial; on JDK 25 the polynomial wins. Elsewhere than x86-64 the library exp may
        // have no stub and fall back to Math.exp per lane, so the polynomial is the safe choice.
        return FEATURE < 21 && X86_64;
    }

    static boolean reluOnLanes() {
        Boolean forced = forced(RELU_PROPERTY, "lanes", "loop");
        if (forced != null) {
            return forced;
        }
        // Measured: on JDK 17 C2 auto-vectorizes the plain Math.max loop into faster code than
        // the Vector API compare+blend; on JDK 25 the Vector API loop is faster.
        return FEATURE >= 21;
    }

    static boolean maskBitsByToLong() {
        Boolean forced = forced(MASK_PROPERTY, "tolong", "reduction");
        if (forced != null) {
            return forced;
        }
        // VectorMask.toLong() is one movmsk on JDK 25 but about 20x slower on JDK 17.
        return FEATURE >= 21;
    }

    /**
     * True or false when the property names one of the two strategies, null when it is unset.
     * Any other value fails loudly rather than silently running a strategy nobody asked for.
     */
    private static Boolean forced(String property, String whenTrue, String whenFalse) {
        String value = System.getProperty(property);
        if (value == null) {
            return null;
        }
        String choice = value.trim().toLowerCase(Locale.ROOT);
        if (choice.equals(whenTrue)) {
            return true;
        }
        if (choice.equals(whenFalse)) {
            return false;
        }
        throw new IllegalArgumentException(
                "-D" + property + "=" + value + " is not one of " + whenTrue + ", " + whenFalse);
    }

    private static boolean isX86_64() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
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
        return "jdk.incubator.vector is present and C2 is on; on JDK " + FEATURE + ": exp by "
                + (VectorExp.USE_LIBRARY_EXP ? "lanewise(EXP)" : "range reduction + degree-6 polynomial")
                + forcedBy(EXP_PROPERTY)
                + ", relu by " + (VectorActivationKernels.RELU_ON_LANES ? "compare+blend on lanes" : "the auto-vectorized scalar loop")
                + forcedBy(RELU_PROPERTY)
                + ", keep-mask bits by " + (VectorActivationKernels.MASK_BITS_BY_TO_LONG ? "VectorMask.toLong()" : "OR-reduction")
                + forcedBy(MASK_PROPERTY)
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
