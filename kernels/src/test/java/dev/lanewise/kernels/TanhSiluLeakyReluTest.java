package dev.lanewise.kernels;

import static dev.lanewise.kernels.TestData.assertUntouchedOutside;
import static dev.lanewise.kernels.TestData.mixed;
import static dev.lanewise.kernels.TestData.placed;
import static dev.lanewise.kernels.TestData.same;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.vector.VectorActivationKernels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tanh, SiLU and leaky ReLU, forward and backward, on every implementation: against their
 * definitions in double precision (tanh, SiLU) or exactly (leaky ReLU), over every tail length,
 * nonzero offsets, in-place calls and the special values; and bit for bit against the scalar
 * reference. The promised bounds live here, as constants the javadoc quotes.
 */
class TanhSiluLeakyReluTest {

    /** tanh: ulp from the correctly rounded result, every input (see TanhExhaustiveTest). */
    static final double TANH_ULP = 3.0;
    /** SiLU: ulp from the correctly rounded result for x >= FLUSH_BELOW (see SiluExhaustiveTest). */
    static final double SILU_ULP = 4.0;
    /** SiLU below FLUSH_BELOW: the result is -0, and the exact value is smaller than this. */
    static final double SILU_TAIL_ABSOLUTE = 1.1e-36;
    /** Where SiLU's exp(-|x|) is flushed to 0: ln(Float.MIN_NORMAL). */
    static final float FLUSH_BELOW = -0x1.5d58a0p6f;
    /** tanh's gradient: ulp from dy · (1 - y²) evaluated exactly (two roundings, the first scaled by dy). */
    static final double TANH_BACKWARD_ULP = 1.5;
    /** SiLU's gradient: error over |dy| · s · (1 + |x| (1 - s)). */
    static final double SILU_BACKWARD_RELATIVE = 0x1p-20;

    static List<KernelProvider> implementations() {
        return Implementations.all();
    }

    private static final int[] OFFSETS = {0, 3};
    private static final float[] ALPHAS = {0.01f, 0.2f, 1f, Float.MIN_VALUE};
    /**
     * Slopes the public API refuses, for the kernels themselves: the vector leaky ReLU takes a
     * faster form for slopes in [+0, +Inf) only, and must still give the definition's bits on the rest.
     */
    private static final float[] SLOPES_OUTSIDE_THE_API = {0f, -0f, -0.5f, 2f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN};

    // ---- oracles and per-element promises

    static double tanhExact(float x) {
        return Math.tanh(x);
    }

    static void assertTanh(float x, float y, String where) {
        if (Float.isNaN(x)) {
            if (!Float.isNaN(y)) {
                fail(where + ": tanh(NaN) = " + y);
            }
            return;
        }
        if (Float.isNaN(y) || y < -1f || y > 1f) {
            fail(where + ": tanh(" + x + ") = " + y + " is outside [-1, 1]");
        }
        if ((Float.floatToRawIntBits(x) ^ Float.floatToRawIntBits(y)) < 0) {
            fail(where + ": tanh(" + x + ") = " + y + " has the wrong sign");
        }
        if (Math.abs(x) >= 9.1f && Math.abs(y) != 1f) {
            fail(where + ": tanh(" + x + ") = " + y + " is not saturated");
        }
        double error = TestData.ulpError(y, tanhExact(x));
        if (!(error <= TANH_ULP)) {
            fail(where + ": tanh(" + x + ") = " + y + ", exact " + tanhExact(x) + ": " + error + " ulp");
        }
    }

    static double siluExact(float x) {
        if (x == Float.NEGATIVE_INFINITY) {
            return -0.0;
        }
        return x / (1.0 + Math.exp(-(double) x));
    }

