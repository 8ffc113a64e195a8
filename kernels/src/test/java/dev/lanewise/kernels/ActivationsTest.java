package dev.lanewise.kernels;

import static dev.lanewise.kernels.TestData.SENTINEL;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every activation kernel of every implementation against its definition evaluated exactly (relu
 * and its gradient) or in double precision (sigmoid and its gradient), over every tail length,
 * nonzero offsets, in-place calls and the special values.
 */
class ActivationsTest {

    static List<KernelProvider> implementations() {
        return Implementations.all();
    }

    private static final int[] OFFSETS = {0, 3};

    /** The double-precision oracle: the logistic function, and whether a result must meet ulps. */
    static double sigmoidExact(float x) {
        return 1.0 / (1.0 + Math.exp(-(double) x));
    }

    static void assertSigmoid(float x, float y, String where) {
        if (Float.isNaN(x)) {
            if (!Float.isNaN(y)) {
                fail(where + ": sigmoid(NaN) = " + y);
            }
            return;
        }
        if (Float.isNaN(y) || y < 0f || y > 1f) {
            fail(where + ": sigmoid(" + x + ") = " + y + " is outside [0, 1]");
        }
        double exact = sigmoidExact(x);
        if (exact < Float.MIN_NORMAL) {
            if (Math.abs(y - exact) >= Float.MIN_NORMAL) {
                fail(where + ": sigmoid(" + x + ") = " + y + ", exact " + exact + ": off by MIN_NORMAL or more");
            }
        } else if (TestData.ulpError(y, exact) > 3.0) {
            fail(where + ": sigmoid(" + x + ") = " + y + ", exact " + exact + ": "
                    + TestData.ulpError(y, exact) + " ulp");
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void reluMatchesDefinitionOnEveryLengthAndOffset(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        for (int length : Implementations.lengths()) {
            for (int xOffset : OFFSETS) {
                for (int yOffset : OFFSETS) {
                    float[] values = mixed(length, length * 31L + xOffset);
                    float[] x = placed(values, xOffset);
                    float[] y = TestData.filled(yOffset + length + 4);
                    kernels.relu(x, xOffset, y, yOffset, length);
                    String where = provider.name() + " relu length " + length + " offsets " + xOffset + "," + yOffset;
                    for (int i = 0; i < length; i++) {
                        float v = values[i];
                        float expected = v <= 0 ? 0f : v;
                        if (!same(expected, y[yOffset + i]) || (v == 0 && Float.floatToRawIntBits(y[yOffset + i]) != 0)) {
                            fail(where + ": relu(" + v + ") = " + y[yOffset + i] + " at " + i);
                        }
                    }
                    assertUntouchedOutside(y, yOffset, length, where);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void reluWithMaskWritesKeepBitsAndClearsThePaddingBits(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        for (int length : Implementations.lengths()) {
            for (int offset : OFFSETS) {
                float[] values = mixed(length, length * 17L + offset);
                float[] x = placed(values, offset);
                float[] y = TestData.filled(offset + length + 4);
                int words = Activations.maskWords(length);
                long[] mask = new long[words + 1];
                java.util.Arrays.fill(mask, 0xA5A5_A5A5_A5A5_A5A5L); // garbage the kernel must overwrite
                kernels.relu(x, offset, y, offset, mask, length);
                String where = provider.name() + " relu+mask length " + length + " offset " + offset;
                for (int i = 0; i < length; i++) {
                    float v = values[i];
                    long bit = mask[i >>> 6] >>> (i & 63) & 1;
                    assertEquals(!(v <= 0) ? 1 : 0, bit, where + ": bit " + i + " for " + v);
                    if (!same(v <= 0 ? 0f : v, y[offset + i])) {
                        fail(where + ": relu(" + v + ") = " + y[offset + i]);
                    }
                }
                if ((length & 63) != 0) {
                    assertEquals(0, mask[words - 1] >>> (length & 63), where + ": bits past length are set");
                }
                assertEquals(0xA5A5_A5A5_A5A5_A5A5L, mask[words], where + ": word past the mask was written");
                assertUntouchedOutside(y, offset, length, where);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void reluBackwardFromMaskAndFromInputMatchTheirDefinitions(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        for (int length : Implementations.lengths()) {
            int offset = length % 2 == 0 ? 0 : 5;
            float[] values = mixed(length, length * 7L);
            float[] gradients = mixed(length, length * 7L + 1);
            float[] x = placed(values, offset);
            float[] dy = placed(gradients, offset);
            long[] mask = new long[Activations.maskWords(length)];
            float[] y = TestData.filled(offset + length + 4);
            kernels.relu(x, offset, y, offset, mask, length);

            float[] dxFromMask = TestData.filled(offset + length + 4);
            kernels.reluBackward(dy, offset, mask, dxFromMask, offset, length);
            float[] dxFromInput = TestData.filled(offset + length + 4);
            kernels.reluBackward(x, offset, dy, offset, dxFromInput, offset, length);
            String where = provider.name() + " reluBackward length " + length;
            for (int i = 0; i < length; i++) {
                float v = values[i];
                float g = gradients[i];
                if (!same(!(v <= 0) ? g : 0f, dxFromMask[offset + i])) {
                    fail(where + " (mask): x " + v + " dy " + g + " gave " + dxFromMask[offset + i]);
                }
                if (!same(v > 0 ? g : 0f, dxFromInput[offset + i])) {
                    fail(where + " (input): x " + v + " dy " + g + " gave " + dxFromInput[offset + i]);
                }
            }
            assertUntouchedOutside(dxFromMask, offset, length, where);
            assertUntouchedOutside(dxFromInput, offset, length, where);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sigmoidMeetsItsPromiseOnEveryLengthAndOffset(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        for (int length : Implementations.lengths()) {
            for (int xOffset : OFFSETS) {
                for (int yOffset : OFFSETS) {
                    float[] values = mixed(length, length * 13L + xOffset);
                    float[] x = placed(values, xOffset);
                    float[] y = TestData.filled(yOffset + length + 4);
                    kernels.sigmoid(x, xOffset, y, yOffset, length);
                    String where = provider.name() + " sigmoid length " + length + " offsets " + xOffset + "," + yOffset;
                    for (int i = 0; i < length; i++) {
                        assertSigmoid(values[i], y[yOffset + i], where);
                    }
                    assertUntouchedOutside(y, yOffset, length, where);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sigmoidSpecialValuesAreExact(KernelProvider provider) {
        float[] x = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 200f, -200f};
        for (int length = 1; length <= x.length + 40; length += 13) {
            // each special value at a lane position and in the scalar tail
            float[] in = new float[length + x.length];
            System.arraycopy(x, 0, in, length, x.length);
            float[] out = new float[in.length];
            provider.activations().sigmoid(in, 0, out, 0, in.length);
            float[] tail = java.util.Arrays.copyOfRange(out, length, out.length);
            assertEquals(0.5f, tail[0]);
            assertEquals(0.5f, tail[1]);
            assertEquals(1f, tail[2]);
            assertEquals(0f, tail[3]);
            assertTrue(Float.isNaN(tail[4]));
            assertEquals(1f, tail[5]);
            assertEquals(0f, tail[6]);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sigmoidBackwardIsWithinFourUlpOfDouble(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        for (int length : Implementations.lengths()) {
            int offset = length % 3;
            float[] x = mixed(length, length * 3L);
            float[] outputs = new float[length];
            Kernels.scalar().activations().sigmoid(x, 0, outputs, 0, length);
            float[] gradients = mixed(length, length * 3L + 1);
            float[] y = placed(outputs, offset);
            float[] dy = placed(gradients, offset + 1);
            float[] dx = TestData.filled(offset + length + 4);
            kernels.sigmoidBackward(y, offset, dy, offset + 1, dx, offset, length);
            String where = provider.name() + " sigmoidBackward length " + length;
            for (int i = 0; i < length; i++) {
                double exact = (double) gradients[i] * outputs[i] * (1.0 - outputs[i]);
                float actual = dx[offset + i];
                if (Double.isNaN(exact) || Double.isInfinite(exact)) {
                    if (!same((float) exact, actual)) {
                        fail(where + ": dy " + gradients[i] + " y " + outputs[i] + " gave " + actual + ", exact " + exact);
                    }
                } else if (Math.abs(actual - exact) > 4 * Math.ulp((float) exact)) {
                    fail(where + ": dy " + gradients[i] + " y " + outputs[i] + " gave " + actual + ", exact " + exact);
                }
            }
            assertUntouchedOutside(dx, offset, length, where);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void inPlaceCallsGiveTheSameResultsAsOutOfPlace(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        int length = 1021;
        float[] values = mixed(length, 99);
        int offset = 2;

        float[] expected = new float[length];
        kernels.relu(values, 0, expected, 0, length);
        float[] inPlace = placed(values, offset);
        kernels.relu(inPlace, offset, inPlace, offset, length);
        assertSameSegment(expected, inPlace, offset, provider.name() + " relu in place");

        long[] mask = new long[Activations.maskWords(length)];
        inPlace = placed(values, offset);
        kernels.relu(inPlace, offset, inPlace, offset, mask, length);
        assertSameSegment(expected, inPlace, offset, provider.name() + " relu+mask in place");

        kernels.sigmoid(values, 0, expected, 0, length);
        inPlace = placed(values, offset);
        kernels.sigmoid(inPlace, offset, inPlace, offset, length);
        if (provider.reproducible()) {
            assertSameSegment(expected, inPlace, offset, provider.name() + " sigmoid in place");
        } else { // two calls may differ in the last bit; each keeps the promise
            for (int i = 0; i < length; i++) {
                assertSigmoid(values[i], inPlace[offset + i], provider.name() + " sigmoid in place");
            }
            assertUntouchedOutside(inPlace, offset, length, provider.name() + " sigmoid in place");
        }

        float[] dy = mixed(length, 100);
        float[] sig = expected.clone();
        float[] expectedDx = new float[length];
        kernels.sigmoidBackward(sig, 0, dy, 0, expectedDx, 0, length);
        inPlace = placed(dy, offset);
        kernels.sigmoidBackward(placed(sig, offset), offset, inPlace, offset, inPlace, offset, length);
        assertSameSegment(expectedDx, inPlace, offset, provider.name() + " sigmoidBackward in place (dx = dy)");

        kernels.reluBackward(dy, 0, mask, expectedDx, 0, length);
        inPlace = placed(dy, offset);
        kernels.reluBackward(inPlace, offset, mask, inPlace, offset, length);
        assertSameSegment(expectedDx, inPlace, offset, provider.name() + " reluBackward in place");

        kernels.reluBackward(values, 0, dy, 0, expectedDx, 0, length);
        inPlace = placed(dy, offset);
        kernels.reluBackward(placed(values, offset), offset, inPlace, offset, inPlace, offset, length);
        assertSameSegment(expectedDx, inPlace, offset, provider.name() + " reluBackward(x) in place");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void largePrimeLengthsAgreeWithTheDefinition(KernelProvider provider) {
        ActivationKernels kernels = provider.activations();
        int length = 1_000_003;
        float[] x = mixed(length, 5);
        float[] y = new float[length + 1];
        y[length] = SENTINEL;
        long[] mask = new long[Activations.maskWords(length)];
        kernels.relu(x, 0, y, 0, mask, length);
        for (int i = 0; i < length; i++) {
            if (!same(x[i] <= 0 ? 0f : x[i], y[i]) || (mask[i >>> 6] >>> (i & 63) & 1) != (!(x[i] <= 0) ? 1 : 0)) {
                fail(provider.name() + " relu+mask at " + i + " of " + length);
            }
        }
        kernels.sigmoid(x, 1, y, 0, length - 1);
        for (int i = 0; i < length - 1; i++) {
            assertSigmoid(x[i + 1], y[i], provider.name() + " sigmoid length " + length);
        }
        assertEquals(SENTINEL, y[length]);
    }

    private static void assertSameSegment(float[] expected, float[] actual, int offset, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (!same(expected[i], actual[offset + i])) {
                fail(what + ": element " + i + " is " + actual[offset + i] + ", expected " + expected[i]);
            }
        }
        assertUntouchedOutside(actual, offset, expected.length, what);
    }
}
