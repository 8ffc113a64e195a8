package dev.lanewise.kernels;

import static dev.lanewise.kernels.TestData.SENTINEL;
import static dev.lanewise.kernels.TestData.assertUntouchedOutside;
import static dev.lanewise.kernels.TestData.placed;
import static dev.lanewise.kernels.TestData.same;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.SoftmaxKernels;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every softmax kernel of every implementation against a double-precision oracle with the
 * tolerances the public javadoc promises, over every row width up to 4 × lanes + 3 (each tail
 * length), wide rows, offsets, in-place calls and the special values; and the public API's
 * argument checks, which must throw before anything is written.
 */
class SoftmaxTest {

    static List<KernelProvider> implementations() {
        return Implementations.all();
    }

    private static final double TWO_TO_MINUS_23 = 0x1p-23;
    private static final int[] WIDE_COLS = {1000, 4099, 32000};

    /** Every row width 1 ... 4 × lanes + 3: each vector count with each tail length. */
    static int[] narrowCols() {
        int[] cols = new int[4 * Implementations.lanes() + 3];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = i + 1;
        }
        return cols;
    }

    /**
     * rows × cols logits around {@code center}, uniform within ±spread, with about one in 16
     * masked to -Inf (never a whole row: its element 0 stays finite, wherever the max lands).
     */
    static float[] logits(int rows, int cols, long seed, float center, float spread) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            boolean masked = i % cols != 0 && random.nextInt(16) == 0;
            x[i] = masked ? Float.NEGATIVE_INFINITY : (float) (center + (random.nextDouble() * 2 - 1) * spread);
        }
        return x;
    }

    static float[] uniform(int length, long seed, double low, double high) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (low + random.nextDouble() * (high - low));
        }
        return values;
    }

    /**
     * Random probability rows (non-negative, each summing to about 1), some entries exactly 0,
     * and 0 on every masked logit (a target there would make the loss infinite).
     */
    static float[] targets(int rows, int cols, long seed, float[] logits) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                boolean masked = logits[r * cols + j] == Float.NEGATIVE_INFINITY;
                double v = masked || random.nextInt(3) == 0 ? 0 : random.nextDouble();
                t[r * cols + j] = (float) v;
                sum += v;
            }
            for (int j = 0; j < cols; j++) {
                t[r * cols + j] = sum == 0 ? (j == 0 ? 1f : 0f) : (float) (t[r * cols + j] / sum);
            }
        }
        return t;
    }

    static int[] labels(int rows, int cols, long seed, float[] logits) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            int label;
            do {
                label = random.nextInt(cols);
            } while (logits[r * cols + label] == Float.NEGATIVE_INFINITY);
            labels[r] = label;
        }
        return labels;
    }

    // ---- the double-precision oracle

    static double rowMax(float[] x, int from, int cols) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, x[from + j]);
        }
        return max;
    }

    static double rowLogSumExp(float[] x, int from, int cols, double max) {
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            sum += Math.exp(x[from + j] - max);
        }
        return Math.log(sum);
    }

    // ---- checks against the oracle, with the promised tolerances

    /** Checks y = softmax(x) for a finite-max matrix, with y's rows at yOffset. */
    static void assertSoftmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols, String where) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * cols;
            int yi = yOffset + r * cols;
            double max = rowMax(x, xi, cols);
            double logSum = rowLogSumExp(x, xi, cols, max);
            double rowSum = 0;
            for (int j = 0; j < cols; j++) {
                double shifted = x[xi + j] - max;
                double exact = Math.exp(shifted - logSum);
                float actual = y[yi + j];
                rowSum += actual;
                boolean ok;
                if (exact >= 1e-30) {
                    ok = Math.abs(actual - exact) <= (Math.abs(shifted) + 24) * TWO_TO_MINUS_23 * exact;
                } else {
                    ok = actual >= 0 && Math.abs(actual - exact) <= 1e-30;
                }
                if (!ok) {
                    fail(where + ": row " + r + " col " + j + ": softmax " + actual + ", exact " + exact
                            + ", relative error " + Math.abs(actual - exact) / exact + ", x - max " + shifted);
                }
            }
            if (Math.abs(rowSum - 1) > 1e-6) {
                fail(where + ": row " + r + " sums to " + rowSum);
            }
        }
    }

    static void assertLogSoftmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols, String where) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * cols;
            int yi = yOffset + r * cols;
            double max = rowMax(x, xi, cols);
            double logSum = rowLogSumExp(x, xi, cols, max);
            for (int j = 0; j < cols; j++) {
                double exact = x[xi + j] - max - logSum;
                float actual = y[yi + j];
                if (exact == Double.NEGATIVE_INFINITY ? actual != Float.NEGATIVE_INFINITY
                        : !(Math.abs(actual - exact) <= 4 * Math.ulp((float) Math.max(Math.abs(exact), 1)))) {
                    fail(where + ": row " + r + " col " + j + ": logSoftmax " + actual + ", exact " + exact + ", error "
                            + Math.abs(actual - exact) / Math.ulp((float) Math.max(Math.abs(exact), 1)) + " ulp");
                }
            }
        }
    }

    static void assertLoss(float actual, double exact, double absolute, String where) {
        if (!(Math.abs(actual - exact) <= Math.max(1e-5 * Math.abs(exact), absolute))) {
            fail(where + ": loss " + actual + ", exact " + exact + ", relative error " + Math.abs(actual - exact) / exact);
        }
    }

    static double labelLoss(float[] logits, int offset, int[] labels, int rows, int cols) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int from = offset + r * cols;
            double max = rowMax(logits, from, cols);
            total += rowLogSumExp(logits, from, cols, max) - (logits[from + labels[r]] - max);
        }
        return total / rows;
    }

    static double targetLoss(float[] logits, int offset, float[] targets, int rows, int cols) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int from = offset + r * cols;
            double max = rowMax(logits, from, cols);
            double logSum = rowLogSumExp(logits, from, cols, max);
            for (int j = 0; j < cols; j++) {
                double t = targets[r * cols + j];
                if (t != 0) {
                    total -= t * (logits[from + j] - max - logSum);
                }
            }
        }
        return total / rows;
    }

    /** dLogits = dLoss (probs - t) / rows, within 2 ulp of the exact value of that formula. */
    static void assertLossGradient(float[] probs, float[] targets, float dLoss, float[] dLogits, int dOffset,
            int rows, int cols, String where) {
        for (int i = 0; i < rows * cols; i++) {
            double exact = (double) dLoss * ((double) probs[i] - targets[i]) / rows;
            float actual = dLogits[dOffset + i];
            if (!(Math.abs(actual - exact) <= 2 * Math.ulp((float) exact))) {
                fail(where + ": element " + i + ": gradient " + actual + ", exact " + exact);
            }
        }
    }

    static float[] oneHot(int[] labels, int cols) {
        float[] t = new float[labels.length * cols];
        for (int r = 0; r < labels.length; r++) {
            t[r * cols + labels[r]] = 1f;
        }
        return t;
    }

    // ---- forward

    @ParameterizedTest
    @MethodSource("implementations")
    void softmaxAndLogSoftmaxMeetTheirPromisesOnEveryWidthAndOffset(KernelProvider provider) {
        SoftmaxKernels kernels = provider.softmax();
        int rows = 3;
        for (int cols : narrowCols()) {
            for (int xOffset : new int[] {0, 3}) {
                int yOffset = cols % 2 == 0 ? 0 : 5;
                float[] values = logits(rows, cols, cols * 31L + xOffset, 0f, 20f);
                float[] x = placed(values, xOffset);
                String where = provider.name() + " rows " + rows + " cols " + cols + " offsets " + xOffset + "," + yOffset;

                float[] y = TestData.filled(yOffset + rows * cols + 4);
                kernels.softmax(x, xOffset, y, yOffset, rows, cols);
                assertSoftmax(x, xOffset, y, yOffset, rows, cols, "softmax " + where);
                assertUntouchedOutside(y, yOffset, rows * cols, "softmax " + where);

                y = TestData.filled(yOffset + rows * cols + 4);
                kernels.logSoftmax(x, xOffset, y, yOffset, rows, cols);
                assertLogSoftmax(x, xOffset, y, yOffset, rows, cols, "logSoftmax " + where);
                assertUntouchedOutside(y, yOffset, rows * cols, "logSoftmax " + where);
                assertUntouchedOutside(x, xOffset, rows * cols, "input " + where);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void wideRowsMeetThePromisesAtEveryScale(KernelProvider provider) {
        SoftmaxKernels kernels = provider.softmax();
        float[][] centerAndSpread = {{0f, 20f}, {-50f, 50f}, {1e4f, 30f}, {-1e4f, 10f}, {0f, 1e-3f}};
        for (int cols : WIDE_COLS) {
            int rows = cols >= 32000 ? 2 : 3;
            for (float[] scale : centerAndSpread) {
                float[] x = placed(logits(rows, cols, cols + (long) scale[0], scale[0], scale[1]), 1);
                String where = provider.name() + " rows " + rows + " cols " + cols + " logits " + scale[0] + " ± " + scale[1];
                float[] y = TestData.filled(rows * cols + 2);
                kernels.softmax(x, 1, y, 2 - 1, rows, cols);
                assertSoftmax(x, 1, y, 1, rows, cols, "softmax " + where);
                assertUntouchedOutside(y, 1, rows * cols, "softmax " + where);
                kernels.logSoftmax(x, 1, y, 1, rows, cols);
                assertLogSoftmax(x, 1, y, 1, rows, cols, "logSoftmax " + where);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void maskedClassesAndSpecialRows(KernelProvider provider) {
        SoftmaxKernels kernels = provider.softmax();
        float inf = Float.POSITIVE_INFINITY;
        for (int cols : new int[] {1, 3, Implementations.lanes(), 2 * Implementations.lanes() + 3, 4 * Implementations.lanes() + 3, 1000}) {
            for (int position = 0; position < cols; position += Math.max(1, cols / 13)) {
                // row 0: a masked class; row 1: all masked; row 2: NaN; row 3: +Inf; row 4: one big finite logit
                float[] x = logits(5, cols, cols * 7L + position, 0f, 10f);
                x[position] = -inf;
                if (cols > 1) {
                    x[(position + 1) % cols] = 3f; // keep row 0 with a finite logit
                }
                Arrays.fill(x, cols, 2 * cols, -inf);
                x[2 * cols + position] = Float.NaN;
                x[3 * cols + position] = inf;
                x[4 * cols + position] = 1e4f;
                float[] y = new float[x.length];
                float[] logY = new float[x.length];
                kernels.softmax(x, 0, y, 0, 5, cols);
                kernels.logSoftmax(x, 0, logY, 0, 5, cols);
                String where = provider.name() + " cols " + cols + " special at " + position;
                if (cols > 1) {
                    assertEquals(0f, y[position], where + ": masked class probability");
                    assertEquals(-inf, logY[position], where + ": masked class log-probability");
                    assertSoftmax(x, 0, y, 0, 1, cols, where + " row with a masked class");
                    assertLogSoftmax(x, 0, logY, 0, 1, cols, where + " row with a masked class");
                }
                for (int row = 1; row <= 3; row++) {
                    for (int j = 0; j < cols; j++) {
                        assertTrue(Float.isNaN(y[row * cols + j]), where + ": row " + row + " softmax " + j + " is " + y[row * cols + j]);
                        assertTrue(Float.isNaN(logY[row * cols + j]), where + ": row " + row + " logSoftmax " + j + " is " + logY[row * cols + j]);
                    }
                }
                assertEquals(1f, y[4 * cols + position], where + ": dominant logit");
                assertEquals(0f, logY[4 * cols + position], 1e-6f, where + ": dominant log-probability");
            }
        }
    }

    // ---- backward

    @ParameterizedTest
    @MethodSource("implementations")
    void softmaxBackwardIsWithinItsBound(KernelProvider provider) {
        SoftmaxKernels kernels = provider.softmax();
        int[] widths = Arrays.copyOf(narrowCols(), narrowCols().length + WIDE_COLS.length);
        System.arraycopy(WIDE_COLS, 0, widths, narrowCols().length, WIDE_COLS.length);
        double worst = 0;
        for (int cols : widths) {
            int rows = cols >= 32000 ? 2 : 3;
            int offset = cols % 3;
            float[] y = new float[rows * cols];
            kernels.softmax(logits(rows, cols, cols * 5L, 0f, 8f), 0, y, 0, rows, cols);
            float[] gradients = uniform(rows * cols, cols * 5L + 1, -1, 1);
            float[] yPlaced = placed(y, offset);
            float[] dy = placed(gradients, offset + 1);
            float[] dx = TestData.filled(offset + rows * cols + 4);
            kernels.softmaxBackward(yPlaced, offset, dy, offset + 1, dx, offset, rows, cols);
            String where = provider.name() + " softmaxBackward cols " + cols;
            for (int r = 0; r < rows; r++) {
                double dot = 0;
                double dotMagnitude = 0;
                for (int i = 0; i < cols; i++) {
                    dot += (double) gradients[r * cols + i] * y[r * cols + i];
                    dotMagnitude += Math.abs((double) gradients[r * cols + i] * y[r * cols + i]);
                }
                for (int j = 0; j < cols; j++) {
                    int k = r * cols + j;
                    double exact = y[k] * (gradients[k] - dot);
                    double unit = TWO_TO_MINUS_23 * y[k] * (Math.abs(gradients[k]) + dotMagnitude) + Float.MIN_VALUE;
                    double units = Math.abs(dx[offset + k] - exact) / unit;
                    worst = Math.max(worst, units);
                    if (units > 4) {
                        fail(where + ": row " + r + " col " + j + ": dx " + dx[offset + k] + ", exact " + exact + ", " + units + " units");
                    }
                }
            }
            assertUntouchedOutside(dx, offset, rows * cols, where);
        }
        System.out.println(provider.name() + " softmaxBackward worst error " + worst + " units of 2^-23 y (|dy| + Σ|dy y|)");
    }

    // ---- cross-entropy

    @ParameterizedTest
    @MethodSource("implementations")
    void crossEntropyWithLabelsAndWithTargetsMeetThePromises(KernelProvider provider) {
        SoftmaxKernels kernels = provider.softmax();
        int[] widths = Arrays.copyOf(narrowCols(), narrowCols().length + WIDE_COLS.length);
        System.arraycopy(WIDE_COLS, 0, widths, narrowCols().length, WIDE_COLS.length);
        for (int cols : widths) {
            int rows = cols >= 32000 ? 2 : 5;
            int offset = cols % 4;
            float[] values = logits(rows, cols, cols * 11L, 0f, 15f);
            float[] x = placed(values, offset);
            int[] labels = labels(rows, cols, cols, values);
            int[] labelsPlaced = new int[rows + 2];
            System.arraycopy(labels, 0, labelsPlaced, 2, rows);
            String where = provider.name() + " crossEntropy rows " + rows + " cols " + cols;

            float[] probs = TestData.filled(offset + rows * cols + 3);
            float loss = kernels.crossEntropy(x, offset, labelsPlaced, 2, probs, offset, rows, cols);
            assertLoss(loss, labelLoss(x, offset, labels, rows, cols), 1e-6, where + " labels");
            assertSoftmax(x, offset, probs, offset, rows, cols, where + " labels probs");
            assertUntouchedOutside(probs, offset, rows * cols, where + " labels probs");

            float dLoss = 0.75f;
            float[] dLogits = TestData.filled(rows * cols + 1);
            kernels.crossEntropyBackward(probs, offset, labelsPlaced, 2, dLoss, dLogits, 1, rows, cols);
            float[] probsOnly = Arrays.copyOfRange(probs, offset, offset + rows * cols);
            assertLossGradient(probsOnly, oneHot(labels, cols), dLoss, dLogits, 1, rows, cols, where + " labels backward");
            assertUntouchedOutside(dLogits, 1, rows * cols, where + " labels backward");

            // One-hot targets give bit for bit the same loss, probabilities and gradient (where
            // calls are reproducible; otherwise each meets the promise on its own).
            float[] hot = placed(oneHot(labels, cols), 3);
            float[] probsFromTargets = TestData.filled(offset + rows * cols + 3);
            float lossFromTargets = kernels.crossEntropy(x, offset, hot, 3, probsFromTargets, offset, rows, cols);
            float[] dLogitsFromTargets = TestData.filled(rows * cols + 1);
            kernels.crossEntropyBackward(probs, offset, hot, 3, dLoss, dLogitsFromTargets, 1, rows, cols);
            if (provider.reproducible()) {
                assertEquals(loss, lossFromTargets, where + ": one-hot targets vs labels loss");
                assertTrue(Arrays.equals(probs, probsFromTargets), where + ": one-hot targets vs labels probs");
                assertTrue(Arrays.equals(dLogits, dLogitsFromTargets), where + ": one-hot targets vs labels gradient");
            } else {
                assertLoss(lossFromTargets, labelLoss(x, offset, labels, rows, cols), 1e-6, where + " one-hot targets");
                assertSoftmax(x, offset, probsFromTargets, offset, rows, cols, where + " one-hot targets probs");
                assertUntouchedOutside(probsFromTargets, offset, rows * cols, where + " one-hot targets probs");
                assertLossGradient(probsOnly, oneHot(labels, cols), dLoss, dLogitsFromTargets, 1, rows, cols,
                        where + " one-hot targets backward");
            }

            // Probability targets.
            float[] soft = targets(rows, cols, cols * 13L, values);
            probs = TestData.filled(offset + rows * cols + 3);
            loss = kernels.crossEntropy(x, offset, placed(soft, 1), 1, probs, offset, rows, cols);
            assertLoss(loss, targetLoss(x, offset, soft, rows, cols), 1e-6, where + " targets");
            assertSoftmax(x, offset, probs, offset, rows, cols, where + " targets probs");
            dLogits = TestData.filled(rows * cols + 1);
            kernels.crossEntropyBackward(probs, offset, placed(soft, 2), 2, -2.5f, dLogits, 1, rows, cols);
            probsOnly = Arrays.copyOfRange(probs, offset, offset + rows * cols);
            assertLossGradient(probsOnly, soft, -2.5f, dLogits, 1, rows, cols, where + " targets backward");
            assertUntouchedOutside(dLogits, 1, rows * cols, where + " targets backward");
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void crossEntropyIsExactForConfidentRowsAndInfiniteForAMaskedLabel(KernelProvider provider) {
        SoftmaxKernels kernels = provider.softmax();
        int cols = 2 * Implementations.lanes() + 3;
        float[] x = new float[2 * cols];
        Arrays.fill(x, -1e4f);
        x[5] = 1e4f; // row 0: the label's probability is 1 - tiny, loss exp(-2e4) ~ 0
        x[cols + 1] = Float.NEGATIVE_INFINITY; // row 1: the label is masked
        float[] probs = new float[x.length];
        float loss = kernels.crossEntropy(x, 0, new int[] {5}, 0, probs, 0, 1, cols);
        assertEquals(0f, loss, provider.name() + ": confident row");
        loss = kernels.crossEntropy(x, cols, new int[] {1}, 0, probs, 0, 1, cols);
        assertEquals(Float.POSITIVE_INFINITY, loss, provider.name() + ": masked label");
        // with targets, a masked class with target 0 costs nothing
        float[] t = new float[cols];
        t[0] = 0.5f;
        t[2] = 0.5f;
        loss = kernels.crossEntropy(x, cols, t, 0, probs, 0, 1, cols);
        assertEquals(Math.log(cols - 1), loss, 1e-5 * Math.log(cols - 1), provider.name() + ": masked class with target 0");
    }

    // ---- in place

    @ParameterizedTest
    @MethodSource("implementations")
    void inPlaceCallsGiveTheSameResultsAsOutOfPlace(KernelProvider provider) {
        SoftmaxKernels kernels = provider.softmax();
        int rows = 7;
        int cols = 3 * Implementations.lanes() + 5;
        int size = rows * cols;
        int offset = 2;
        float[] values = logits(rows, cols, 77, 0f, 12f);
        String name = provider.name();

        float[] expected = new float[size];
        kernels.softmax(values, 0, expected, 0, rows, cols);
        float[] inPlace = placed(values, offset);
        kernels.softmax(inPlace, offset, inPlace, offset, rows, cols);
        assertSameSegment(expected, inPlace, offset, name + " softmax in place");

        kernels.logSoftmax(values, 0, expected, 0, rows, cols);
        inPlace = placed(values, offset);
        kernels.logSoftmax(inPlace, offset, inPlace, offset, rows, cols);
        assertSameSegment(expected, inPlace, offset, name + " logSoftmax in place");

        float[] y = new float[size];
        kernels.softmax(values, 0, y, 0, rows, cols);
        float[] dy = uniform(size, 78, -1, 1);
        kernels.softmaxBackward(y, 0, dy, 0, expected, 0, rows, cols);
        inPlace = placed(dy, offset);
        kernels.softmaxBackward(placed(y, offset), offset, inPlace, offset, inPlace, offset, rows, cols);
        assertSameSegment(expected, inPlace, offset, name + " softmaxBackward in place (dx = dy)");
        inPlace = placed(y, offset);
        kernels.softmaxBackward(inPlace, offset, placed(dy, offset), offset, inPlace, offset, rows, cols);
        assertSameSegment(expected, inPlace, offset, name + " softmaxBackward in place (dx = y)");

        int[] labels = labels(rows, cols, 79, values);
        float expectedLoss = kernels.crossEntropy(values, 0, labels, 0, expected, 0, rows, cols);
        inPlace = placed(values, offset);
        assertEquals(expectedLoss, kernels.crossEntropy(inPlace, offset, labels, 0, inPlace, offset, rows, cols));
        assertSameSegment(expected, inPlace, offset, name + " crossEntropy in place");

        float[] hot = oneHot(labels, cols);
        inPlace = placed(values, offset);
        assertEquals(expectedLoss, kernels.crossEntropy(inPlace, offset, hot, 0, inPlace, offset, rows, cols));
        assertSameSegment(expected, inPlace, offset, name + " crossEntropy with targets in place");

        float[] probs = expected.clone();
        kernels.crossEntropyBackward(probs, 0, labels, 0, 1f, expected, 0, rows, cols);
        inPlace = placed(probs, offset);
        kernels.crossEntropyBackward(inPlace, offset, labels, 0, 1f, inPlace, offset, rows, cols);
        assertSameSegment(expected, inPlace, offset, name + " crossEntropyBackward in place");
        inPlace = placed(probs, offset);
        kernels.crossEntropyBackward(inPlace, offset, hot, 0, 1f, inPlace, offset, rows, cols);
        assertSameSegment(expected, inPlace, offset, name + " crossEntropyBackward with targets in place");
    }

    private static void assertSameSegment(float[] expected, float[] actual, int offset, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (!same(expected[i], actual[offset + i])) {
                fail(what + ": element " + i + " is " + actual[offset + i] + ", expected " + expected[i]);
            }
        }
        assertUntouchedOutside(actual, offset, expected.length, what);
    }

    // ---- the public API: delegation and argument checks

    @Test
    void publicApiDelegatesToTheChosenImplementation() {
        int rows = 4;
        int cols = 37;
        float[] x = logits(rows, cols, 5, 0f, 10f);
        KernelProvider provider = Kernels.get();
        SoftmaxKernels chosen = provider.softmax();
        float[] expected = new float[x.length];
        float[] actual = new float[x.length];
        int[] labels = labels(rows, cols, 6, x);
        float[] hot = oneHot(labels, cols);
        if (provider.reproducible()) {
            chosen.softmax(x, 0, expected, 0, rows, cols);
            Softmax.softmax(x, 0, actual, 0, rows, cols);
            assertTrue(Arrays.equals(expected, actual), "softmax");
            chosen.logSoftmax(x, 0, expected, 0, rows, cols);
            Softmax.logSoftmax(x, 0, actual, 0, rows, cols);
            assertTrue(Arrays.equals(expected, actual), "logSoftmax");
            assertEquals(chosen.crossEntropy(x, 0, labels, 0, expected, 0, rows, cols),
                    Softmax.crossEntropy(x, 0, labels, 0, actual, 0, rows, cols));
            assertEquals(chosen.crossEntropy(x, 0, hot, 0, expected, 0, rows, cols),
                    Softmax.crossEntropy(x, 0, hot, 0, actual, 0, rows, cols));
        } else {
            // Two calls may differ in the last bits here; each must still keep the promise.
            Softmax.softmax(x, 0, actual, 0, rows, cols);
            assertSoftmax(x, 0, actual, 0, rows, cols, "softmax");
            Softmax.logSoftmax(x, 0, actual, 0, rows, cols);
            assertLogSoftmax(x, 0, actual, 0, rows, cols, "logSoftmax");
            assertLoss(Softmax.crossEntropy(x, 0, labels, 0, actual, 0, rows, cols), labelLoss(x, 0, labels, rows, cols),
                    1e-6, "crossEntropy labels");
            assertLoss(Softmax.crossEntropy(x, 0, hot, 0, actual, 0, rows, cols), labelLoss(x, 0, labels, rows, cols),
                    1e-6, "crossEntropy targets");
            chosen.crossEntropy(x, 0, hot, 0, expected, 0, rows, cols); // the probs the backward calls below take
        }
        float[] probs = expected.clone();
        chosen.softmaxBackward(probs, 0, x, 0, expected, 0, rows, cols);
        Softmax.softmaxBackward(probs, 0, x, 0, actual, 0, rows, cols);
        assertTrue(Arrays.equals(expected, actual), "softmaxBackward");
        chosen.crossEntropyBackward(probs, 0, labels, 0, 2f, expected, 0, rows, cols);
        Softmax.crossEntropyBackward(probs, 0, labels, 0, 2f, actual, 0, rows, cols);
        assertTrue(Arrays.equals(expected, actual), "crossEntropyBackward labels");
        chosen.crossEntropyBackward(probs, 0, hot, 0, 2f, expected, 0, rows, cols);
        Softmax.crossEntropyBackward(probs, 0, hot, 0, 2f, actual, 0, rows, cols);
        assertTrue(Arrays.equals(expected, actual), "crossEntropyBackward targets");
        Softmax.softmax(x, 0, actual, 0, 0, cols); // no rows: nothing to do, no exception
    }

    @Test
    void badArgumentsThrowBeforeAnythingIsWritten() {
        int rows = 3;
        int cols = 5;
        float[] x = logits(rows, cols, 1, 0f, 5f);
        float[] out = TestData.filled(rows * cols);
        float[] t = oneHot(new int[] {0, 1, 2}, cols);
        int[] labels = {0, 4, 2};

        expect(IllegalArgumentException.class, "cols", () -> Softmax.softmax(x, 0, out, 0, rows, 0));
        expect(IllegalArgumentException.class, "rows", () -> Softmax.logSoftmax(x, 0, out, 0, -1, cols));
        expect(IllegalArgumentException.class, "overflows", () -> Softmax.softmax(x, 0, out, 0, 65536, 65536));
        expect(IndexOutOfBoundsException.class, "x is too short", () -> Softmax.softmax(x, 1, out, 0, rows, cols));
        expect(IndexOutOfBoundsException.class, "y is too short", () -> Softmax.softmax(x, 0, out, 1, rows, cols));
        expect(IndexOutOfBoundsException.class, "yOffset", () -> Softmax.logSoftmax(x, 0, out, -1, rows, cols));
        expect(NullPointerException.class, "y is null", () -> Softmax.softmax(x, 0, null, 0, rows, cols));
        expect(IndexOutOfBoundsException.class, "dy is too short",
                () -> Softmax.softmaxBackward(x, 0, new float[rows * cols - 1], 0, out, 0, rows, cols));
        expect(IndexOutOfBoundsException.class, "dx is too short",
                () -> Softmax.softmaxBackward(x, 0, x, 0, out, 2, rows, cols));

        expect(IllegalArgumentException.class, "rows is 0",
                () -> Softmax.crossEntropy(x, 0, labels, 0, out, 0, 0, cols));
        expect(IllegalArgumentException.class, "rows is 0",
                () -> Softmax.crossEntropy(x, 0, t, 0, out, 0, 0, cols));
        expect(IndexOutOfBoundsException.class, "row 1, is 5",
                () -> Softmax.crossEntropy(x, 0, new int[] {0, 5, 2}, 0, out, 0, rows, cols));
        expect(IndexOutOfBoundsException.class, "row 2, is -1",
                () -> Softmax.crossEntropy(x, 0, new int[] {0, 1, -1}, 0, out, 0, rows, cols));
        expect(IndexOutOfBoundsException.class, "row 0, is 7",
                () -> Softmax.crossEntropyBackward(x, 0, new int[] {9, 7, 1, 2}, 1, 1f, out, 0, rows, cols));
        expect(IndexOutOfBoundsException.class, "labels is too short",
                () -> Softmax.crossEntropy(x, 0, new int[] {0, 1}, 0, out, 0, rows, cols));
        expect(NullPointerException.class, "labels is null",
                () -> Softmax.crossEntropyBackward(x, 0, (int[]) null, 0, 1f, out, 0, rows, cols));
        expect(IndexOutOfBoundsException.class, "targets is too short",
                () -> Softmax.crossEntropy(x, 0, Arrays.copyOf(t, 14), 0, out, 0, rows, cols));
        expect(IndexOutOfBoundsException.class, "targets is too short",
                () -> Softmax.crossEntropyBackward(x, 0, t, 1, 1f, out, 0, rows, cols));
        expect(IndexOutOfBoundsException.class, "probs is too short",
                () -> Softmax.crossEntropy(x, 0, labels, 0, new float[14], 0, rows, cols));
        expect(IndexOutOfBoundsException.class, "dLogits is too short",
                () -> Softmax.crossEntropyBackward(x, 0, labels, 0, 1f, out, 1, rows, cols));
        expect(IndexOutOfBoundsException.class, "logitsOffset",
                () -> Softmax.crossEntropy(x, 16, t, 0, out, 0, rows, cols));
        for (float v : out) {
            assertEquals(SENTINEL, v, "an output was written by a call that threw");
        }
    }

    private static void expect(Class<? extends Throwable> type, String inMessage, Executable call) {
        Throwable thrown = assertThrows(type, call);
        assertTrue(thrown.getMessage().contains(inMessage), "message '" + thrown.getMessage() + "' lacks '" + inMessage + "'");
    }
}