    static void assertSilu(float x, float y, String where) {
        if (Float.isNaN(x)) {
            if (!Float.isNaN(y)) {
                fail(where + ": silu(NaN) = " + y);
            }
            return;
        }
        double exact = siluExact(x);
        if (Float.isNaN(y)) {
            fail(where + ": silu(" + x + ") = NaN");
        }
        if (x < FLUSH_BELOW) {
            if (Float.floatToRawIntBits(y) != Float.floatToRawIntBits(-0f) || Math.abs(exact) > SILU_TAIL_ABSOLUTE) {
                fail(where + ": silu(" + x + ") = " + y + ", exact " + exact + " (the tail promises -0 within "
                        + SILU_TAIL_ABSOLUTE + ")");
            }
            return;
        }
        if (Double.isInfinite(exact) || x == 0) {
            if (Float.floatToRawIntBits(y) != Float.floatToRawIntBits((float) exact)) {
                fail(where + ": silu(" + x + ") = " + y + ", expected " + exact);
            }
            return;
        }
        double error = TestData.ulpError(y, exact);
        if (!(error <= SILU_ULP)) {
            fail(where + ": silu(" + x + ") = " + y + ", exact " + exact + ": " + error + " ulp");
        }
    }

    /** The derivative of SiLU in double, and the size of its terms, which the bound scales with. */
    static double[] siluDerivativeExactAndScale(float x) {
        if (x == Float.POSITIVE_INFINITY) {
            return new double[] {1, 1};
        }
        if (x == Float.NEGATIVE_INFINITY) {
            return new double[] {0, 0};
        }
        double s = 1 / (1 + Math.exp(-(double) x));
        double oneMinusS = 1 / (1 + Math.exp(x));
        return new double[] {s * (1 + x * oneMinusS), s * (1 + Math.abs(x) * oneMinusS)};
    }

    // ---- tanh

