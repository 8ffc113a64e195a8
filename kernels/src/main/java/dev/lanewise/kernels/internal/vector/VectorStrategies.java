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
    private static final boolean X86_64 = isX86_64();

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
        // Measured: on JDK 17 lanewise(EXP), which calls Intel's SVML through a stub, beat the
        // polynomial; on JDK 25 the polynomial wins. Elsewhere than x86-64 the library exp may
        // have no stub and fall back to Math.exp per lane, so the polynomial is the safe choice.
        return FEATURE < 21 && X86_64;
    }
    // end-snippet

    // snippet: strategy-relu
    static boolean reluOnLanes() {
        Boolean forced = forced(RELU_PROPERTY, "lanes", "loop");
        if (forced != null) {
            return forced;
        }
        // Measured: on JDK 17 C2 auto-vectorizes the plain Math.max loop into faster code than
        // the Vector API compare+blend; on JDK 25 the Vector API loop is faster.
        return FEATURE >= 21;
    }
    // end-snippet

    // snippet: strategy-mask
    static boolean maskBitsByToLong() {
        Boolean forced = forced(MASK_PROPERTY, "tolong", "reduction");
        if (forced != null) {
            return forced;
        }
        // VectorMask.toLong() is one movmsk on JDK 25 but about 20x slower on JDK 17.
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

    private static boolean isX86_64() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }
}
