package dev.lanewise.kernels.internal;

/**
 * How every sgemm implementation cuts the k dimension, so that the scalar loop and the Vector API
 * kernels add each element's products in the same order: k is cut into equal blocks of at most
 * {@link #KC} (784 = 4 × 196, not 3 × 256 + 16); each block's products are one fused
 * multiply-add chain from +0, merged into C as {@code c = acc * alpha + c * beta} for the first
 * block and {@code c = acc * alpha + c} for the later ones. The block length depends on k alone,
 * never on the vector width or on how C is split between threads.
 *
 * <p>Internal API: it may change in any release.
 */
public final class GemmBlocking {
    private GemmBlocking() {}

    /** {@code -Dlanewise.gemm.kc=} overrides the k block (for tuning; it changes the rounding). */
    public static final String KC_PROPERTY = "lanewise.gemm.kc";
    /**
     * The largest KC (and MC, NC) accepted: 2^15, far past any cache, and small enough that no
     * packing buffer size or rounding to whole micro-panels can overflow int.
     */
    public static final int KC_LIMIT = 1 << 15;

    /** Read on first use, after {@link #checkProperty()} has had the chance to fail loudly. */
    private static final class Kc {
        /** The longest k block: 256 floats keep a packed 16-column panel of B at 16 KiB, half an L1d. */
        static final int VALUE = readKc();
    }

    /** The longest k block (256 unless {@code -Dlanewise.gemm.kc} says otherwise). */
    public static int kc() {
        return Kc.VALUE;
    }

    /** Reads the property now: an IllegalArgumentException naming it, its value and the range if it is bad. */
    public static void checkProperty() {
        readKc();
    }

    /** The length of each k block for a product of inner dimension k (every block but the last is this long). */
    public static int kStep(int k, int kcMax) {
        return ceilDiv(k, ceilDiv(k, kcMax));
    }

    /** {@code ceil(x / y)} for x >= 0, y > 0, without overflow near Integer.MAX_VALUE. */
    public static int ceilDiv(int x, int y) {
        return x == 0 ? 0 : (x - 1) / y + 1; // x >= 0, y > 0, without overflow near Integer.MAX_VALUE
    }

    private static int readKc() {
        String value = System.getProperty(KC_PROPERTY);
        if (value == null) {
            return 256;
        }
        try {
            int kc = Integer.parseInt(value.trim());
            if (kc >= 1 && kc <= KC_LIMIT) {
                return kc;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "-D" + KC_PROPERTY + "=" + value + " is out of range: it must be a whole number from 1 to " + KC_LIMIT);
    }
}
