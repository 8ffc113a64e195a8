package dev.lanewise.kernels.internal;

/**
 * The scalar reference: each row is the formula, one element at a time, in float with the same
 * operations as the Vector API kernels (the exp of {@link FloatExp}, the sums in the order of
 * {@link FixedOrderSum}, each sum's total in double), so both give the same bits. The maximum is
 * subtracted first so that no exp can overflow.
 */
public final class ScalarSoftmaxKernels implements SoftmaxKernels {

    public static final ScalarSoftmaxKernels INSTANCE = new ScalarSoftmaxKernels();

    private ScalarSoftmaxKernels() {}

    @Override
    public void softmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            softmaxRow(x, xOffset + r * cols, y, yOffset + r * cols, cols);
        }
    }

    /**
     * {@code y = exp(x - max) / Σ exp(x - max)} for one row; returns {@code Σ exp(x - max)}.
     * Each exp is kept in y until the sum is known, then scaled by the sum's reciprocal.
     */
    // snippet: softmax-scalar
    private static double softmaxRow(float[] x, int xIndex, float[] y, int yIndex, int cols) {
        float max = max(x, xIndex, cols);
        for (int j = 0; j < cols; j++) {
            y[yIndex + j] = FloatExp.expNonPositive(x[xIndex + j] - max);
        }
        double sum = FixedOrderSum.sum(y, yIndex, cols);
        float reciprocal = (float) (1 / sum);
        for (int j = 0; j < cols; j++) {
            y[yIndex + j] *= reciprocal;
        }
        return sum;
    }
    // end-snippet

    @Override
    public void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xIndex = xOffset + r * cols;
            int yIndex = yOffset + r * cols;
            float max = max(x, xIndex, cols);
            float[] exps = RowScratch.get(cols); // y may be x: the exps cannot go there
            for (int j = 0; j < cols; j++) {
                exps[j] = FloatExp.expNonPositive(x[xIndex + j] - max);
            }
            float logSum = (float) StrictMath.log(FixedOrderSum.sum(exps, 0, cols));
            for (int j = 0; j < cols; j++) {
                y[yIndex + j] = (x[xIndex + j] - max) - logSum;
            }
        }
    }

    @Override
    public void softmaxBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int rows,
            int cols) {
        for (int r = 0; r < rows; r++) {
            int yIndex = yOffset + r * cols;
            int dyIndex = dyOffset + r * cols;
            int dxIndex = dxOffset + r * cols;
            float[] products = RowScratch.get(cols); // dx may be y or dy
            for (int j = 0; j < cols; j++) {
                products[j] = dy[dyIndex + j] * y[yIndex + j];
            }
            float dot = (float) FixedOrderSum.sum(products, 0, cols);
            for (int j = 0; j < cols; j++) {
                dx[dxIndex + j] = y[yIndex + j] * (dy[dyIndex + j] - dot);
            }
        }
    }

    @Override
    public float crossEntropy(float[] logits, int logitsOffset, int[] labels, int labelsOffset, float[] probs,
            int probsOffset, int rows, int cols) {
        // Σ -log p[label] = Σ log Σ exp(x - max) - Σ (logit - max): no log of a rounded probability,
        // and one log per batch (LogOfProduct) rather than one per row.
        double mantissa = 1; // the product of the rows' sums is mantissa · 2^exponent
        long exponent = 0;
        double labelsShifted = 0;
        for (int r = 0; r < rows; r++) {
            int index = logitsOffset + r * cols;
            float max = max(logits, index, cols);
            float labelShifted = logits[index + labels[labelsOffset + r]] - max; // before probs may overwrite it
            double sum = softmaxRow(logits, index, probs, probsOffset + r * cols, cols);
            int e = Math.getExponent(sum);
            mantissa *= Math.scalb(sum, -e); // both factors in [1, 2): exact scaling, one rounding
            int carry = Math.getExponent(mantissa);
            mantissa = Math.scalb(mantissa, -carry);
            exponent += e + carry;
            labelsShifted += labelShifted;
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
            for (int j = 0; j < cols; j++) {
                dLogits[dIndex + j] = probs[probsIndex + j] * perRow;
            }
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
            float max = max(logits, index, cols);
            // -Σ t log p = -Σ t (x - max - logSum) = logSum Σ t - Σ t (x - max), both sums taken
            // before probs may overwrite the logits; a target of 0 costs nothing even at x = -Inf.
            float[] terms = RowScratch.get(cols);
            for (int j = 0; j < cols; j++) {
                float target = targets[targetsIndex + j];
                terms[j] = target == 0 ? 0f : target * (logits[index + j] - max);
            }
            double weightedShift = FixedOrderSum.sum(terms, 0, cols);
            double targetSum = FixedOrderSum.sum(targets, targetsIndex, cols);
            double sum = softmaxRow(logits, index, probs, probsOffset + r * cols, cols);
            total += StrictMath.log(sum) * targetSum - weightedShift;
        }
        return (float) (total / rows);
    }

    @Override
    public void crossEntropyBackward(float[] probs, int probsOffset, float[] targets, int targetsOffset, float dLoss,
            float[] dLogits, int dLogitsOffset, int rows, int cols) {
        float perRow = (float) ((double) dLoss / rows);
        for (int i = 0, length = rows * cols; i < length; i++) {
            dLogits[dLogitsOffset + i] = (probs[probsOffset + i] - targets[targetsOffset + i]) * perRow;
        }
    }

    /**
     * The row's maximum, ignoring NaN (a NaN element makes its own exp, and so the row's sum and
     * every output, NaN anyway), with a zero maximum made +0 so that the order of -0 and +0 in
     * the row does not matter.
     */
    // snippet: softmax-max-scalar
    static float max(float[] x, int from, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            float v = x[from + j];
            max = max < v ? v : max;
        }
        return max + 0f; // -0 becomes +0
    }
    // end-snippet
}