    @ParameterizedTest
    @MethodSource("implementations")
    void tanhMeetsItsPromiseOnEveryLengthOffsetAndInPlace(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        for (int length : Implementations.lengths()) {
            for (int xOffset : OFFSETS) {
                for (int yOffset : OFFSETS) {
                    float[] values = mixed(length, length * 41L + xOffset);
                    float[] x = placed(values, xOffset);
                    float[] y = TestData.filled(yOffset + length + 4);
                    kernels.tanh(x, xOffset, y, yOffset, length);
                    String where = provider.name() + " tanh length " + length + " offsets " + xOffset + "," + yOffset;
                    for (int i = 0; i < length; i++) {
                        assertTanh(values[i], y[yOffset + i], where);
                    }
                    assertUntouchedOutside(y, yOffset, length, where);
                    kernels.tanh(x, xOffset, x, xOffset, length);
                    assertSameSegment(y, yOffset, x, xOffset, length, where + " in place");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void tanhSpecialValues(KernelProvider provider) {
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 9.1f, -9.1f, 9.5f, -20f,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -3e-39f};
        float[] expected = {0f, -0f, 1f, -1f, Float.NaN, 1f, -1f, 1f, -1f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE,
            1e-30f, -3e-39f};
        for (int before = 0; before <= 40; before += 13) { // each value on a lane and in the scalar tail
            float[] in = new float[before + x.length];
            System.arraycopy(x, 0, in, before, x.length);
            float[] out = new float[in.length];
            provider.activations().tanh(in, 0, out, 0, in.length);
            for (int i = 0; i < x.length; i++) {
                if (!same(expected[i], out[before + i])) {
                    fail(provider.name() + ": tanh(" + x[i] + ") = " + out[before + i] + ", expected " + expected[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void tanhBackwardIsWithinOneAndAHalfUlpOfTheExactFormula(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        for (int length : Implementations.lengths()) {
            int offset = length % 3;
            float[] outputs = new float[length];
            Kernels.scalar().activations().tanh(mixed(length, length * 5L), 0, outputs, 0, length);
            float[] gradients = mixed(length, length * 5L + 1);
            float[] y = placed(outputs, offset);
            float[] dy = placed(gradients, offset + 1);
            float[] dx = TestData.filled(offset + length + 4);
            kernels.tanhBackward(y, offset, dy, offset + 1, dx, offset, length);
            String where = provider.name() + " tanhBackward length " + length;
            for (int i = 0; i < length; i++) {
                double exact = gradients[i] * (1.0 - (double) outputs[i] * outputs[i]);
                assertWithin(exact, dx[offset + i], TANH_BACKWARD_ULP * Math.ulp((float) exact), where + ": dy " + gradients[i] + " y "
                        + outputs[i]);
            }
            assertUntouchedOutside(dx, offset, length, where);
            kernels.tanhBackward(y, offset, dy, offset + 1, dy, offset + 1, length); // dx over dy
            assertSameSegment(dx, offset, dy, offset + 1, length, where + " in place");
        }
    }

    // ---- SiLU

    @ParameterizedTest
    @MethodSource("implementations")
    void siluMeetsItsPromiseOnEveryLengthOffsetAndInPlace(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        for (int length : Implementations.lengths()) {
            for (int xOffset : OFFSETS) {
                for (int yOffset : OFFSETS) {
                    float[] values = mixed(length, length * 43L + xOffset);
                    float[] x = placed(values, xOffset);
                    float[] y = TestData.filled(yOffset + length + 4);
                    kernels.silu(x, xOffset, y, yOffset, length);
                    String where = provider.name() + " silu length " + length + " offsets " + xOffset + "," + yOffset;
                    for (int i = 0; i < length; i++) {
                        assertSilu(values[i], y[yOffset + i], where);
                    }
                    assertUntouchedOutside(y, yOffset, length, where);
                    kernels.silu(x, xOffset, x, xOffset, length);
                    assertSameSegment(y, yOffset, x, xOffset, length, where + " in place");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void siluSpecialValues(KernelProvider provider) {
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE,
            -Float.MAX_VALUE, -88f, -100f, Float.MIN_VALUE, -Float.MIN_VALUE};
        float[] expected = {0f, -0f, Float.POSITIVE_INFINITY, -0f, Float.NaN, Float.MAX_VALUE, -0f, -0f, -0f, 0f,
            -0f}; // MIN_VALUE / 2 rounds to even: 0
        for (int before = 0; before <= 40; before += 13) {
            float[] in = new float[before + x.length];
            System.arraycopy(x, 0, in, before, x.length);
            float[] out = new float[in.length];
            provider.activations().silu(in, 0, out, 0, in.length);
            for (int i = 0; i < x.length; i++) {
                if (!same(expected[i], out[before + i])) {
                    fail(provider.name() + ": silu(" + x[i] + ") = " + out[before + i] + ", expected " + expected[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void siluBackwardIsWithinItsBound(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        for (int length : Implementations.lengths()) {
            int offset = length % 3;
            float[] values = mixed(length, length * 7L + 2);
            float[] gradients = mixed(length, length * 7L + 3);
            float[] x = placed(values, offset + 1);
            float[] dy = placed(gradients, offset);
            float[] dx = TestData.filled(offset + length + 4);
            kernels.siluBackward(x, offset + 1, dy, offset, dx, offset, length);
            String where = provider.name() + " siluBackward length " + length;
            for (int i = 0; i < length; i++) {
                assertSiluGradient(values[i], gradients[i], dx[offset + i], where);
            }
            assertUntouchedOutside(dx, offset, length, where);
            kernels.siluBackward(x, offset + 1, dy, offset, dy, offset, length); // dx over dy
            assertSameSegment(dx, offset, dy, offset, length, where + " in place");
        }
    }

    static void assertSiluGradient(float x, float dy, float dx, String where) {
        if (Float.isNaN(x) || Float.isNaN(dy)) {
            if (!Float.isNaN(dx)) {
                fail(where + ": x " + x + " dy " + dy + " gave " + dx + ", not NaN");
            }
            return;
        }
        if (Float.isInfinite(dy)) {
            return; // ±Inf times the derivative: the IEEE outcome of the formula, not promised further
        }
        double[] exactAndScale = siluDerivativeExactAndScale(x);
        double exact = dy * exactAndScale[0];
        double scale = Math.abs((double) dy) * exactAndScale[1];
        double tolerance = SILU_BACKWARD_RELATIVE * scale + (x < FLUSH_BELOW ? SILU_TAIL_ABSOLUTE * Math.abs(dy) : 0)
                + Float.MIN_VALUE;
        if (Float.isInfinite(dx)) { // overflow: right if the exact value is within the bound of rounding to infinity
            if (Math.signum(dx) != Math.signum(exact) || Math.abs(exact) + tolerance < 0x1p128 - 0x1p103) {
                fail(where + ": x " + x + " dy " + dy + " gave " + dx + ", exact " + exact);
            }
            return;
        }
        double actual = dx;
        if (!(Math.abs(actual - exact) <= tolerance)) {
            fail(where + ": x " + x + " dy " + dy + " gave " + dx + ", exact " + exact + ", off by "
                    + Math.abs(actual - exact) / scale + " of the terms' size");
        }
    }

    // ---- leaky ReLU

    @ParameterizedTest
    @MethodSource("implementations")
    void leakyReluAndItsGradientAreExactOnEveryLengthAndOffset(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        float[] alphas = Arrays.copyOf(ALPHAS, ALPHAS.length + SLOPES_OUTSIDE_THE_API.length);
        System.arraycopy(SLOPES_OUTSIDE_THE_API, 0, alphas, ALPHAS.length, SLOPES_OUTSIDE_THE_API.length);
        for (float alpha : alphas) {
            boolean nanOnlyFromNaN = alpha > 0 && alpha <= 1; // the API's slopes; 0·-Inf is NaN
            for (int length : Implementations.lengths()) {
                int offset = length % 2 == 0 ? 0 : 3;
                float[] values = mixed(length, length * 11L);
                float[] gradients = mixed(length, length * 11L + 1);
                float[] x = placed(values, offset);
                float[] y = TestData.filled(offset + 1 + length + 4);
                kernels.leakyRelu(x, offset, y, offset + 1, length, alpha);
                float[] dy = placed(gradients, offset);
                float[] dx = TestData.filled(offset + length + 4);
                kernels.leakyReluBackward(x, offset, dy, offset, dx, offset, length, alpha);
                String where = provider.name() + " leakyRelu alpha " + alpha + " length " + length;
                for (int i = 0; i < length; i++) {
                    float v = values[i];
                    float expected = v > 0 ? v : alpha * v;
                    if (!same(expected, y[offset + 1 + i])
                            || (nanOnlyFromNaN && Float.isNaN(y[offset + 1 + i]) != Float.isNaN(v))) {
                        fail(where + ": leakyRelu(" + v + ") = " + y[offset + 1 + i]);
                    }
                    float expectedGradient = v > 0 ? gradients[i] : alpha * gradients[i];
                    if (!same(expectedGradient, dx[offset + i])) {
                        fail(where + ": x " + v + " dy " + gradients[i] + " gave " + dx[offset + i]);
                    }
                }
                assertUntouchedOutside(y, offset + 1, length, where);
                assertUntouchedOutside(dx, offset, length, where);
                kernels.leakyRelu(x, offset, x, offset, length, alpha);
                assertSameSegment(y, offset + 1, x, offset, length, where + " in place");
                kernels.leakyReluBackward(placed(values, offset), offset, dy, offset, dy, offset, length, alpha);
                assertSameSegment(dx, offset, dy, offset, length, where + " backward in place");
            }
        }
    }

    /**
     * The vector leaky ReLU has two forms, one picked per JDK and width; both must give the
     * formula's bits at this machine's width, whichever the provider runs here.
     */
    @Test
    void bothVectorLeakyReluFormsGiveTheFormulasBits() {
        assumeTrue(Kernels.vector().isPresent(), "no Vector API kernels in this JVM");
        for (float alpha : SLOPES_OUTSIDE_THE_API) {
            boolean fits = alpha == 2f || Float.floatToRawIntBits(alpha) == 0; // 2 and +0; not -0, < 0, Inf, NaN
            assertEquals(fits, VectorActivationKernels.signBitFormFits(alpha), "slope " + alpha);
        }
        float[] slopes = {0.01f, 0.2f, 1f, Float.MIN_VALUE, 0f, 2f, Float.MAX_VALUE};
        for (float alpha : slopes) {
            assertTrue(VectorActivationKernels.signBitFormFits(alpha), "slope " + alpha);
            for (int length : Implementations.lengths()) {
                int offset = length % 2 == 0 ? 0 : 3;
                float[] values = mixed(length, length * 13L + 5);
                float[] x = placed(values, offset);
                float[] bySignBit = TestData.filled(offset + length + 4);
                float[] byBlend = TestData.filled(offset + length + 4);
                VectorActivationKernels.leakyReluBySignBit(x, offset, bySignBit, offset, length, alpha);
                VectorActivationKernels.leakyReluByBlend(x, offset, byBlend, offset, length, alpha);
                String where = "leakyRelu alpha " + alpha + " length " + length;
                for (int i = 0; i < length; i++) {
                    float v = values[i];
                    float expected = v > 0 ? v : alpha * v;
                    if (!same(expected, bySignBit[offset + i]) || !same(expected, byBlend[offset + i])) {
                        fail(where + ": leakyRelu(" + v + ") = " + bySignBit[offset + i] + " by the sign bit, "
                                + byBlend[offset + i] + " by a blend, expected " + expected);
                    }
                }
                assertUntouchedOutside(bySignBit, offset, length, where + " by the sign bit");
                assertUntouchedOutside(byBlend, offset, length, where + " by a blend");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void leakyReluNeverMakesNaNFromANumber(KernelProvider provider) {
        float[] x = {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -0f, 0f, Float.POSITIVE_INFINITY, -Float.MIN_VALUE};
        for (float alpha : ALPHAS) {
            float[] y = new float[x.length];
            provider.activations().leakyRelu(x, 0, y, 0, x.length, alpha);
            for (int i = 0; i < x.length; i++) {
                if (Float.isNaN(y[i])) {
                    fail(provider.name() + ": leakyRelu(" + x[i] + ", " + alpha + ") is NaN");
                }
            }
            assertEquals(Float.NEGATIVE_INFINITY, y[0]);
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(y[2]));
        }
    }

    // ---- every implementation gives the scalar reference's bits

    @ParameterizedTest
    @MethodSource("implementations")
    void everyImplementationGivesTheScalarBits(KernelProvider provider) {
        ActivationKernels scalar = Kernels.scalar().activations();
        ActivationKernels kernels = provider.activations();
        for (int length : new int[] {1, 7, 8, 15, 16, 17, 63, 1021, 4099}) {
            float[] x = mixed(length, length + 1000L);
            float[] dy = mixed(length, length + 2000L);
            float[] expected = new float[length];
            float[] actual = new float[length];
            String where = provider.name() + " length " + length;
            scalar.tanh(x, 0, expected, 0, length);
            kernels.tanh(x, 0, actual, 0, length);
            assertSameBits(expected, actual, where + " tanh");
            scalar.tanhBackward(x, 0, dy, 0, expected, 0, length);
            kernels.tanhBackward(x, 0, dy, 0, actual, 0, length);
            assertSameBits(expected, actual, where + " tanhBackward");
            scalar.silu(x, 0, expected, 0, length);
            kernels.silu(x, 0, actual, 0, length);
            assertSameBits(expected, actual, where + " silu");
            scalar.siluBackward(x, 0, dy, 0, expected, 0, length);
            kernels.siluBackward(x, 0, dy, 0, actual, 0, length);
            assertSameBits(expected, actual, where + " siluBackward");
            scalar.leakyRelu(x, 0, expected, 0, length, 0.1f);
            kernels.leakyRelu(x, 0, actual, 0, length, 0.1f);
            assertSameBits(expected, actual, where + " leakyRelu");
            scalar.leakyReluBackward(x, 0, dy, 0, expected, 0, length, 0.1f);
            kernels.leakyReluBackward(x, 0, dy, 0, actual, 0, length, 0.1f);
            assertSameBits(expected, actual, where + " leakyReluBackward");
        }
    }

    // ---- helpers

    private static void assertWithin(double exact, float actual, double tolerance, String what) {
        if (Double.isNaN(exact) || Double.isInfinite(exact)) {
            if (!same((float) exact, actual)) {
                fail(what + " gave " + actual + ", exact " + exact);
            }
        } else if (!(Math.abs(actual - exact) <= tolerance)) {
            fail(what + " gave " + actual + ", exact " + exact + " (tolerance " + tolerance + ")");
        }
    }

    private static void assertSameSegment(float[] expected, int expectedOffset, float[] actual, int actualOffset,
            int length, String what) {
        for (int i = 0; i < length; i++) {
            if (!same(expected[expectedOffset + i], actual[actualOffset + i])) {
                fail(what + ": element " + i + " is " + actual[actualOffset + i] + ", expected "
                        + expected[expectedOffset + i]);
            }
        }
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertSameSegment(expected, 0, actual, 0, expected.length, what);
    }
}
