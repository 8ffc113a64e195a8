package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.SoftmaxKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row softmax kernels on Vector API lanes, in three passes per row as the fast native
 * libraries do: the maximum; exp(x - max), stored and summed; one reciprocal and a scale. The exp
 * is {@link VectorExp#expNonPositive}, whose argument x - max is never positive.
 *
 * <p>Shape of the code, for C2's sake:
 * <ul>
 * <li>Each pass is its own small method taking and returning only scalars, so no vector ever
 *     crosses a call that C2 might decline to inline (a vector that does is boxed, allocating).
 * <li>Each reduction keeps four accumulators and rotates them after every vector, so one loop
 *     body with one exp call site still has four independent add (or max) chains in flight.
 * <li>The last {@code cols % lanes} elements of a row go through the scalar twins: masked
 *     {@code indexInRange} tails allocated inside these row loops on JDK 17.
 * <li>Constants are broadcast in the method that uses them; C2 hoists them out of the loop.
 * </ul>
 */
final class VectorSoftmaxKernels implements SoftmaxKernels {

    static final VectorSoftmaxKernels INSTANCE = new VectorSoftmaxKernels();

    private static final VectorSpecies<Float> SPECIES = VectorExp.SPECIES;
    private static final int LANES = SPECIES.length();
    /** Elements per block of a float sum: 32 vectors, 8 per accumulator lane. */
    private static final int SUM_BLOCK = 32 * LANES;

    private VectorSoftmaxKernels() {}

    @Override
    public void softmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xIndex = xOffset + r * cols;
            int yIndex = yOffset + r * cols;
            float max = max(x, xIndex, cols);
            double sum = storeExpAndSum(x, xIndex, max, y, yIndex, cols);
            scale(y, yIndex, (float) (1 / sum), y, yIndex, cols);
        }
    }

    @Override
    public void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xIndex = xOffset + r * cols;
            float max = max(x, xIndex, cols);
            float logSum = (float) Math.log(sumOfExp(x, xIndex, max, cols));
            shift(x, xIndex, max, logSum, y, yOffset + r * cols, cols);
        }
    }

    @Override
    public void softmaxBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int rows,
            int cols) {
        for (int r = 0; r < rows; r++) {
            int yIndex = yOffset + r * cols;
            int dyIndex = dyOffset + r * cols;
            float dot = dot(dy, dyIndex, y, yIndex, cols);
            softmaxGradient(y, yIndex, dy, dyIndex, dot, dx, dxOffset + r * cols, cols);
        }
    }

    @Override
    public float crossEntropy(float[] logits, int logitsOffset, int[] labels, int labelsOffset, float[] probs,
            int probsOffset, int rows, int cols) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int index = logitsOffset + r * cols;
            int probsIndex = probsOffset + r * cols;
            float max = max(logits, index, cols);
            float labelShifted = logits[index + labels[labelsOffset + r]] - max; // before probs may overwrite it
            double sum = storeExpAndSum(logits, index, max, probs, probsIndex, cols);
            scale(probs, probsIndex, (float) (1 / sum), probs, probsIndex, cols);
            total += Math.log(sum) - labelShifted; // -log p[label], exact up to the sum's rounding
        }
        return (float) (total / rows);
    }

    @Override
    public void crossEntropyBackward(float[] probs, int probsOffset, int[] labels, int labelsOffset, float dLoss,
            float[] dLogits, int dLogitsOffset, int rows, int cols) {
        float perRow = (float) ((double) dLoss / rows);
        for (int r = 0; r < rows; r++) {
            int probsIndex = probsOffset + r * cols;
            int dIndex = dLogitsOffset + r * cols;
            int label = labels[labelsOffset + r];
            float labelProbability = probs[probsIndex + label]; // before dLogits may overwrite it
            scale(probs, probsIndex, perRow, dLogits, dIndex, cols);
            dLogits[dIndex + label] = (labelProbability - 1f) * perRow;
        }
    }

    @Override
    public float crossEntropy(float[] logits, int logitsOffset, float[] targets, int targetsOffset, float[] probs,
            int probsOffset, int rows, int cols) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int index = logitsOffset + r * cols;
            int targetsIndex = targetsOffset + r * cols;
            int probsIndex = probsOffset + r * cols;
            float max = max(logits, index, cols);
            // Σ t (x - max) and Σ t before probs may overwrite the logits; then
            // -Σ t log p = -Σ t (x - max - logSum) = logSum Σ t - Σ t (x - max).
            float weightedShift = targetWeightedShift(logits, index, max, targets, targetsIndex, cols);
            float targetSum = sum(targets, targetsIndex, cols);
            double sum = storeExpAndSum(logits, index, max, probs, probsIndex, cols);
            scale(probs, probsIndex, (float) (1 / sum), probs, probsIndex, cols);
            total += Math.log(sum) * targetSum - weightedShift;
        }
        return (float) (total / rows);
    }

    @Override
    public void crossEntropyBackward(float[] probs, int probsOffset, float[] targets, int targetsOffset, float dLoss,
            float[] dLogits, int dLogitsOffset, int rows, int cols) {
        float perRow = (float) ((double) dLoss / rows);
        int length = rows * cols; // rows are contiguous: one pass over the whole matrix
        FloatVector factor = FloatVector.broadcast(SPECIES, perRow);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector p = FloatVector.fromArray(SPECIES, probs, probsOffset + i);
            FloatVector t = FloatVector.fromArray(SPECIES, targets, targetsOffset + i);
            p.sub(t).mul(factor).intoArray(dLogits, dLogitsOffset + i);
        }
        for (; i < length; i++) {
            dLogits[dLogitsOffset + i] = (probs[probsOffset + i] - targets[targetsOffset + i]) * perRow;
        }
    }

    /**
     * The row's maximum, by compare and blend rather than {@code max()}: lane-wise MAX must order
     * NaN and -0 as Math.max does, which costs C2 several extra instructions per vector on AVX2
     * (measured: this pass took 0.11 ns per element with max(), 0.06 with compare and blend). A
     * NaN element may be skipped here, but its x - max is NaN whatever the max, so its exp and
     * with it the row's sum, and every output of the row, are NaN all the same.
     */
    // snippet: softmax-max
    private static float max(float[] x, int from, int cols) {
        int i = 0;
        float max = Float.NEGATIVE_INFINITY;
        if (cols >= LANES) {
            FloatVector m0 = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
            FloatVector m1 = m0;
            FloatVector m2 = m0;
            FloatVector m3 = m0;
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, from + i);
                FloatVector next = m1;
                m1 = m2;
                m2 = m3;
                m3 = m0.blend(v, m0.compare(VectorOperators.LT, v));
                m0 = next;
            }
            max = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        }
        for (; i < cols; i++) {
            max = Math.max(max, x[from + i]);
        }
        return max;
    }
    // end-snippet

    /**
     * {@code y = exp(x - max)} for one row; returns the sum of the exps. The sum runs in float
     * lanes over blocks of {@link #SUM_BLOCK} elements and adds up the blocks in double, so its
     * rounding error stays that of a short float sum however wide the row (with one float
     * accumulator per lane, 128-bit lanes summing 32000 exps missed the 1e-6 promise). Each block
     * is its own method: with the block loop nested in this one, JDK 17's C2 boxed a vector once
     * per 32000-wide row (48 B per row under -prof gc).
     */
    // snippet: softmax-exp-sum
    private static double storeExpAndSum(float[] x, int from, float max, float[] y, int to, int cols) {
        int bound = SPECIES.loopBound(cols);
        double sum = 0;
        for (int i = 0; i < bound; i += SUM_BLOCK) {
            sum += storeExpAndSumBlock(x, from, max, y, to, i, bound - i > SUM_BLOCK ? i + SUM_BLOCK : bound);
        }
        for (int i = bound; i < cols; i++) {
            float e = VectorExp.expNonPositive(x[from + i] - max);
            y[to + i] = e;
            sum += e;
        }
        return sum;
    }
    // end-snippet

    /** Elements {@code start ... end - 1} (whole vectors) of {@link #storeExpAndSum}; returns their sum. */
    // snippet: softmax-exp-sum-block
    private static float storeExpAndSumBlock(float[] x, int from, float max, float[] y, int to, int start, int end) {
        FloatVector shift = FloatVector.broadcast(SPECIES, max);
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int i = start; i < end; i += LANES) {
            FloatVector e = VectorExp.expNonPositive(FloatVector.fromArray(SPECIES, x, from + i).sub(shift));
            e.intoArray(y, to + i);
            FloatVector next = s1;
            s1 = s2;
            s2 = s3;
            s3 = s0.add(e);
            s0 = next;
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }
    // end-snippet

    /** The sum of {@code exp(x - max)} over one row, nothing stored, blocked as in {@link #storeExpAndSum}. */
    private static double sumOfExp(float[] x, int from, float max, int cols) {
        int bound = SPECIES.loopBound(cols);
        double sum = 0;
        for (int i = 0; i < bound; i += SUM_BLOCK) {
            sum += sumOfExpBlock(x, from, max, i, bound - i > SUM_BLOCK ? i + SUM_BLOCK : bound);
        }
        for (int i = bound; i < cols; i++) {
            sum += VectorExp.expNonPositive(x[from + i] - max);
        }
        return sum;
    }

    /** Elements {@code start ... end - 1} (whole vectors) of {@link #sumOfExp}. */
    private static float sumOfExpBlock(float[] x, int from, float max, int start, int end) {
        FloatVector shift = FloatVector.broadcast(SPECIES, max);
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int i = start; i < end; i += LANES) {
            FloatVector e = VectorExp.expNonPositive(FloatVector.fromArray(SPECIES, x, from + i).sub(shift));
            FloatVector next = s1;
            s1 = s2;
            s2 = s3;
            s3 = s0.add(e);
            s0 = next;
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }

    /** {@code out = in * factor} over one row (in place when in and out are the same). */
    // snippet: softmax-scale
    private static void scale(float[] in, int from, float factor, float[] out, int to, int cols) {
        int i = 0;
        if (cols >= LANES) {
            FloatVector broadcastFactor = FloatVector.broadcast(SPECIES, factor);
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector.fromArray(SPECIES, in, from + i).mul(broadcastFactor).intoArray(out, to + i);
            }
        }
        for (; i < cols; i++) {
            out[to + i] = in[from + i] * factor;
        }
    }
    // end-snippet

    /** {@code y = (x - max) - logSum} over one row. */
    private static void shift(float[] x, int from, float max, float logSum, float[] y, int to, int cols) {
        int i = 0;
        if (cols >= LANES) {
            FloatVector broadcastMax = FloatVector.broadcast(SPECIES, max);
            FloatVector broadcastLogSum = FloatVector.broadcast(SPECIES, logSum);
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector.fromArray(SPECIES, x, from + i).sub(broadcastMax).sub(broadcastLogSum).intoArray(y, to + i);
            }
        }
        for (; i < cols; i++) {
            y[to + i] = (x[from + i] - max) - logSum;
        }
    }

    /** {@code Σ a[i] * b[i]} over one row. */
    private static float dot(float[] a, int aFrom, float[] b, int bFrom, int cols) {
        int i = 0;
        float dot = 0f;
        if (cols >= LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector va = FloatVector.fromArray(SPECIES, a, aFrom + i);
                FloatVector next = s1;
                s1 = s2;
                s2 = s3;
                s3 = va.fma(FloatVector.fromArray(SPECIES, b, bFrom + i), s0);
                s0 = next;
            }
            dot = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < cols; i++) {
            dot = Math.fma(a[aFrom + i], b[bFrom + i], dot);
        }
        return dot;
    }

    /** {@code dx = y * (dy - dot)} over one row. */
    private static void softmaxGradient(float[] y, int yFrom, float[] dy, int dyFrom, float dot, float[] dx, int dxFrom,
            int cols) {
        int i = 0;
        if (cols >= LANES) {
            FloatVector broadcastDot = FloatVector.broadcast(SPECIES, dot);
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector gradient = FloatVector.fromArray(SPECIES, dy, dyFrom + i).sub(broadcastDot);
                FloatVector.fromArray(SPECIES, y, yFrom + i).mul(gradient).intoArray(dx, dxFrom + i);
            }
        }
        for (; i < cols; i++) {
            dx[dxFrom + i] = y[yFrom + i] * (dy[dyFrom + i] - dot);
        }
    }

    /** {@code Σ t (x - max)} over one row, where a target of 0 contributes 0 even against x = -Inf. */
    private static float targetWeightedShift(float[] x, int from, float max, float[] t, int tFrom, int cols) {
        int i = 0;
        float weighted = 0f;
        if (cols >= LANES) {
            FloatVector broadcastMax = FloatVector.broadcast(SPECIES, max);
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector target = FloatVector.fromArray(SPECIES, t, tFrom + i);
                FloatVector shifted = FloatVector.fromArray(SPECIES, x, from + i).sub(broadcastMax);
                FloatVector term = target.mul(shifted).blend(0f, target.compare(VectorOperators.EQ, 0f));
                FloatVector next = s1;
                s1 = s2;
                s2 = s3;
                s3 = s0.add(term);
                s0 = next;
            }
            weighted = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < cols; i++) {
            float target = t[tFrom + i];
            weighted += target == 0 ? 0f : target * (x[from + i] - max);
        }
        return weighted;
    }

    /** {@code Σ a[i]} over one row. */
    private static float sum(float[] a, int from, int cols) {
        int i = 0;
        float sum = 0f;
        if (cols >= LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = s0;
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector next = s1;
                s1 = s0.add(FloatVector.fromArray(SPECIES, a, from + i));
                s0 = next;
            }
            sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < cols; i++) {
            sum += a[from + i];
        }
        return sum;
    }
}
