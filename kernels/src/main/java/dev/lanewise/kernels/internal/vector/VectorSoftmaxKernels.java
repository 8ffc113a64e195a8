package dev.lanewise.kernels.internal.vector;

import static dev.lanewise.kernels.internal.FloatExp.C2;
import static dev.lanewise.kernels.internal.FloatExp.C3;
import static dev.lanewise.kernels.internal.FloatExp.C4;
import static dev.lanewise.kernels.internal.FloatExp.C5;
import static dev.lanewise.kernels.internal.FloatExp.C6;
import static dev.lanewise.kernels.internal.FloatExp.FLUSH_BELOW;
import static dev.lanewise.kernels.internal.FloatExp.LN2_HI;
import static dev.lanewise.kernels.internal.FloatExp.LN2_LO;
import static dev.lanewise.kernels.internal.FloatExp.LOG2E;
import static dev.lanewise.kernels.internal.FloatExp.ROUNDING_BIAS;
import static dev.lanewise.kernels.internal.FixedOrderSum.BLOCK_ROUNDS;
import static dev.lanewise.kernels.internal.FixedOrderSum.ROUND;
import static dev.lanewise.kernels.internal.FixedOrderSum.fold;
import static dev.lanewise.kernels.internal.vector.VectorFixedOrderSum.VECTORS_PER_ACCUMULATOR;

