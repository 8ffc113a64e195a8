package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public kernel with an output in the same array as one of its inputs: the exact same
 * window is allowed where the kernel computes in place, windows that share no element are allowed,
 * and every other overlap is refused with an IllegalArgumentException naming both arguments,
 * before anything is written.
 */
class OverlapTest {

    /** A kernel call with one input window and the output window in the same array. */
    @FunctionalInterface
    interface SharedArrayCall {
        void call(float[] array, int inputOffset, int outputOffset, int length);
    }

    /** One input of one kernel against its output. */
    record Pairing(String input, String output, boolean inPlaceAllowed, int length, SharedArrayCall call) {}

    private static final int ROWS = 3;
    private static final int COLS = 7;
    private static final int MATRIX = ROWS * COLS;
    private static final int ELEMENTS = 37;

    static Stream<Named<Pairing>> pairings() {
        List<Pairing> all = new ArrayList<>();
        // Activations: element-wise, so in place is allowed for every input.
        all.add(new Pairing("x", "y", true, ELEMENTS, (s, i, o, n) -> Activations.relu(s, i, s, o, n)));
        all.add(new Pairing("x", "y", true, ELEMENTS,
                (s, i, o, n) -> Activations.relu(s, i, s, o, new long[Activations.maskWords(n)], n)));
        all.add(new Pairing("dy", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.reluBackwardFromMask(s, i, new long[] {-1L}, s, o, n)));
        all.add(new Pairing("x", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.reluBackwardFromInput(s, i, values(n, 1), 0, s, o, n)));
        all.add(new Pairing("dy", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.reluBackwardFromInput(values(n, 2), 0, s, i, s, o, n)));
        all.add(new Pairing("x", "y", true, ELEMENTS, (s, i, o, n) -> Activations.sigmoid(s, i, s, o, n)));
        all.add(new Pairing("y", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.sigmoidBackward(s, i, values(n, 3), 0, s, o, n)));
        all.add(new Pairing("dy", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.sigmoidBackward(values(n, 4), 0, s, i, s, o, n)));
        all.add(new Pairing("x", "y", true, ELEMENTS, (s, i, o, n) -> Activations.tanh(s, i, s, o, n)));
        all.add(new Pairing("y", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.tanhBackward(s, i, values(n, 9), 0, s, o, n)));
        all.add(new Pairing("dy", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.tanhBackward(values(n, 10), 0, s, i, s, o, n)));
        all.add(new Pairing("x", "y", true, ELEMENTS, (s, i, o, n) -> Activations.silu(s, i, s, o, n)));
        all.add(new Pairing("x", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.siluBackward(s, i, values(n, 11), 0, s, o, n)));
        all.add(new Pairing("dy", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.siluBackward(values(n, 12), 0, s, i, s, o, n)));
        all.add(new Pairing("x", "y", true, ELEMENTS, (s, i, o, n) -> Activations.gelu(s, i, s, o, n)));
        all.add(new Pairing("x", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.geluBackward(s, i, values(n, 15), 0, s, o, n)));
        all.add(new Pairing("dy", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.geluBackward(values(n, 16), 0, s, i, s, o, n)));
        all.add(new Pairing("x", "y", true, ELEMENTS, (s, i, o, n) -> Activations.geluTanh(s, i, s, o, n)));
        all.add(new Pairing("x", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.geluTanhBackward(s, i, values(n, 17), 0, s, o, n)));
        all.add(new Pairing("dy", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.geluTanhBackward(values(n, 18), 0, s, i, s, o, n)));
        all.add(new Pairing("x", "y", true, ELEMENTS, (s, i, o, n) -> Activations.leakyRelu(s, i, s, o, n, 0.1f)));
        all.add(new Pairing("x", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.leakyReluBackward(s, i, values(n, 13), 0, s, o, n, 0.1f)));
        all.add(new Pairing("dy", "dx", true, ELEMENTS,
                (s, i, o, n) -> Activations.leakyReluBackward(values(n, 14), 0, s, i, s, o, n, 0.1f)));
        // Softmax: row-wise; in place where each method's documentation allows it.
        all.add(new Pairing("x", "y", true, MATRIX, (s, i, o, n) -> Softmax.softmax(s, i, s, o, ROWS, COLS)));
        all.add(new Pairing("x", "y", true, MATRIX, (s, i, o, n) -> Softmax.logSoftmax(s, i, s, o, ROWS, COLS)));
        all.add(new Pairing("y", "dx", true, MATRIX,
                (s, i, o, n) -> Softmax.softmaxBackward(s, i, values(n, 5), 0, s, o, ROWS, COLS)));
        all.add(new Pairing("dy", "dx", true, MATRIX,
                (s, i, o, n) -> Softmax.softmaxBackward(values(n, 6), 0, s, i, s, o, ROWS, COLS)));
        int[] labels = {0, 6, 3};
        all.add(new Pairing("logits", "probs", true, MATRIX,
                (s, i, o, n) -> Softmax.crossEntropy(s, i, labels, 0, s, o, ROWS, COLS)));
        all.add(new Pairing("probs", "dLogits", true, MATRIX,
                (s, i, o, n) -> Softmax.crossEntropyBackward(s, i, labels, 0, 1f, s, o, ROWS, COLS)));
        all.add(new Pairing("logits", "probs", true, MATRIX,
                (s, i, o, n) -> Softmax.crossEntropy(s, i, oneHot(labels), 0, s, o, ROWS, COLS)));
        // The loss reads targets after writing probs: they may not share any element.
        all.add(new Pairing("targets", "probs", false, MATRIX,
                (s, i, o, n) -> Softmax.crossEntropy(values(n, 7), 0, s, i, s, o, ROWS, COLS)));
        all.add(new Pairing("probs", "dLogits", true, MATRIX,
                (s, i, o, n) -> Softmax.crossEntropyBackward(s, i, oneHot(labels), 0, 1f, s, o, ROWS, COLS)));
        all.add(new Pairing("targets", "dLogits", true, MATRIX,
                (s, i, o, n) -> Softmax.crossEntropyBackward(values(n, 8), 0, s, i, 1f, s, o, ROWS, COLS)));
        // RowVectors: the vector (cols) against the matrix (rows × cols); never in place.
        all.add(new Pairing("v", "m", false, 0, (s, i, o, n) -> RowVectors.addToEachRow(s, i, s, o, ROWS, COLS)));
        all.add(new Pairing("m", "sums", false, 0, (s, i, o, n) -> RowVectors.sumOfRows(s, i, ROWS, COLS, s, o)));
        return all.stream().map(p -> Named.of(p.input() + " against " + p.output() + " #" + all.indexOf(p), p));
    }

