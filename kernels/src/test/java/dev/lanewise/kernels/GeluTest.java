package dev.lanewise.kernels;

import static dev.lanewise.kernels.TestData.assertUntouchedOutside;
import static dev.lanewise.kernels.TestData.mixed;
import static dev.lanewise.kernels.TestData.placed;
import static dev.lanewise.kernels.TestData.same;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GELU, exact and tanh form, forward and backward, on every implementation: against their
 * definitions in double precision (with an erfc of the test's own, checked against values from
 * mpmath), over every tail length, nonzero offsets, in-place calls and the special values; and bit
 * for bit against the scalar reference. The promised bounds live here, as constants the javadoc
 * and README quote.
 */
class GeluTest {

    /** gelu: ulp from the correctly rounded result for x >= GELU_TAIL (see GeluExhaustiveTest). */
    static final double GELU_ULP = 6.0;
    /** gelu below GELU_TAIL (exp(-x²/2) flushed): within this of the exact value, which is subnormal there. */
    static final double GELU_TAIL_ABSOLUTE = 4.7e-39;
    static final float GELU_TAIL = -13.21639f;
    /** geluTanh: ulp from the correctly rounded result for x >= GELU_TANH_TAIL. */
    static final double GELU_TANH_ULP = 4.0;
    /** geluTanh below GELU_TANH_TAIL (exp(-|z|) flushed): within this of the exact value. */
    static final double GELU_TANH_TAIL_ABSOLUTE = 1.2e-37;
    static final float GELU_TANH_TAIL = -10.001f;
    /** From here on gelu(x) is exactly x (Φ(x) rounds to 1); geluTanh too. */
    static final float GELU_IS_X_FROM = 5.35f;
    /** Both gradients: error over |dy| times the size of the derivative's terms. */
    static final double BACKWARD_RELATIVE = 0x1p-20;
    /** The gradients below the tails, times |dy|. */
    static final double GELU_BACKWARD_TAIL_ABSOLUTE = 6.2e-38;
    static final double GELU_TANH_BACKWARD_TAIL_ABSOLUTE = 2.8e-36;

    private static final double A = 2 * Math.sqrt(2 / Math.PI);
    private static final double B = 0.044715 * A;

    static List<KernelProvider> implementations() {
        return Implementations.all();
    }

    private static final int[] OFFSETS = {0, 3};

    // ---- oracles