import dev.lanewise.kernels.internal.FixedOrderSum;
import dev.lanewise.kernels.internal.LogOfProduct;
import dev.lanewise.kernels.internal.RowScratch;
import dev.lanewise.kernels.internal.SoftmaxKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row softmax kernels on Vector API lanes, in three passes per row as the fast native
 * libraries do: the maximum; exp(x - max), stored and summed; one reciprocal and a scale. The exp
 * is {@link VectorExp#expNonPositive}, whose argument x - max is never positive.
 *
 * <p>Every sum over a row (of the exps, of dy·y, of the targets) is added in the one fixed order
 * of {@link FixedOrderSum}, on {@link VectorFixedOrderSum#SPECIES}, so a row gives the same bits
 * on every vector width and in the scalar kernels; no {@code reduceLanes(ADD)}, whose lane order
 * is unspecified (C2 and the interpreter combine lanes differently). The maximum needs no fixed
 * order: it is the same whatever the order, once -0 is made +0 (see {@link #max}).
 *
 * <p>Shape of the code, for C2's sake:
 * <ul>
 * <li>Each pass is its own small method taking and returning only scalars, so no vector ever
 *     crosses a call that C2 might decline to inline (a vector that does is boxed, allocating).
 * <li>The exps are stored first (softmax and cross-entropy into their output, log-softmax into a
 *     per-thread scratch row), then summed: the sum's loop adds four vectors per iteration into
 *     four accumulators, and the exp's loop has one exp, written out (see {@link #storeExp}).
 * <li>The elements past the last whole vector go through the scalar twins: masked
 *     {@code indexInRange} tails allocated inside these row loops on JDK 17, and cost more than
 *     they saved with AVX2. On JDK 25 at 512 bits they go on masked vectors instead, the last,
 *     partial round of a row included ({@link #ROW_TAILS_ON_MASKS}); the same bits either way.
 * <li>Rows shorter than one 16-lane chunk (a 10-class output) have no whole vector at all on
 *     AVX-512: softmax and cross-entropy compute their exps across a batch of rows instead (see
 *     {@link #softmaxOfShortRows}).
 * <li>Constants are broadcast in the method that uses them; C2 hoists them out of the loop.
 * </ul>
 */
final class VectorSoftmaxKernels implements SoftmaxKernels {

    static final VectorSoftmaxKernels INSTANCE = new VectorSoftmaxKernels();

    /** The species of the element-wise passes (max, scale, shift, gradient): the widest. */
    private static final VectorSpecies<Float> SPECIES = Species.FLOAT;
    private static final int LANES = SPECIES.length();
    /**
     * Whether the exps are computed, stored and summed in one pass on the sums' species, or
     * stored by a pass on the widest species and then summed: see
     * {@link VectorStrategies#fusedExpAndSum()}. Both give the same bits.
     */
    static final boolean FUSED_EXP_AND_SUM = VectorStrategies.fusedExpAndSum();
    /** The species of the sums, 512 bits at most (see {@link VectorFixedOrderSum}). */
    private static final VectorSpecies<Float> SUM_SPECIES = VectorFixedOrderSum.SPECIES;
    private static final int SUM_LANES = SUM_SPECIES.length();

    private VectorSoftmaxKernels() {}

    /**
     * Rows narrower than this (ten classes, say) are computed a batch of rows at a time, see
     * {@link #softmaxOfShortRows}: one row of them fills less than one 16-lane chunk, so a
     * row-at-a-time pass would compute its exps lane by lane.
     */
    private static final int SHORT_ROW = FixedOrderSum.LANES;
    /** Elements per batch of short rows: 16 KB of floats, which stays in L1 between the passes. */
    private static final int SHORT_ROWS_BATCH_ELEMENTS = 4096;

    @Override
    public void softmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols) {
        if (cols < SHORT_ROW && !VectorExp.USE_LIBRARY_EXP) {
            softmaxOfShortRows(x, xOffset, y, yOffset, rows, cols);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int xIndex = xOffset + r * cols;
            int yIndex = yOffset + r * cols;
            float max = max(x, xIndex, cols);
            double sum = storeExpAndSum(x, xIndex, max, y, yIndex, cols);
            scale(y, yIndex, (float) (1 / sum), y, yIndex, cols);
        }
    }

    /**
     * {@link #softmax} for rows shorter than one chunk, a batch of rows at a time, in three passes:
     * each row's maximum, written as {@code y = x - max}; {@code y = exp(y)} over the whole batch at
     * once, on whole vectors across the row boundaries; each row's sum and scale. The same
     * operations on the same floats as the row-at-a-time form (the exp of a lane does not depend on
     * its neighbours, and each row's sum is {@link FixedOrderSum#partialRoundSum} of its exps, as
     * there), so the same bits; ten classes cost a vector exp per 1.6 rows instead of ten scalar
     * exps per row. In place ({@code y == x}) works: each element is read before it is written.
     */
    // snippet: softmax-short-rows
    private static void softmaxOfShortRows(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols) {
        if (cols == 0) {
            return;
        }
        int batchRows = Math.max(1, SHORT_ROWS_BATCH_ELEMENTS / cols);
        for (int first = 0; first < rows; first += batchRows) {
            int count = Math.min(batchRows, rows - first);
            int yStart = yOffset + first * cols;
            for (int r = 0; r < count; r++) {
                shiftByMax(x, xOffset + (first + r) * cols, y, yStart + r * cols, cols);
            }
            storeExp(y, yStart, 0f, y, yStart, count * cols); // x - max - 0 is x - max
            for (int r = 0; r < count; r++) {
                int yIndex = yStart + r * cols;
                double sum = FixedOrderSum.partialRoundSum(y, yIndex, cols);
                scale(y, yIndex, (float) (1 / sum), y, yIndex, cols);
            }
        }
    }
    // end-snippet

    /** {@code y = x - max} over one short row, where max is the row's; returns the max. */
    private static float shiftByMax(float[] x, int from, float[] y, int to, int cols) {
        float max = max(x, from, cols);
        for (int i = 0; i < cols; i++) {
            y[to + i] = x[from + i] - max;
        }
        return max;
    }

    @Override
    public void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xIndex = xOffset + r * cols;
            float max = max(x, xIndex, cols);
            float[] exps = RowScratch.get(cols); // y may be x: the exps cannot go there
            float logSum = (float) StrictMath.log(storeExpAndSum(x, xIndex, max, exps, 0, cols));
            shift(x, xIndex, max, logSum, y, yOffset + r * cols, cols);
        }
    }

    @Override
    public void softmaxBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int rows,
            int cols) {
        for (int r = 0; r < rows; r++) {
            int yIndex = yOffset + r * cols;
            int dyIndex = dyOffset + r * cols;
            float dot = (float) dot(dy, dyIndex, y, yIndex, cols);
            softmaxGradient(y, yIndex, dy, dyIndex, dot, dx, dxOffset + r * cols, cols);
        }
    }

    @Override
    public float crossEntropy(float[] logits, int logitsOffset, int[] labels, int labelsOffset, float[] probs,
            int probsOffset, int rows, int cols) {
        // Σ -log p[label] = Σ log Σ exp(x - max) - Σ (logit - max): no log of a rounded probability,
        // and one log per batch (LogOfProduct) rather than one per row.
        if (cols < SHORT_ROW && !VectorExp.USE_LIBRARY_EXP) {
            return crossEntropyOfShortRows(logits, logitsOffset, labels, labelsOffset, probs, probsOffset, rows, cols);
        }
        double mantissa = 1; // the product of the rows' sums is mantissa · 2^exponent
        long exponent = 0;
        double labelsShifted = 0;
        for (int r = 0; r < rows; r++) {
            int index = logitsOffset + r * cols;
            int probsIndex = probsOffset + r * cols;
            float max = max(logits, index, cols);
            float labelShifted = logits[index + labels[labelsOffset + r]] - max; // before probs may overwrite it
            double sum = storeExpAndSum(logits, index, max, probs, probsIndex, cols);
            scale(probs, probsIndex, (float) (1 / sum), probs, probsIndex, cols);
            int e = Math.getExponent(sum);
            mantissa *= Math.scalb(sum, -e); // both factors in [1, 2): exact scaling, one rounding
            int carry = Math.getExponent(mantissa);
            mantissa = Math.scalb(mantissa, -carry);
            exponent += e + carry;
            labelsShifted += labelShifted;
        }
        return (float) ((LogOfProduct.log(mantissa, exponent) - labelsShifted) / rows);
    }

    /**
     * {@link #crossEntropy(float[], int, int[], int, float[], int, int, int)} for rows shorter than
     * one chunk, in batches as {@link #softmaxOfShortRows} does; the rows' sums and shifted labels
     * are accumulated in row order, as there, so the same bits.
     */
    private static float crossEntropyOfShortRows(float[] logits, int logitsOffset, int[] labels, int labelsOffset,
            float[] probs, int probsOffset, int rows, int cols) {
        double mantissa = 1;
        long exponent = 0;
        double labelsShifted = 0;
        int batchRows = Math.max(1, SHORT_ROWS_BATCH_ELEMENTS / Math.max(1, cols));
        for (int first = 0; first < rows; first += batchRows) {
            int count = Math.min(batchRows, rows - first);
            int pStart = probsOffset + first * cols;
            for (int r = 0; r < count; r++) {
                int index = logitsOffset + (first + r) * cols;
                float labelLogit = logits[index + labels[labelsOffset + first + r]]; // before probs may overwrite it
                float max = shiftByMax(logits, index, probs, pStart + r * cols, cols);
                labelsShifted += labelLogit - max;
            }
            storeExp(probs, pStart, 0f, probs, pStart, count * cols);
            for (int r = 0; r < count; r++) {
                int pIndex = pStart + r * cols;
                double sum = FixedOrderSum.partialRoundSum(probs, pIndex, cols);
                scale(probs, pIndex, (float) (1 / sum), probs, pIndex, cols);
                int e = Math.getExponent(sum);
                mantissa *= Math.scalb(sum, -e);
                int carry = Math.getExponent(mantissa);
                mantissa = Math.scalb(mantissa, -carry);
                exponent += e + carry;
            }
        }
        return (float) ((LogOfProduct.log(mantissa, exponent) - labelsShifted) / rows);
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
            double weightedShift = targetWeightedShift(logits, index, max, targets, targetsIndex, cols);
            double targetSum = sum(targets, targetsIndex, cols);
            double sum = storeExpAndSum(logits, index, max, probs, probsIndex, cols);
            scale(probs, probsIndex, (float) (1 / sum), probs, probsIndex, cols);
            total += StrictMath.log(sum) * targetSum - weightedShift;
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
     * with it the row's sum, and every output of the row, are NaN all the same. The maximum of
     * the other elements is the same in any order, but for the sign of a zero maximum (the first
     * of -0 and +0 wins a tie); adding +0 makes it +0 whatever the order, as in the scalar twin.
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
            if (ROW_TAILS_ON_MASKS && i < cols) { // the lanes past the row's end stay -Inf
                VectorMask<Float> inRow = SPECIES.indexInRange(i, cols);
                FloatVector v = FloatVector.fromArray(SPECIES, x, from + i, inRow);
                m0 = m0.blend(v, m0.compare(VectorOperators.LT, v).and(inRow));
                i = cols;
            }
            max = m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
        }
        for (; i < cols; i++) {
            float v = x[from + i];
            max = max < v ? v : max;
        }
        return max + 0f; // -0 becomes +0
    }
    // end-snippet

    /**
     * {@code y = exp(x - max)} over one row on the widest species, for {@link #storeExpAndSum}'s
     * two-pass form; the exp written out as in {@link #storeExpAndSumBlock4}.
     */
    private static void storeExp(float[] x, int from, float max, float[] y, int to, int cols) {
        int i = 0;
        FloatVector shift = FloatVector.broadcast(SPECIES, max);
        for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
            FloatVector z = FloatVector.fromArray(SPECIES, x, from + i).sub(shift);
            FloatVector e;
            if (VectorExp.USE_LIBRARY_EXP) {
                e = z.lanewise(VectorOperators.EXP);
            } else {
                FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
                FloatVector n = t.sub(ROUNDING_BIAS);
                FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
                r = n.fma(z.broadcast(-LN2_LO), r);
                FloatVector r2 = r.mul(r);
                FloatVector q = r2.fma(r2.fma(z.broadcast(C6), r.fma(C5, C4)), r.fma(C3, C2));
                FloatVector p = r2.fma(q, r.add(1f));
                FloatVector twoToTheN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                e = p.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
            }
            e.intoArray(y, to + i);
        }
        for (; i < cols; i++) {
            y[to + i] = VectorExp.expNonPositive(x[from + i] - max);
        }
    }

    /**
     * {@code y = exp(x - max)} over one row (x and y may be the same row); returns the sum of the
     * exps in {@link FixedOrderSum}'s order. Whole rounds of 64 go by blocks that compute, store
     * and add up the exps in one pass; the last, partial round (fewer than 64) by {@link #storeExp}
     * and then {@link FixedOrderSum#partialRoundSum}.
     */
    // snippet: softmax-exp-sum
    private static double storeExpAndSum(float[] x, int from, float max, float[] y, int to, int cols) {
        if (!FUSED_EXP_AND_SUM) {
            return storeExpThenSum(x, from, max, y, to, cols);
        }
        int rounds = cols / ROUND;
        double sum = 0;
        for (int r = 0; r < rounds; r += BLOCK_ROUNDS) {
            int first = r * ROUND;
            int blockRounds = Math.min(BLOCK_ROUNDS, rounds - r);
            // Two methods, not one loop with a constant branch in its rotation: JDK 17 boxed that.
            sum += VECTORS_PER_ACCUMULATOR == 1 ? storeExpAndSumBlock4(x, from + first, max, y, to + first, blockRounds)
                    : VECTORS_PER_ACCUMULATOR == 2 ? storeExpAndSumBlock8(x, from + first, max, y, to + first, blockRounds)
                    : storeExpAndSumBlock16(x, from + first, max, y, to + first, blockRounds);
        }
        int done = rounds * ROUND;
        if (done < cols) { // the last, partial round
            sum += ROW_TAILS_ON_MASKS // only at 512 bits: one vector per chunk, as the method needs
                    ? storeExpAndSumPartialRound4(x, from + done, max, y, to + done, cols - done)
                    : storeExpAndSumPartialRound(x, from + done, max, y, to + done, cols - done);
        }
        return sum;
    }
    // end-snippet

    /**
     * {@link #storeExpAndSum}'s two-pass form: {@link #storeExp}'s loop, then {@link #sum}'s, both
     * written out here. Why one method and not the two calls: the row loops ({@link #softmax},
     * {@link #crossEntropy}) inline a hot callee of up to 325 bytes of bytecode (C2's
     * {@code FreqInlineSize}), and whether they took {@link #storeExp} (276 bytes) along with
     * {@link #max} and {@link #scale} depended on which method C2 happened to compile first. Where it
     * did, the exp loop ran beside the other passes' constants in one method: on JDK 25 at 256 bits,
     * softmax 256×1000 ran at 6.9–7.5 ops/ms in those forks against 8.2–9.3 where the exp pass
     * stayed a call of its own (-XX:CompileCommand=dontinline, 5 forks each; RESULTS.md, "Fifth
     * session"). At over 325 bytes this method is never inlined into a row loop, so every fork
     * gets the fast form. The fused form needs no such care: its block methods are larger still.
     */
    private static double storeExpThenSum(float[] x, int from, float max, float[] y, int to, int cols) {
        int i = 0;
        FloatVector shift = FloatVector.broadcast(SPECIES, max);
        for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
            FloatVector z = FloatVector.fromArray(SPECIES, x, from + i).sub(shift);
            FloatVector e;
            if (VectorExp.USE_LIBRARY_EXP) {
                e = z.lanewise(VectorOperators.EXP);
            } else {
                FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
                FloatVector n = t.sub(ROUNDING_BIAS);
                FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
                r = n.fma(z.broadcast(-LN2_LO), r);
                FloatVector r2 = r.mul(r);
                FloatVector q = r2.fma(r2.fma(z.broadcast(C6), r.fma(C5, C4)), r.fma(C3, C2));
                FloatVector p = r2.fma(q, r.add(1f));
                FloatVector twoToTheN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                e = p.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
            }
            e.intoArray(y, to + i);
        }
        for (; i < cols; i++) {
            y[to + i] = VectorExp.expNonPositive(x[from + i] - max);
        }
        // The second pass, from L1: sum(y, to, cols).
        int rounds = cols / ROUND;
        double sum = 0;
        for (int r = 0; r < rounds; r += BLOCK_ROUNDS) {
            sum += sumBlock(y, to + r * ROUND, Math.min(BLOCK_ROUNDS, rounds - r));
        }
        int done = rounds * ROUND;
        if (done < cols) {
            sum += FixedOrderSum.partialRoundSum(y, to + done, cols - done);
        }
        return sum;
    }

    /**
     * Whether a row's elements past its last whole vector (in {@link #max}, {@link #scale}) and its
     * last, partial round (in {@link #storeExpAndSum}) go on masked vectors or one lane at a time:
     * see {@link VectorStrategies#rowTailsOnMasks()}.
     */
    static final boolean ROW_TAILS_ON_MASKS = VectorStrategies.rowTailsOnMasks();

    /**
     * The last, partial round of {@link #storeExpAndSum} ({@code rest} < 64 exps) one lane at a
     * time past the last whole vector: its exps stored, then added up as a one-round block.
     */
    private static float storeExpAndSumPartialRound(float[] x, int from, float max, float[] y, int to, int rest) {
        storeExp(x, from, max, y, to, rest);
        return FixedOrderSum.partialRoundSum(y, to, rest);
    }

    /**
     * The last, partial round of {@link #storeExpAndSum} ({@code rest} < 64 exps) on masked
     * vectors: {@link #storeExpAndSumBlock4}'s loop for one round, the lanes past the row's end
     * neither read nor written and added as +0, which is {@link FixedOrderSum#partialRoundSum}'s
     * padding, so the same bits as {@link #storeExpAndSumPartialRound}.
     */
    // snippet: softmax-partial-round-masked
    private static float storeExpAndSumPartialRound4(float[] x, int from, float max, float[] y, int to, int rest) {
        FloatVector shift = FloatVector.broadcast(SUM_SPECIES, max);
        FloatVector zero = FloatVector.zero(SUM_SPECIES);
        FloatVector s0 = zero, s1 = zero, s2 = zero, s3 = zero;
        for (int i = 0; i < ROUND; i += SUM_LANES) {
            FloatVector e = zero; // a chunk wholly past the row's end: +0, and no exp to compute
            if (i < rest) {
                VectorMask<Float> inRow = SUM_SPECIES.indexInRange(i, rest);
                FloatVector z = FloatVector.fromArray(SUM_SPECIES, x, from + i, inRow).sub(shift);
                FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
                FloatVector n = t.sub(ROUNDING_BIAS);
                FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
                r = n.fma(z.broadcast(-LN2_LO), r);
                FloatVector r2 = r.mul(r);
                FloatVector q = r2.fma(r2.fma(z.broadcast(C6), r.fma(C5, C4)), r.fma(C3, C2));
                FloatVector p = r2.fma(q, r.add(1f));
                FloatVector twoToTheN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                e = p.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
                e = zero.blend(e, inRow); // past the row's end: +0
                e.intoArray(y, to + i, inRow);
            }
            FloatVector next = s0.add(e);
            s0 = s1;
            s1 = s2;
            s2 = s3;
            s3 = next;
        }
        FloatVector lanes = s0.add(s1).add(s2.add(s3));
        return fold(lanes.lane(0), lanes.lane(1), lanes.lane(2), lanes.lane(3), lanes.lane(4), lanes.lane(5),
                lanes.lane(6), lanes.lane(7), lanes.lane(8), lanes.lane(9), lanes.lane(10), lanes.lane(11),
                lanes.lane(12), lanes.lane(13), lanes.lane(14), lanes.lane(15));
    }
    // end-snippet

    /**
     * One block of {@link #storeExpAndSum}: one exp per iteration, added to the first of the
     * rotating accumulators (after a whole number of rounds they are back in place, accumulator j
     * holding chunk j of every round). The exp is {@link VectorExp}'s polynomial written out in
     * the loop body, not called: a vector helper that C2 has already compiled on its own (as it
     * does once sigmoid has made it hot) is "too big" to inline, and every vector passed to it is
     * then boxed.
     */
    // snippet: softmax-exp-sum-block
    private static float storeExpAndSumBlock4(float[] x, int from, float max, float[] y, int to, int rounds) {
        FloatVector shift = FloatVector.broadcast(SUM_SPECIES, max);
        FloatVector s0 = FloatVector.zero(SUM_SPECIES);
        FloatVector s1 = s0, s2 = s0, s3 = s0;
        for (int i = 0, end = rounds * ROUND; i < end; i += SUM_LANES) {
            FloatVector z = FloatVector.fromArray(SUM_SPECIES, x, from + i).sub(shift);
            FloatVector e;
            if (VectorExp.USE_LIBRARY_EXP) {
                e = z.lanewise(VectorOperators.EXP);
            } else {
                FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
                FloatVector n = t.sub(ROUNDING_BIAS);
                FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
                r = n.fma(z.broadcast(-LN2_LO), r);
                FloatVector r2 = r.mul(r);
                FloatVector q = r2.fma(r2.fma(z.broadcast(C6), r.fma(C5, C4)), r.fma(C3, C2));
                FloatVector p = r2.fma(q, r.add(1f));
                FloatVector twoToTheN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                e = p.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
            }
            e.intoArray(y, to + i);
            FloatVector next = s0.add(e);
            s0 = s1;
            s1 = s2;
            s2 = s3;
            s3 = next;
        }
        FloatVector lanes = s0.add(s1).add(s2.add(s3));
        return fold(lanes.lane(0), lanes.lane(1), lanes.lane(2), lanes.lane(3), lanes.lane(4), lanes.lane(5),
                lanes.lane(6), lanes.lane(7), lanes.lane(8), lanes.lane(9), lanes.lane(10), lanes.lane(11),
                lanes.lane(12), lanes.lane(13), lanes.lane(14), lanes.lane(15));
    }
    // end-snippet

    /** {@link #storeExpAndSumBlock4} on 256-bit hardware: two vectors per 16-lane chunk, eight rotating. */
    private static float storeExpAndSumBlock8(float[] x, int from, float max, float[] y, int to, int rounds) {
        FloatVector shift = FloatVector.broadcast(SUM_SPECIES, max);
        FloatVector s0 = FloatVector.zero(SUM_SPECIES);
        FloatVector s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int i = 0, end = rounds * ROUND; i < end; i += SUM_LANES) {
            FloatVector z = FloatVector.fromArray(SUM_SPECIES, x, from + i).sub(shift);
            FloatVector e;
            if (VectorExp.USE_LIBRARY_EXP) {
                e = z.lanewise(VectorOperators.EXP);
            } else {
                FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
                FloatVector n = t.sub(ROUNDING_BIAS);
                FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
                r = n.fma(z.broadcast(-LN2_LO), r);
                FloatVector r2 = r.mul(r);
                FloatVector q = r2.fma(r2.fma(z.broadcast(C6), r.fma(C5, C4)), r.fma(C3, C2));
                FloatVector p = r2.fma(q, r.add(1f));
                FloatVector twoToTheN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                e = p.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
            }
            e.intoArray(y, to + i);
            FloatVector next = s0.add(e);
            s0 = s1;
            s1 = s2;
            s2 = s3;
            s3 = s4;
            s4 = s5;
            s5 = s6;
            s6 = s7;
            s7 = next;
        }
        // accumulator a is (s[2a], s[2a + 1]), its low and high 8 lanes: adding the high half onto
        // the low one is the first fold (j + 8 onto j)
        FloatVector low = s0.add(s2).add(s4.add(s6));
        FloatVector high = s1.add(s3).add(s5.add(s7));
        FloatVector folded = low.add(high);
        return fold(folded.lane(0), folded.lane(1), folded.lane(2), folded.lane(3), folded.lane(4), folded.lane(5),
                folded.lane(6), folded.lane(7));
    }

    /** {@link #storeExpAndSumBlock4} on 128-bit hardware: four vectors per 16-lane chunk, sixteen rotating. */
    private static float storeExpAndSumBlock16(float[] x, int from, float max, float[] y, int to, int rounds) {
        FloatVector shift = FloatVector.broadcast(SUM_SPECIES, max);
        FloatVector s0 = FloatVector.zero(SUM_SPECIES);
        FloatVector s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        FloatVector s8 = s0, s9 = s0, s10 = s0, s11 = s0, s12 = s0, s13 = s0, s14 = s0, s15 = s0;
        for (int i = 0, end = rounds * ROUND; i < end; i += SUM_LANES) {
            FloatVector z = FloatVector.fromArray(SUM_SPECIES, x, from + i).sub(shift);
            FloatVector e;
            if (VectorExp.USE_LIBRARY_EXP) {
                e = z.lanewise(VectorOperators.EXP);
            } else {
                FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
                FloatVector n = t.sub(ROUNDING_BIAS);
                FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
                r = n.fma(z.broadcast(-LN2_LO), r);
                FloatVector r2 = r.mul(r);
                FloatVector q = r2.fma(r2.fma(z.broadcast(C6), r.fma(C5, C4)), r.fma(C3, C2));
                FloatVector p = r2.fma(q, r.add(1f));
                FloatVector twoToTheN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                e = p.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
            }
            e.intoArray(y, to + i);
            FloatVector next = s0.add(e);
            s0 = s1;
            s1 = s2;
            s2 = s3;
            s3 = s4;
            s4 = s5;
            s5 = s6;
            s6 = s7;
            s7 = s8;
            s8 = s9;
            s9 = s10;
            s10 = s11;
            s11 = s12;
            s12 = s13;
            s13 = s14;
            s14 = s15;
            s15 = next;
        }
        // accumulator a is s[4a .. 4a + 3], its four quarters; quarter q of the lanes is
        // (s[q] + s[4 + q]) + (s[8 + q] + s[12 + q]); quarters 2 and 3 onto 0 and 1 is the fold
        // j + 8 onto j, then quarter 1 onto 0 the fold j + 4 onto j
        FloatVector half0 = s0.add(s4).add(s8.add(s12)).add(s2.add(s6).add(s10.add(s14)));
        FloatVector half1 = s1.add(s5).add(s9.add(s13)).add(s3.add(s7).add(s11.add(s15)));
        FloatVector folded = half0.add(half1);
        return fold(folded.lane(0), folded.lane(1), folded.lane(2), folded.lane(3));
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
            if (ROW_TAILS_ON_MASKS && i < cols) {
                VectorMask<Float> inRow = SPECIES.indexInRange(i, cols);
                FloatVector.fromArray(SPECIES, in, from + i, inRow).mul(broadcastFactor).intoArray(out, to + i, inRow);
                return;
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

    /** {@code Σ a[i] * b[i]} over one row, in {@link FixedOrderSum}'s order (each product rounded, then added). */
    static double dot(float[] a, int aFrom, float[] b, int bFrom, int cols) {
        int rounds = cols / ROUND;
        double sum = 0;
        for (int r = 0; r < rounds; r += BLOCK_ROUNDS) {
            int first = r * ROUND;
            sum += dotBlock(a, aFrom + first, b, bFrom + first, Math.min(BLOCK_ROUNDS, rounds - r));
        }
        int done = rounds * ROUND;
        if (done < cols) {
            sum += FixedOrderSum.partialRoundDot(a, aFrom + done, b, bFrom + done, cols - done);
        }
        return sum;
    }

    private static float dotBlock(float[] a, int aFrom, float[] b, int bFrom, int rounds) {
        FloatVector s0 = FloatVector.zero(SUM_SPECIES);
        FloatVector s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        FloatVector s8 = s0, s9 = s0, s10 = s0, s11 = s0, s12 = s0, s13 = s0, s14 = s0, s15 = s0;
        for (int i = 0, end = rounds * ROUND; i < end; i += ROUND) {
            s0 = s0.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i)
                    .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i)));
            s1 = s1.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + SUM_LANES)
                    .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + SUM_LANES)));
            s2 = s2.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 2 * SUM_LANES)
                    .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 2 * SUM_LANES)));
            s3 = s3.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 3 * SUM_LANES)
                    .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 3 * SUM_LANES)));
            if (VECTORS_PER_ACCUMULATOR >= 2) { // constants: C2 keeps the branches that apply
                s4 = s4.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 4 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 4 * SUM_LANES)));
                s5 = s5.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 5 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 5 * SUM_LANES)));
                s6 = s6.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 6 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 6 * SUM_LANES)));
                s7 = s7.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 7 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 7 * SUM_LANES)));
            }
            if (VECTORS_PER_ACCUMULATOR == 4) {
                s8 = s8.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 8 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 8 * SUM_LANES)));
                s9 = s9.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 9 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 9 * SUM_LANES)));
                s10 = s10.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 10 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 10 * SUM_LANES)));
                s11 = s11.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 11 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 11 * SUM_LANES)));
                s12 = s12.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 12 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 12 * SUM_LANES)));
                s13 = s13.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 13 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 13 * SUM_LANES)));
                s14 = s14.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 14 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 14 * SUM_LANES)));
                s15 = s15.add(FloatVector.fromArray(SUM_SPECIES, a, aFrom + i + 15 * SUM_LANES)
                        .mul(FloatVector.fromArray(SUM_SPECIES, b, bFrom + i + 15 * SUM_LANES)));
            }
        }
        if (VECTORS_PER_ACCUMULATOR == 1) {
            FloatVector lanes = s0.add(s1).add(s2.add(s3));
            return fold(lanes.lane(0), lanes.lane(1), lanes.lane(2), lanes.lane(3), lanes.lane(4), lanes.lane(5),
                    lanes.lane(6), lanes.lane(7), lanes.lane(8), lanes.lane(9), lanes.lane(10), lanes.lane(11),
                    lanes.lane(12), lanes.lane(13), lanes.lane(14), lanes.lane(15));
        }
        if (VECTORS_PER_ACCUMULATOR == 2) {
            FloatVector folded = s0.add(s2).add(s4.add(s6)).add(s1.add(s3).add(s5.add(s7)));
            return fold(folded.lane(0), folded.lane(1), folded.lane(2), folded.lane(3), folded.lane(4),
                    folded.lane(5), folded.lane(6), folded.lane(7));
        }
        FloatVector half0 = s0.add(s4).add(s8.add(s12)).add(s2.add(s6).add(s10.add(s14)));
        FloatVector half1 = s1.add(s5).add(s9.add(s13)).add(s3.add(s7).add(s11.add(s15)));
        FloatVector folded = half0.add(half1);
        return fold(folded.lane(0), folded.lane(1), folded.lane(2), folded.lane(3));
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

    /**
     * {@code Σ t (x - max)} over one row, in {@link FixedOrderSum}'s order, where a target of 0
     * contributes 0 even against x = -Inf: the terms go to a scratch row, then {@link #sum}.
     */
    private static double targetWeightedShift(float[] x, int from, float max, float[] t, int tFrom, int cols) {
        float[] terms = RowScratch.get(cols);
        int i = 0;
        FloatVector shift = FloatVector.broadcast(SPECIES, max);
        for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
            FloatVector target = FloatVector.fromArray(SPECIES, t, tFrom + i);
            FloatVector shifted = FloatVector.fromArray(SPECIES, x, from + i).sub(shift);
            target.mul(shifted).blend(0f, target.compare(VectorOperators.EQ, 0f)).intoArray(terms, i);
        }
        for (; i < cols; i++) {
            float target = t[tFrom + i];
            terms[i] = target == 0 ? 0f : target * (x[from + i] - max);
        }
        return sum(terms, 0, cols);
    }

    /**
     * {@code Σ a[i]} over one row, in {@link FixedOrderSum}'s order: whole blocks of rounds by
     * {@link #sumBlock}, each its own method taking and returning scalars (with the block loop
     * nested here, JDK 17's C2 boxed a vector once per 32000-wide row), then the rest in order.
     */
    // snippet: softmax-sum
    static double sum(float[] a, int from, int cols) {
        int rounds = cols / ROUND;
        double sum = 0;
        for (int r = 0; r < rounds; r += BLOCK_ROUNDS) {
            sum += sumBlock(a, from + r * ROUND, Math.min(BLOCK_ROUNDS, rounds - r));
        }
        int done = rounds * ROUND;
        if (done < cols) {
            sum += FixedOrderSum.partialRoundSum(a, from + done, cols - done);
        }
        return sum;
    }
    // end-snippet

    /**
     * One block of {@link FixedOrderSum}: chunk j of every round into accumulator j, four add
     * chains in flight (on 256-bit hardware eight, two vectors per accumulator; on 128-bit sixteen).
     */
    // snippet: softmax-sum-block
    private static float sumBlock(float[] a, int from, int rounds) {
        FloatVector s0 = FloatVector.zero(SUM_SPECIES);
        FloatVector s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        FloatVector s8 = s0, s9 = s0, s10 = s0, s11 = s0, s12 = s0, s13 = s0, s14 = s0, s15 = s0;
        for (int i = from, end = from + rounds * ROUND; i < end; i += ROUND) {
            s0 = s0.add(FloatVector.fromArray(SUM_SPECIES, a, i));
            s1 = s1.add(FloatVector.fromArray(SUM_SPECIES, a, i + SUM_LANES));
            s2 = s2.add(FloatVector.fromArray(SUM_SPECIES, a, i + 2 * SUM_LANES));
            s3 = s3.add(FloatVector.fromArray(SUM_SPECIES, a, i + 3 * SUM_LANES));
            if (VECTORS_PER_ACCUMULATOR >= 2) { // constants: C2 keeps the branches that apply
                s4 = s4.add(FloatVector.fromArray(SUM_SPECIES, a, i + 4 * SUM_LANES));
                s5 = s5.add(FloatVector.fromArray(SUM_SPECIES, a, i + 5 * SUM_LANES));
                s6 = s6.add(FloatVector.fromArray(SUM_SPECIES, a, i + 6 * SUM_LANES));
                s7 = s7.add(FloatVector.fromArray(SUM_SPECIES, a, i + 7 * SUM_LANES));
            }
            if (VECTORS_PER_ACCUMULATOR == 4) {
                s8 = s8.add(FloatVector.fromArray(SUM_SPECIES, a, i + 8 * SUM_LANES));
                s9 = s9.add(FloatVector.fromArray(SUM_SPECIES, a, i + 9 * SUM_LANES));
                s10 = s10.add(FloatVector.fromArray(SUM_SPECIES, a, i + 10 * SUM_LANES));
                s11 = s11.add(FloatVector.fromArray(SUM_SPECIES, a, i + 11 * SUM_LANES));
                s12 = s12.add(FloatVector.fromArray(SUM_SPECIES, a, i + 12 * SUM_LANES));
                s13 = s13.add(FloatVector.fromArray(SUM_SPECIES, a, i + 13 * SUM_LANES));
                s14 = s14.add(FloatVector.fromArray(SUM_SPECIES, a, i + 14 * SUM_LANES));
                s15 = s15.add(FloatVector.fromArray(SUM_SPECIES, a, i + 15 * SUM_LANES));
            }
        }
        // Accumulator a is s[a] (16 lanes), or s[2a], s[2a + 1] (two halves), or s[4a .. 4a + 3]
        // (four quarters); the partial sums of the halves or quarters are the first folds. The
        // lanes leave as floats: a helper taking the vector would box it whenever C2 did not inline it.
        if (VECTORS_PER_ACCUMULATOR == 1) {
            FloatVector lanes = s0.add(s1).add(s2.add(s3));
            return fold(lanes.lane(0), lanes.lane(1), lanes.lane(2), lanes.lane(3), lanes.lane(4), lanes.lane(5),
                    lanes.lane(6), lanes.lane(7), lanes.lane(8), lanes.lane(9), lanes.lane(10), lanes.lane(11),
                    lanes.lane(12), lanes.lane(13), lanes.lane(14), lanes.lane(15));
        }
        if (VECTORS_PER_ACCUMULATOR == 2) {
            FloatVector folded = s0.add(s2).add(s4.add(s6)).add(s1.add(s3).add(s5.add(s7)));
            return fold(folded.lane(0), folded.lane(1), folded.lane(2), folded.lane(3), folded.lane(4),
                    folded.lane(5), folded.lane(6), folded.lane(7));
        }
        FloatVector half0 = s0.add(s4).add(s8.add(s12)).add(s2.add(s6).add(s10.add(s14)));
        FloatVector half1 = s1.add(s5).add(s9.add(s13)).add(s3.add(s7).add(s11.add(s15)));
        FloatVector folded = half0.add(half1);
        return fold(folded.lane(0), folded.lane(1), folded.lane(2), folded.lane(3));
    }
    // end-snippet
}
