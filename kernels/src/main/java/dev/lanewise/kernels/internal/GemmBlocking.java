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

    /** The longest k block (256 unless {@code -Dlanewise.gemm.kc} says otherwise; see {@link Config}). */
    public static int kc() {
        return Config.get().gemmKc();
    }

    /** The length of each k block for a product of inner dimension k (every block but the last is this long). */
    public static int kStep(int k, int kcMax) {
        return ceilDiv(k, ceilDiv(k, kcMax));
    }

    /** {@code ceil(x / y)} for x >= 0, y > 0, without overflow near Integer.MAX_VALUE. */
    public static int ceilDiv(int x, int y) {
        return x == 0 ? 0 : (x - 1) / y + 1; // x >= 0, y > 0, without overflow near Integer.MAX_VALUE
    }
}
