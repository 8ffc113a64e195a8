package dev.lanewise.kernels.internal;

/**
 * {@code Σ log(s_r)} over the rows of a batch as the log of one product: the cross-entropy loss
 * needs the log of every row's sum of exps, and one {@code StrictMath.log} per batch (bit for bit
 * the same on every JVM and CPU, unlike {@code Math.log}) costs what one per row would cost for
 * rows of ten classes. The product is kept by the caller as a mantissa in [1, 2) and a power of
 * two, so it can neither overflow nor underflow; each step rounds once (about 1e-16 relative), so
 * the sum of logs is exact to about {@code rows · 1e-16}, far below the loss's float rounding.
 * Kept in two locals of the caller, not in an object: C2 did not always scalar-replace one.
 * <pre>
 *   double mantissa = 1; long exponent = 0;
 *   for each row: int e = Math.getExponent(s); mantissa *= Math.scalb(s, -e); exponent += e;
 *                 int carry = Math.getExponent(mantissa); mantissa = Math.scalb(mantissa, -carry); exponent += carry;
 *   Σ log s = LogOfProduct.log(mantissa, exponent)
 * </pre>
 *
 * <p>Internal API: it may change in any release.
 */
public final class LogOfProduct {
    private LogOfProduct() {}

    private static final double LN2 = 0.6931471805599453;

    /** {@code log(mantissa · 2^exponent)}. */
    public static double log(double mantissa, long exponent) {
        return StrictMath.log(mantissa) + exponent * LN2;
    }
}