    /**
     * erfc(a) for a >= 0 in double, to about 1e-15 relative: below 1.5 as 1 - erf(a) from a series
     * of positive terms (erfc(1.5) = 0.034, so the subtraction loses under 5 bits), above by the
     * continued fraction, 120 terms (converged to 2e-16 from a = 1.5 on).
     */
    static double erfc(double a) {
        if (a < 1.5) {
            // erf(a) = 2/√π · exp(-a²) · Σ 2^n a^(2n+1) / (1·3·…·(2n+1)): no cancellation
            double term = a;
            double sum = a;
            for (int n = 1; n < 400 && term > sum * 1e-18; n++) {
                term *= 2 * a * a / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-a * a) * sum;
        }
        // erfc(a) = exp(-a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + …)))))
        double k = 0;
        for (int n = 120; n >= 1; n--) {
            k = (n / 2.0) / (a + k);
        }
        return Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + k);
    }

    /** Φ(-u) for u >= 0. */
    static double lowerTail(double u) {
        return 0.5 * erfc(u / Math.sqrt(2));
    }

    static double geluExact(float x) {
        if (Float.isInfinite(x)) {
            return x > 0 ? x : -0.0;
        }
        return x <= 0 ? x * lowerTail(-(double) x) : x * (1 - lowerTail(x));
    }

    static double geluTanhExact(float x) {
        if (Float.isInfinite(x)) {
            return x > 0 ? x : -0.0;
        }
        double z = Math.abs((double) x) * (A + B * x * x); // |z|, z = 2√(2/π)(x + 0.044715 x³)
        double e = Math.exp(-z);
        return x > 0 ? x / (1 + e) : x * e / (1 + e);
    }

    /** The derivative of gelu in double, and the size of its terms, which the bound scales with. */
    static double[] geluDerivativeExactAndScale(float x) {
        if (Float.isInfinite(x)) {
            return x > 0 ? new double[] {1, 1} : new double[] {0, 0};
        }
        double density = Math.exp(-0.5 * (double) x * x) / Math.sqrt(2 * Math.PI);
        double cdf = x <= 0 ? lowerTail(-(double) x) : 1 - lowerTail(x);
        return new double[] {cdf + x * density, cdf + Math.abs(x) * density};
    }

    static double[] geluTanhDerivativeExactAndScale(float x) {
        if (Float.isInfinite(x)) {
            return x > 0 ? new double[] {1, 1} : new double[] {0, 0};
        }
        double z = x * (A + B * x * x);
        double slope = A + 3 * B * x * x;
        double s = 1 / (1 + Math.exp(-z));
        double oneMinusS = 1 / (1 + Math.exp(z));
        return new double[] {s * (1 + x * slope * oneMinusS), s * (1 + Math.abs(x * slope) * oneMinusS)};
    }

    @Test
    void theOraclesAgreeWithMpmath() {
        // x·Φ(x) and the tanh form at exact float inputs, from mpmath at 100 digits (1 + tanh(w) cancels)
        double[][] gelu = {
            {-13, -7.952313719414843587e-38}, {-12.5, -4.6657053735971417215e-35}, {-10, -7.619853024160526066e-23},
            {-8, -4.9767684594174272988e-15}, {-5, -1.4332578593959695584e-6}, {-4.25, -4.5426234543471286994e-5},
            {-4.125, -7.6464043615583221371e-5}, {-3, -4.04969409489028358e-3}, {-1.5, -1.0021080190328709901e-1},
            {-0.75, -1.699705142826511495e-1}, {-0.09375, -4.3373800822938121914e-2},
            {0.0009765625, 4.8866171094607474708e-4}, {0.5, 3.4573123063700655182e-1}, {2, 1.9544997361036415856},
            {4.5, 4.4999847104709387147},
        };
        for (double[] pair : gelu) {
            double oracle = geluExact((float) pair[0]);
            assertTrue(Math.abs(oracle - pair[1]) <= 1e-12 * Math.abs(pair[1]), "gelu(" + pair[0] + "): " + oracle);
        }
        double[][] tanhForm = {
            {-9, -1.33645959473487255e-28}, {-5, -2.2917961966295060456e-7}, {-2, -4.5402305912224981219e-2},
            {-0.75, -1.7003944483437969582e-1}, {0.5, 3.4571400982514392204e-1}, {3, 2.9963626079182269812},
        };
        for (double[] pair : tanhForm) {
            double oracle = geluTanhExact((float) pair[0]);
            assertTrue(Math.abs(oracle - pair[1]) <= 1e-12 * Math.abs(pair[1]), "geluTanh(" + pair[0] + "): " + oracle);
        }
    }

    // ---- per-element promises

    static void assertGelu(float x, float y, String where) {
        assertForward("gelu", x, y, geluExact(x), GELU_TAIL, GELU_ULP, GELU_TAIL_ABSOLUTE, where);
    }

    static void assertGeluTanh(float x, float y, String where) {
        assertForward("geluTanh", x, y, geluTanhExact(x), GELU_TANH_TAIL, GELU_TANH_ULP, GELU_TANH_TAIL_ABSOLUTE, where);
    }

    private static void assertForward(String name, float x, float y, double exact, float tail, double ulps,
            double tailAbsolute, String where) {
        if (Float.isNaN(x)) {
            if (!Float.isNaN(y)) {
                fail(where + ": " + name + "(NaN) = " + y);
            }
            return;
        }
        if (Float.isNaN(y)) {
            fail(where + ": " + name + "(" + x + ") = NaN");
        }
        if (x == 0 || Float.isInfinite(x) || x >= GELU_IS_X_FROM) {
            float expected = Float.isInfinite(x) || x >= GELU_IS_X_FROM ? (float) exact : x; // ±0 keep their sign
            if (x >= GELU_IS_X_FROM) {
                expected = x;
            }
            if (!same(expected, y)) {
                fail(where + ": " + name + "(" + x + ") = " + y + ", expected " + expected);
            }
            return;
        }
        if (x < 0 && !(y <= 0)) {
            fail(where + ": " + name + "(" + x + ") = " + y + " is not negative");
        }
        if (x < tail) {
            if (!(Math.abs(y - exact) <= tailAbsolute)) {
                fail(where + ": " + name + "(" + x + ") = " + y + ", exact " + exact + " (the tail promises "
                        + tailAbsolute + " absolute)");
            }
            return;
        }
        double error = TestData.ulpError(y, exact);
        if (!(error <= ulps)) {
            fail(where + ": " + name + "(" + x + ") = " + y + ", exact " + exact + ": " + error + " ulp");
        }
    }

    static void assertGeluGradient(float x, float dy, float dx, String where) {
        assertGradient(x, dy, dx, geluDerivativeExactAndScale(x), x < GELU_TAIL ? GELU_BACKWARD_TAIL_ABSOLUTE : 0,
                where + " geluBackward");
    }

    static void assertGeluTanhGradient(float x, float dy, float dx, String where) {
        assertGradient(x, dy, dx, geluTanhDerivativeExactAndScale(x),
                x < GELU_TANH_TAIL ? GELU_TANH_BACKWARD_TAIL_ABSOLUTE : 0, where + " geluTanhBackward");
    }

    private static void assertGradient(float x, float dy, float dx, double[] exactAndScale, double tailAbsolute,
            String where) {
        if (Float.isNaN(x) || Float.isNaN(dy)) {
            if (!Float.isNaN(dx)) {
                fail(where + ": x " + x + " dy " + dy + " gave " + dx + ", not NaN");
            }
            return;
        }
        if (Float.isInfinite(dy)) {
            return; // ±Inf times the derivative: the IEEE outcome of the formula, not promised further
        }
        if (Float.isNaN(dx)) {
            fail(where + ": x " + x + " dy " + dy + " gave NaN");
        }
        double exact = dy * exactAndScale[0];
        double scale = Math.abs((double) dy) * exactAndScale[1];
        double tolerance = BACKWARD_RELATIVE * scale + tailAbsolute * Math.abs(dy) + Float.MIN_VALUE;
        if (Float.isInfinite(dx)) { // overflow: right if the exact value is within the bound of rounding to infinity
            if (Math.signum(dx) != Math.signum(exact) || Math.abs(exact) + tolerance < 0x1p128 - 0x1p103) {
                fail(where + ": x " + x + " dy " + dy + " gave " + dx + ", exact " + exact);
            }
            return;
        }
        if (!(Math.abs(dx - exact) <= tolerance)) {
            fail(where + ": x " + x + " dy " + dy + " gave " + dx + ", exact " + exact + ", off by "
                    + Math.abs(dx - exact) / scale + " of the terms' size");
        }
    }

    // ---- forward

    @ParameterizedTest
    @MethodSource("implementations")
    void geluMeetsItsPromiseOnEveryLengthOffsetAndInPlace(KernelProvider provider) {
        forwardOnEveryLength(provider, true);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void geluTanhMeetsItsPromiseOnEveryLengthOffsetAndInPlace(KernelProvider provider) {
        forwardOnEveryLength(provider, false);
    }

    private static void forwardOnEveryLength(KernelProvider provider, boolean exactForm) {
        ActivationKernels kernels = provider.activations();
        String name = exactForm ? "gelu" : "geluTanh";
        for (int length : Implementations.lengths()) {
            for (int xOffset : OFFSETS) {
                for (int yOffset : OFFSETS) {
                    float[] values = mixed(length, length * 47L + xOffset + (exactForm ? 0 : 5));
                    float[] x = placed(values, xOffset);
                    float[] y = TestData.filled(yOffset + length + 4);
                    String where = provider.name() + " " + name + " length " + length + " offsets " + xOffset + ","
                            + yOffset;
                    if (exactForm) {
                        kernels.gelu(x, xOffset, y, yOffset, length);
                    } else {
                        kernels.geluTanh(x, xOffset, y, yOffset, length);
                    }
                    for (int i = 0; i < length; i++) {
                        if (exactForm) {
                            assertGelu(values[i], y[yOffset + i], where);
                        } else {
                            assertGeluTanh(values[i], y[yOffset + i], where);
                        }
                    }
                    assertUntouchedOutside(y, yOffset, length, where);
                    if (exactForm) {
                        kernels.gelu(x, xOffset, x, xOffset, length);
                    } else {
                        kernels.geluTanh(x, xOffset, x, xOffset, length);
                    }
                    assertSameSegment(y, yOffset, x, xOffset, length, where + " in place");
                    assertUntouchedOutside(x, xOffset, length, where + " in place");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void specialValues(KernelProvider provider) {
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE,
            -Float.MAX_VALUE, 14f, -14f, 13.5f, -13.5f, -100f, 100f, 5.35f, 6f, 1e30f, -1e30f, -20f, 1e-30f, -1e-30f,
            Float.MIN_NORMAL, -Float.MIN_NORMAL};
        float[] gelu = {0f, -0f, Float.POSITIVE_INFINITY, -0f, Float.NaN, Float.MAX_VALUE, -0f, 14f, -0f, 13.5f, -0f,
            -0f, 100f, 5.35f, 6f, 1e30f, -0f, -0f, 1e-30f * 0.5f, -1e-30f * 0.5f, Float.MIN_NORMAL / 2,
            -Float.MIN_NORMAL / 2}; // x/2 exactly for tiny x: Φ(0) = 1/2 exactly
        float[] subnormals = {Float.MIN_VALUE, -Float.MIN_VALUE, 3e-39f, -3e-39f, 1e-40f, -1e-40f, 0x1.fffffcp-127f,
            -0x1.fffffcp-127f};
        float[] subnormalOut = new float[subnormals.length];
        provider.activations().gelu(subnormals, 0, subnormalOut, 0, subnormals.length);
        for (int i = 0; i < subnormals.length; i++) {
            assertGelu(subnormals[i], subnormalOut[i], provider.name());
        }
        provider.activations().geluTanh(subnormals, 0, subnormalOut, 0, subnormals.length);
        for (int i = 0; i < subnormals.length; i++) {
            assertGeluTanh(subnormals[i], subnormalOut[i], provider.name());
        }
        for (int before = 0; before <= 40; before += 13) { // each value on a lane and in the scalar tail
            float[] in = new float[before + x.length];
            System.arraycopy(x, 0, in, before, x.length);
            float[] out = new float[in.length];
            float[] outTanh = new float[in.length];
            provider.activations().gelu(in, 0, out, 0, in.length);
            provider.activations().geluTanh(in, 0, outTanh, 0, in.length);
            for (int i = 0; i < x.length; i++) {
                if (!same(gelu[i], out[before + i])) {
                    fail(provider.name() + ": gelu(" + x[i] + ") = " + out[before + i] + ", expected " + gelu[i]);
                }
                // the tanh form is x/2 for tiny x, x for large x and -0 far out on the left, as gelu
                if (!same(gelu[i], outTanh[before + i])) {
                    fail(provider.name() + ": geluTanh(" + x[i] + ") = " + outTanh[before + i] + ", expected " + gelu[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void geluIsExactlyXFromWherePhiRoundsToOne(KernelProvider provider) {
        int count = 1 << 16;
        float[] x = new float[count];
        float[] y = new float[count];
        float[] yTanh = new float[count];
        int start = Float.floatToRawIntBits(GELU_IS_X_FROM);
        for (int i = 0; i < count; i++) {
            x[i] = Float.intBitsToFloat(start + i * 256); // 5.35 to beyond 14
        }
        assertTrue(x[count - 1] > 14f);
        provider.activations().gelu(x, 0, y, 0, count);
        provider.activations().geluTanh(x, 0, yTanh, 0, count);
        for (int i = 0; i < count; i++) {
            assertEquals(x[i], y[i], provider.name() + " gelu(" + x[i] + ")");
            assertEquals(x[i], yTanh[i], provider.name() + " geluTanh(" + x[i] + ")");
        }
    }

    // ---- backward

    @ParameterizedTest
    @MethodSource("implementations")
    void geluBackwardIsWithinItsBound(KernelProvider provider) {
        backwardOnEveryLength(provider, true);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void geluTanhBackwardIsWithinItsBound(KernelProvider provider) {
        backwardOnEveryLength(provider, false);
    }

    private static void backwardOnEveryLength(KernelProvider provider, boolean exactForm) {
        ActivationKernels kernels = provider.activations();
        for (int length : Implementations.lengths()) {
            int offset = length % 3;
            float[] values = mixed(length, length * 9L + (exactForm ? 2 : 4));
            float[] gradients = mixed(length, length * 9L + 3);
            float[] x = placed(values, offset + 1);
            float[] dy = placed(gradients, offset);
            float[] dx = TestData.filled(offset + length + 4);
            String where = provider.name() + " length " + length;
            if (exactForm) {
                kernels.geluBackward(x, offset + 1, dy, offset, dx, offset, length);
            } else {
                kernels.geluTanhBackward(x, offset + 1, dy, offset, dx, offset, length);
            }
            for (int i = 0; i < length; i++) {
                if (exactForm) {
                    assertGeluGradient(values[i], gradients[i], dx[offset + i], where);
                } else {
                    assertGeluTanhGradient(values[i], gradients[i], dx[offset + i], where);
                }
            }
            assertUntouchedOutside(dx, offset, length, where);
            // dx over dy, then dx over x
            if (exactForm) {
                kernels.geluBackward(x, offset + 1, dy, offset, dy, offset, length);
            } else {
                kernels.geluTanhBackward(x, offset + 1, dy, offset, dy, offset, length);
            }
            assertSameSegment(dx, offset, dy, offset, length, where + " in place over dy");
            float[] dyAgain = placed(gradients, offset);
            if (exactForm) {
                kernels.geluBackward(x, offset + 1, dyAgain, offset, x, offset + 1, length);
            } else {
                kernels.geluTanhBackward(x, offset + 1, dyAgain, offset, x, offset + 1, length);
            }
            assertSameSegment(dx, offset, x, offset + 1, length, where + " in place over x");
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void backwardSpecialValues(KernelProvider provider) {
        float[] x = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 20f, -20f, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.NaN};
        float[] dy = new float[x.length];
        java.util.Arrays.fill(dy, 2f);
        float[] dx = new float[x.length];
        float[] dxTanh = new float[x.length];
        provider.activations().geluBackward(x, 0, dy, 0, dx, 0, x.length);
        provider.activations().geluTanhBackward(x, 0, dy, 0, dxTanh, 0, x.length);
        float[] expected = {2f, 0f, 1f, 1f, 2f, 0f, 2f, 0f, Float.NaN}; // Φ(0) = 1/2; ±0 for the far left
        for (int i = 0; i < x.length; i++) {
            for (float[] actual : new float[][] {dx, dxTanh}) {
                boolean ok = Float.isNaN(expected[i]) ? Float.isNaN(actual[i]) : actual[i] == expected[i];
                if (!ok) {
                    fail(provider.name() + ": gradient at x = " + x[i] + " gave " + actual[i] + ", expected "
                            + expected[i] + (actual == dx ? " (gelu)" : " (geluTanh)"));
                }
            }
        }
    }

    // ---- every implementation gives the scalar reference's bits

    @ParameterizedTest
    @MethodSource("implementations")
    void everyImplementationGivesTheScalarBits(KernelProvider provider) {
        ActivationKernels scalar = Kernels.scalar().activations();
        ActivationKernels kernels = provider.activations();
        for (int length : new int[] {1, 7, 8, 15, 16, 17, 63, 1021, 4099, 65537}) {
            float[] x = mixed(length, length + 3000L);
            float[] dy = mixed(length, length + 4000L);
            float[] expected = new float[length];
            float[] actual = new float[length];
            String where = provider.name() + " length " + length;
            scalar.gelu(x, 0, expected, 0, length);
            kernels.gelu(x, 0, actual, 0, length);
            assertSameSegment(expected, 0, actual, 0, length, where + " gelu");
            scalar.geluBackward(x, 0, dy, 0, expected, 0, length);
            kernels.geluBackward(x, 0, dy, 0, actual, 0, length);
            assertSameSegment(expected, 0, actual, 0, length, where + " geluBackward");
            scalar.geluTanh(x, 0, expected, 0, length);
            kernels.geluTanh(x, 0, actual, 0, length);
            assertSameSegment(expected, 0, actual, 0, length, where + " geluTanh");
            scalar.geluTanhBackward(x, 0, dy, 0, expected, 0, length);
            kernels.geluTanhBackward(x, 0, dy, 0, actual, 0, length);
            assertSameSegment(expected, 0, actual, 0, length, where + " geluTanhBackward");
        }
        // every float in [-16, 16] at a stride: each lane position meets every region of the algorithm
        int count = 1 << 20;
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (i & 1) == 0 ? -16f * i / count : 16f * i / count;
            x[i] = Math.nextUp(x[i] + (i % 7) * 1e-7f);
        }
        float[] expected = new float[count];
        float[] actual = new float[count];
        scalar.gelu(x, 0, expected, 0, count);
        kernels.gelu(x, 0, actual, 0, count);
        assertSameSegment(expected, 0, actual, 0, count, provider.name() + " gelu over [-16, 16]");
        scalar.geluTanh(x, 0, expected, 0, count);
        kernels.geluTanh(x, 0, actual, 0, count);
        assertSameSegment(expected, 0, actual, 0, count, provider.name() + " geluTanh over [-16, 16]");
    }

    static void assertSameSegment(float[] expected, int expectedOffset, float[] actual, int actualOffset, int length,
            String what) {
        for (int i = 0; i < length; i++) {
            if (!same(expected[expectedOffset + i], actual[actualOffset + i])) {
                fail(what + ": element " + i + " is " + actual[actualOffset + i] + ", expected "
                        + expected[expectedOffset + i]);
            }
        }
    }
}
