package dev.lanewise.kernels.internal.vector;

import java.util.Locale;

/**
 * The per-JDK strategy choices of the Vector API kernels. The Vector API's code generation
 * differs a lot between JDKs, so some kernels pick how they work by the JDK's feature version,
 * from measurements on JDK 17 and 25 (see benchmarks/RESULTS.md); a system property forces each.
 * The kernels copy each answer into a static final boolean, which C2 folds.
 *
 * <p>This class depends on nothing else in the library, so whichever kernel class initialises
 * first reads the same, fully initialised answers.
 */
final class VectorStrategies {
    private VectorStrategies() {}

    /** {@code -Dlanewise.exp=polynomial|library} forces how exp is computed. */
    static final String EXP_PROPERTY = "lanewise.exp";
    /** {@code -Dlanewise.relu=lanes|loop} forces how relu runs (Vector API, or the scalar loop). */
    static final String RELU_PROPERTY = "lanewise.relu";
    /** {@code -Dlanewise.mask=tolong|reduction} forces how keep-mask bits are gathered. */
    static final String MASK_PROPERTY = "lanewise.mask";

    private static final int FEATURE = Runtime.version().feature();
    /** 512-bit vectors (AVX-512), where code generation on JDK 17 was measured to differ. */
    private static final boolean WIDE_SPECIES = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

    /** Reads every strategy property, so that a misspelt value fails at provider creation. */
    static void checkProperties() {
        useLibraryExp();
        reluOnLanes();
        maskBitsByToLong();
    }

    // snippet: strategy-exp
    static boolean useLibraryExp() {
        Boolean forced = forced(EXP_PROPERTY, "library", "polynomial");
        if (forced != null) {
            return forced;
        }
        // The polynomial is pure float arithmetic, so it gives the same bits in the interpreter,
        // C1 and C2, on every JDK. lanewise(EXP) does not: C2 code calls Intel's SVML through a
        // stub, interpreted code calls Math.exp per lane, and the two differ in the last bit, so
        // the same call could give different results before and after warm-up. Measured on AVX2
        // the polynomial was also faster (~1.4x on JDK 17 in sigmoid, as fast or faster on 25).
        // An AVX-512 prototype found lanewise(EXP) ~1.5x faster on JDK 17; that speed is opt-in.
        return false;
    }
    // end-snippet

    // snippet: strategy-relu
    static boolean reluOnLanes() {
        Boolean forced = forced(RELU_PROPERTY, "lanes", "loop");
        if (forced != null) {
            return forced;
        }
        // Measured on AVX2 (256-bit): compare+blend on lanes at least matched C2's auto-vectorized
        // Math.max loop on JDK 17 and 25. The AVX-512 prototype found the loop faster on JDK 17
        // (~22 vs ~18 Gelem/s); we follow that where we cannot measure.
        return !(FEATURE < 21 && WIDE_SPECIES);
    }
    // end-snippet

    // snippet: strategy-mask
    static boolean maskBitsByToLong() {
        Boolean forced = forced(MASK_PROPERTY, "tolong", "reduction");
        if (forced != null) {
            return forced;
        }
        // Measured: VectorMask.toLong() is one movmsk on JDK 25 (there ~2x faster than the
        // OR-reduction), but on JDK 17 it is not intrinsified, allocates, and is ~8x slower.
        return FEATURE >= 21;
    }
    // end-snippet

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
}