    @ParameterizedTest
    @MethodSource("pairings")
    void overlapWithoutBeingTheSameWindowIsRefusedBeforeAnyWrite(Pairing pairing) {
        int inputLength = inputLength(pairing);
        int outputLength = outputLength(pairing);
        int base = 2 * (inputLength + outputLength); // room to shift either way
        // every shift at which the windows share an element, except 0 when in place is allowed
        for (int shift = -(outputLength - 1); shift <= inputLength - 1; shift++) {
            if (shift == 0 && pairing.inPlaceAllowed() && inputLength == outputLength) {
                continue;
            }
            float[] array = values(3 * base, shift + 100);
            int inputOffset = base;
            int outputOffset = base + shift;
            float[] before = array.clone();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pairing.call().call(array, inputOffset, outputOffset, pairing.length()),
                    pairing + " at output shift " + shift);
            String message = e.getMessage();
            assertTrue(message.startsWith(pairing.output() + " [") && message.contains(" and " + pairing.input() + " ["),
                    "the message should name " + pairing.output() + " and " + pairing.input() + ": " + message);
            assertBitwiseEqual(before, array, pairing + " at shift " + shift + " wrote before refusing");
        }
    }

    @ParameterizedTest
    @MethodSource("pairings")
    void windowsSideBySideAndTheSameWindowWhereAllowedAreComputed(Pairing pairing) {
        int inputLength = inputLength(pairing);
        int outputLength = outputLength(pairing);
        int base = 2 * (inputLength + outputLength);
        // the output just before and just after the input: adjacent, sharing nothing
        for (int shift : new int[] {-outputLength, inputLength}) {
            float[] array = values(3 * base, shift);
            float[] before = array.clone();
            int outputOffset = base + shift;
            assertDoesNotThrow(() -> pairing.call().call(array, base, outputOffset, pairing.length()),
                    pairing + " with the output beside the input");
            for (int i = 0; i < array.length; i++) {
                boolean inOutput = i >= outputOffset && i < outputOffset + outputLength;
                if (!inOutput && Float.floatToRawIntBits(array[i]) != Float.floatToRawIntBits(before[i])) {
                    fail(pairing + ": element " + i + " outside the output window was written");
                }
            }
        }
        if (pairing.inPlaceAllowed()) {
            float[] array = values(3 * base, 9);
            assertDoesNotThrow(() -> pairing.call().call(array, base, base, pairing.length()), pairing + " in place");
        }
    }

    @Test
    void emptyWindowsNeverOverlap() {
        float[] array = values(10, 1);
        Activations.relu(array, 3, array, 4, 0);
        Activations.sigmoidBackward(array, 2, array, 5, array, 3, 0);
        Softmax.softmax(array, 0, array, 1, 0, 4);
        RowVectors.addToEachRow(array, 0, array, 1, 0, 3);
        RowVectors.sumOfRows(array, 0, 0, 3, array, 1);
        Gemm.sgemm(false, false, 3, 3, 0, 1f, array, 0, 0, array, 0, 3, 0f, array, 1, 3);
    }

    // ---- sgemm: C against A and B as windows with strides

    @Test
    void sgemmRefusesCSharingAnElementWithAOrB() {
        float[] other = values(64, 1);
        // C (4×4 at 3, ldc 4) inside A (6×5 at 0, lda 5)
        assertGemmRefused("a", s -> Gemm.sgemm(false, false, 4, 4, 5, 1f, s, 0, 5, other, 0, 4, 0f, s,
                3, 4));
        // C identical to A: a square multiply that would overwrite A's rows while it reads them
        assertGemmRefused("a", s -> Gemm.sgemm(false, false, 4, 4, 4, 1f, s, 0, 4, other, 0, 4, 0f, s,
                0, 4));
        // C overlapping B, transposed B (stored n×k), only its last element
        assertGemmRefused("b", s -> Gemm.sgemm(false, true, 2, 3, 4, 1f, other, 0, 4, s, 0, 4, 0f, s,
                11, 3));
        // transposed A (stored k×m = 5×4, lda 4): its last element is c's first
        assertGemmRefused("a", s -> Gemm.sgemm(true, false, 4, 3, 5, 1f, s, 0, 4, other, 0, 3, 0f, s,
                19, 3));
        // alpha 0 does not read A, but C is still refused: the rule does not depend on values
        assertGemmRefused("a", s -> Gemm.sgemm(false, false, 4, 4, 5, 0f, s, 0, 5, other, 0, 4, 1f, s,
                3, 4));
        // the parallel overload and matmul check the same
        assertGemmRefused("a", s -> Gemm.sgemm(false, false, 4, 4, 5, 1f, s, 0, 5, other, 0, 4, 0f, s,
                3, 4, ForkJoinPool.commonPool(), 2));
        assertGemmRefused("b", s -> Gemm.matmul(other, s, s, 3, 3, 3));
    }

    /** C interleaved with A in one array (sub-blocks of one big matrix) shares nothing: allowed, and right. */
    @Test
    void sgemmComputesCBesideAInTheSameArray() {
        int rows = 8;
        int ld = 16;
        float[] big = values(rows * ld, 3);
        float[] b = values(4 * 4, 4);
        // A = columns 0..3 of the big matrix, C = columns 4..7: interleaved row by row
        float[] a = new float[rows * 4];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(big, r * ld, a, r * 4, 4);
        }
        float[] expected = new float[rows * 4];
        Gemm.sgemm(false, false, rows, 4, 4, 1.5f, a, 0, 4, b, 0, 4, 0f, expected, 0, 4);
        float[] before = big.clone();
        Gemm.sgemm(false, false, rows, 4, 4, 1.5f, big, 0, ld, b, 0, 4, 0f, big, 4, ld);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < ld; j++) {
                float actual = big[r * ld + j];
                float wanted = j >= 4 && j < 8 ? expected[r * 4 + j - 4] : before[r * ld + j];
                assertEquals(Float.floatToRawIntBits(wanted), Float.floatToRawIntBits(actual), "big[" + r + "][" + j + "]");
            }
        }
        // one column further left, C's first column is A's last: refused
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, rows, 4, 4, 1f, big, 0, ld, b, 0, 4, 0f, big, 3, ld));
        assertTrue(e.getMessage().startsWith("c and a share elements") && e.getMessage().contains("index 3 "),
                e.getMessage());
        // A and B may overlap each other in any way: both are only read
        float[] square = values(16, 5);
        float[] product = new float[16];
        Gemm.sgemm(false, false, 4, 4, 4, 1f, square, 0, 4, square, 0, 4, 0f, product, 0, 4);
        float[] copy = square.clone();
        float[] separate = new float[16];
        Gemm.sgemm(false, false, 4, 4, 4, 1f, square, 0, 4, copy, 0, 4, 0f, separate, 0, 4);
        assertArrayEquals(separate, product);
    }

    /** The window test against brute force, on random windows of one small array. */
    @Test
    void matrixWindowsOverlapExactlyWhenTheyShareAnElement() {
        SplittableRandom random = new SplittableRandom(15);
        int refused = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            int[] first = randomWindow(random);
            int[] second = randomWindow(random);
            long shared = lowestSharedIndex(first, second);
            float[] array = new float[400];
            Executable check = () -> Aliasing.disjointMatrices(array, "a", first[0], first[1], first[2], first[3],
                    array, "c", second[0], second[1], second[2], second[3]);
            String what = "a " + java.util.Arrays.toString(first) + ", c " + java.util.Arrays.toString(second);
            if (shared < 0) {
                assertDoesNotThrow(check, what);
            } else {
                refused++;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, check, what);
                assertTrue(e.getMessage().contains("(index " + shared + " is in both"), what + ": " + e.getMessage());
            }
        }
        System.out.println("random window pairs refused: " + refused + " of 20000");
        assertTrue(refused > 2_000 && refused < 18_000, "both outcomes should be common: " + refused + " refused");
    }

    /** offset, rows, cols, ld: a window inside 400 elements, often sharing an array region with another. */
    private static int[] randomWindow(SplittableRandom random) {
        int rows = random.nextInt(0, 9);
        int cols = random.nextInt(0, 9);
        int ld = cols + random.nextInt(0, 12);
        int offset = random.nextInt(0, 120);
        return new int[] {offset, rows, cols, Math.max(ld, 1)};
    }

    private static long lowestSharedIndex(int[] first, int[] second) {
        boolean[] inFirst = new boolean[400];
        for (int r = 0; r < first[1]; r++) {
            for (int j = 0; j < first[2]; j++) {
                inFirst[first[0] + r * first[3] + j] = true;
            }
        }
        long lowest = -1;
        for (int r = 0; r < second[1]; r++) {
            for (int j = 0; j < second[2]; j++) {
                int index = second[0] + r * second[3] + j;
                if (inFirst[index] && (lowest < 0 || index < lowest)) {
                    lowest = index;
                }
            }
        }
        return lowest;
    }

    // ---- helpers

    @FunctionalInterface
    interface GemmOnArray {
        void call(float[] shared);
    }

    private static void assertGemmRefused(String input, GemmOnArray call) {
        float[] shared = values(64, 2);
        float[] before = shared.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.call(shared));
        assertTrue(e.getMessage().startsWith("c and " + input + " share elements"), e.getMessage());
        assertBitwiseEqual(before, shared, "sgemm wrote before refusing");
    }

    private static int inputLength(Pairing pairing) {
        return pairing.length() > 0 ? pairing.length() : pairing.input().equals("v") ? COLS : MATRIX;
    }

    private static int outputLength(Pairing pairing) {
        return pairing.length() > 0 ? pairing.length() : pairing.output().equals("sums") ? COLS : MATRIX;
    }

    /** Finite values in [-4, 4): every kernel accepts them. */
    private static float[] values(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-4, 4);
        }
        return values;
    }

    private static float[] oneHot(int[] labels) {
        float[] hot = new float[labels.length * COLS];
        for (int r = 0; r < labels.length; r++) {
            hot[r * COLS + labels[r]] = 1f;
        }
        return hot;
    }

    private static void assertBitwiseEqual(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", was " + expected[i]);
            }
        }
    }
}
