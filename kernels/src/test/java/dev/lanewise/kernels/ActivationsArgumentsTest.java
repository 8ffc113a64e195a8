package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments to the public activation API: a clear exception naming the argument, nothing written. */
class ActivationsArgumentsTest {

    private final float[] x = new float[16];
    private final float[] out = TestData.filled(16);
    private final long[] mask = new long[1];

    {
        Arrays.fill(x, 1f);
        Arrays.fill(mask, 0x1234L);
    }

    private <T extends Throwable> void assertRejected(Class<T> type, String mentions, Executable call) {
        float[] before = out.clone();
        long[] maskBefore = mask.clone();
        T thrown = assertThrows(type, call);
        assertTrue(thrown.getMessage() != null && thrown.getMessage().contains(mentions),
                "message should name " + mentions + ": " + thrown.getMessage());
        assertArrayEquals(before, out, "output written before the exception");
        assertArrayEquals(maskBefore, mask, "mask written before the exception");
    }

    @Test
    void nullArraysAreNamed() {
        assertRejected(NullPointerException.class, "x", () -> Activations.relu(null, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "y", () -> Activations.relu(x, 0, null, 0, 4));
        assertRejected(NullPointerException.class, "mask", () -> Activations.relu(x, 0, out, 0, null, 4));
        assertRejected(NullPointerException.class, "dy", () -> Activations.reluBackwardFromMask(null, 0, mask, out, 0, 4));
        assertRejected(NullPointerException.class, "dx", () -> Activations.reluBackwardFromMask(x, 0, mask, null, 0, 4));
        assertRejected(NullPointerException.class, "dy", () -> Activations.reluBackwardFromInput(x, 0, null, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "x", () -> Activations.sigmoid(null, out));
        assertRejected(NullPointerException.class, "y", () -> Activations.sigmoidBackward(null, 0, x, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "dy", () -> Activations.sigmoidBackward(x, 0, null, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "dx", () -> Activations.sigmoidBackward(x, 0, x, 0, null, 0, 4));
    }

    @Test
    void negativeLengthIsRejected() {
        assertRejected(IllegalArgumentException.class, "length", () -> Activations.relu(x, 0, out, 0, -1));
        assertRejected(IllegalArgumentException.class, "length", () -> Activations.sigmoid(x, 0, out, 0, -5));
        assertRejected(IllegalArgumentException.class, "length",
                () -> Activations.reluBackwardFromMask(x, 0, mask, out, 0, -1));
        assertRejected(IllegalArgumentException.class, "length", () -> Activations.maskWords(-1));
    }

    @Test
    void offsetsOutOfRangeAreNamed() {
        assertRejected(IndexOutOfBoundsException.class, "xOffset", () -> Activations.relu(x, -1, out, 0, 4));
        assertRejected(IndexOutOfBoundsException.class, "yOffset", () -> Activations.relu(x, 0, out, 17, 0));
        assertRejected(IndexOutOfBoundsException.class, "y is too short", () -> Activations.relu(x, 0, out, 13, 4));
        assertRejected(IndexOutOfBoundsException.class, "x is too short", () -> Activations.sigmoid(x, 10, out, 0, 7));
        assertRejected(IndexOutOfBoundsException.class, "dyOffset",
                () -> Activations.reluBackwardFromInput(x, 0, x, -3, out, 0, 4));
        assertRejected(IndexOutOfBoundsException.class, "dxOffset",
                () -> Activations.sigmoidBackward(x, 0, x, 0, out, 20, 1));
    }

    @Test
    void offsetPlusLengthOverflowingIntIsRejected() {
        // the sum is computed in long: the message shows it, not a wrapped negative int
        assertRejected(IndexOutOfBoundsException.class, "needs length 2147483655",
                () -> Activations.relu(x, 8, out, 0, Integer.MAX_VALUE));
        assertRejected(IndexOutOfBoundsException.class, "x is too short",
                () -> Activations.sigmoid(x, 8, out, 0, Integer.MAX_VALUE - 4));
    }

    @Test
    void maskTooShortIsRejected() {
        float[] big = new float[65];
        float[] bigOut = TestData.filled(65);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> Activations.relu(big, 0, bigOut, 0, new long[1], 65));
        assertTrue(e.getMessage().contains("mask"), e.getMessage());
        TestData.assertUntouchedOutside(bigOut, 0, 0, "relu with a short mask");
        assertRejected(IndexOutOfBoundsException.class, "mask",
                () -> Activations.reluBackwardFromMask(x, 0, new long[0], out, 0, 1));
    }

    @Test
    void wholeArrayOverloadsRequireEqualLengths() {
        assertRejected(IllegalArgumentException.class, "x.length", () -> Activations.relu(x, new float[15]));
        assertRejected(IllegalArgumentException.class, "y.length",
                () -> Activations.sigmoidBackward(new float[3], x, out));
        assertRejected(IllegalArgumentException.class, "dx.length",
                () -> Activations.reluBackwardFromInput(x, x, new float[2]));
    }

    @Test
    void wholeArrayOverloadsComputeTheSameAsSegments() {
        float[] values = TestData.mixed(100, 1);
        float[] a = new float[100];
        float[] b = new float[100];
        Activations.sigmoid(values, a);
        Activations.sigmoid(values, 0, b, 0, 100);
        if (Kernels.get().reproducible()) {
            assertArrayEquals(b, a);
        } else { // two calls may differ in the last bit; each keeps the promise
            for (int i = 0; i < values.length; i++) {
                ActivationsTest.assertSigmoid(values[i], a[i], "sigmoid(x, y)");
                ActivationsTest.assertSigmoid(values[i], b[i], "sigmoid(x, 0, y, 0, n)");
            }
        }
        long[] maskA = new long[2];
        long[] maskB = new long[2];
        Activations.relu(values, a, maskA);
        Activations.relu(values, 0, b, 0, maskB, 100);
        assertArrayEquals(b, a);
        assertArrayEquals(maskB, maskA);
        Activations.reluBackwardFromMask(values, maskA, a);
        Activations.reluBackwardFromMask(values, 0, maskB, b, 0, 100);
        assertArrayEquals(b, a);
    }

    @Test
    void theNewActivationsCheckLikeTheOthers() {
        assertRejected(NullPointerException.class, "x", () -> Activations.tanh(null, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "y", () -> Activations.tanh(x, null));
        assertRejected(NullPointerException.class, "y", () -> Activations.tanhBackward(null, 0, x, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "dy", () -> Activations.tanhBackward(x, 0, null, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "dx", () -> Activations.tanhBackward(x, 0, x, 0, null, 0, 4));
        assertRejected(NullPointerException.class, "x", () -> Activations.silu(null, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "x", () -> Activations.siluBackward(null, 0, x, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "dy", () -> Activations.siluBackward(x, 0, null, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "x", () -> Activations.leakyRelu(null, 0, out, 0, 4, 0.1f));
        assertRejected(NullPointerException.class, "dx",
                () -> Activations.leakyReluBackward(x, 0, x, 0, null, 0, 4, 0.1f));
        assertRejected(IllegalArgumentException.class, "length", () -> Activations.tanh(x, 0, out, 0, -1));
        assertRejected(IllegalArgumentException.class, "length", () -> Activations.silu(x, 0, out, 0, -1));
        assertRejected(IllegalArgumentException.class, "length",
                () -> Activations.leakyReluBackward(x, 0, x, 0, out, 0, -2, 0.1f));
        assertRejected(IndexOutOfBoundsException.class, "xOffset", () -> Activations.tanh(x, -1, out, 0, 4));
        assertRejected(IndexOutOfBoundsException.class, "y is too short", () -> Activations.silu(x, 0, out, 13, 4));
        assertRejected(IndexOutOfBoundsException.class, "dyOffset",
                () -> Activations.siluBackward(x, 0, x, 17, out, 0, 0));
        assertRejected(IndexOutOfBoundsException.class, "dx is too short",
                () -> Activations.tanhBackward(x, 0, x, 0, out, 15, 2));
        assertRejected(IndexOutOfBoundsException.class, "needs length 2147483655",
                () -> Activations.leakyRelu(x, 8, out, 0, Integer.MAX_VALUE, 0.1f));
        assertRejected(IllegalArgumentException.class, "x.length", () -> Activations.silu(x, new float[3]));
        assertRejected(IllegalArgumentException.class, "dx.length",
                () -> Activations.siluBackward(x, x, new float[3]));
        assertRejected(IllegalArgumentException.class, "dy.length",
                () -> Activations.leakyReluBackward(x, new float[3], out, 0.1f));
    }

    @Test
    void theGeluActivationsCheckLikeTheOthers() {
        assertRejected(NullPointerException.class, "x", () -> Activations.gelu(null, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "y", () -> Activations.gelu(x, 0, null, 0, 4));
        assertRejected(NullPointerException.class, "y", () -> Activations.geluTanh(x, null));
        assertRejected(NullPointerException.class, "x", () -> Activations.geluTanh(null, out));
        assertRejected(NullPointerException.class, "x", () -> Activations.geluBackward(null, 0, x, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "dy", () -> Activations.geluBackward(x, 0, null, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "dx", () -> Activations.geluBackward(x, 0, x, 0, null, 0, 4));
        assertRejected(NullPointerException.class, "x", () -> Activations.geluTanhBackward(null, 0, x, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "dy",
                () -> Activations.geluTanhBackward(x, 0, null, 0, out, 0, 4));
        assertRejected(NullPointerException.class, "dx", () -> Activations.geluTanhBackward(x, x, null));
        assertRejected(IllegalArgumentException.class, "length", () -> Activations.gelu(x, 0, out, 0, -1));
        assertRejected(IllegalArgumentException.class, "length", () -> Activations.geluTanh(x, 0, out, 0, -3));
        assertRejected(IllegalArgumentException.class, "length",
                () -> Activations.geluBackward(x, 0, x, 0, out, 0, -1));
        assertRejected(IllegalArgumentException.class, "length",
                () -> Activations.geluTanhBackward(x, 0, x, 0, out, 0, -1));
        assertRejected(IndexOutOfBoundsException.class, "xOffset", () -> Activations.gelu(x, -1, out, 0, 4));
        assertRejected(IndexOutOfBoundsException.class, "yOffset", () -> Activations.geluTanh(x, 0, out, 17, 0));
        assertRejected(IndexOutOfBoundsException.class, "y is too short", () -> Activations.gelu(x, 0, out, 13, 4));
        assertRejected(IndexOutOfBoundsException.class, "x is too short",
                () -> Activations.geluTanh(x, 10, out, 0, 7));
        assertRejected(IndexOutOfBoundsException.class, "dyOffset",
                () -> Activations.geluBackward(x, 0, x, 17, out, 0, 0));
        assertRejected(IndexOutOfBoundsException.class, "dxOffset",
                () -> Activations.geluTanhBackward(x, 0, x, 0, out, -2, 1));
        assertRejected(IndexOutOfBoundsException.class, "dx is too short",
                () -> Activations.geluBackward(x, 0, x, 0, out, 15, 2));
        assertRejected(IndexOutOfBoundsException.class, "needs length 2147483655",
                () -> Activations.gelu(x, 8, out, 0, Integer.MAX_VALUE));
        assertRejected(IndexOutOfBoundsException.class, "x is too short",
                () -> Activations.geluTanhBackward(x, 8, x, 0, out, 0, Integer.MAX_VALUE - 4));
        assertRejected(IllegalArgumentException.class, "x.length", () -> Activations.gelu(x, new float[3]));
        assertRejected(IllegalArgumentException.class, "dy.length",
                () -> Activations.geluBackward(x, new float[3], out));
        assertRejected(IllegalArgumentException.class, "dx.length",
                () -> Activations.geluTanhBackward(x, x, new float[3]));
    }

    @Test
    void theGeluWholeArrayOverloadsComputeTheSameAsSegments() {
        float[] values = TestData.mixed(100, 4);
        float[] dy = TestData.mixed(100, 5);
        float[] a = new float[100];
        float[] b = new float[100];
        Activations.gelu(values, a);
        Activations.gelu(values, 0, b, 0, 100);
        assertArrayEquals(b, a);
        Activations.geluBackward(values, dy, a);
        Activations.geluBackward(values, 0, dy, 0, b, 0, 100);
        assertArrayEquals(b, a);
        Activations.geluTanh(values, a);
        Activations.geluTanh(values, 0, b, 0, 100);
        assertArrayEquals(b, a);
        Activations.geluTanhBackward(values, dy, a);
        Activations.geluTanhBackward(values, 0, dy, 0, b, 0, 100);
        assertArrayEquals(b, a);
    }

    @Test
    void leakyReluSlopeOutsideZeroToOneIsRefused() {
        for (float alpha : new float[] {0f, -0f, -0.1f, 1.0001f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY}) {
            assertRejected(IllegalArgumentException.class, "alpha", () -> Activations.leakyRelu(x, 0, out, 0, 4, alpha));
            assertRejected(IllegalArgumentException.class, "alpha", () -> Activations.leakyRelu(x, out, alpha));
            assertRejected(IllegalArgumentException.class, "alpha",
                    () -> Activations.leakyReluBackward(x, 0, x, 0, out, 0, 4, alpha));
            assertRejected(IllegalArgumentException.class, "alpha",
                    () -> Activations.leakyReluBackward(x, x, out, alpha));
        }
        Activations.leakyRelu(x, 0, out, 0, 4, Float.MIN_VALUE);
        Activations.leakyRelu(x, 0, out, 0, 4, 1f);
    }

    @Test
    void theNewWholeArrayOverloadsComputeTheSameAsSegments() {
        float[] values = TestData.mixed(100, 2);
        float[] dy = TestData.mixed(100, 3);
        float[] a = new float[100];
        float[] b = new float[100];
        Activations.tanh(values, a);
        Activations.tanh(values, 0, b, 0, 100);
        assertArrayEquals(b, a);
        Activations.tanhBackward(values, dy, a);
        Activations.tanhBackward(values, 0, dy, 0, b, 0, 100);
        assertArrayEquals(b, a);
        Activations.silu(values, a);
        Activations.silu(values, 0, b, 0, 100);
        assertArrayEquals(b, a);
        Activations.siluBackward(values, dy, a);
        Activations.siluBackward(values, 0, dy, 0, b, 0, 100);
        assertArrayEquals(b, a);
        Activations.leakyRelu(values, a, 0.25f);
        Activations.leakyRelu(values, 0, b, 0, 100, 0.25f);
        assertArrayEquals(b, a);
        Activations.leakyReluBackward(values, dy, a, 0.25f);
        Activations.leakyReluBackward(values, 0, dy, 0, b, 0, 100, 0.25f);
        assertArrayEquals(b, a);
    }
}
