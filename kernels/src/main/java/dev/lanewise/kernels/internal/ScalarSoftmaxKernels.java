package dev.lanewise.kernels.internal;

/**
 * The scalar reference: each row is the formula, one element at a time, with the exponentials and
 * their sum in double. The maximum is subtracted first so that no exp can overflow; in double that
 * subtraction is exact, so every output is within about one float rounding of the true value.
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
     * {@code y = exp(x - max) / Σ exp(x - max)} for one row; returns {@code log Σ exp(x - max)}.
     * Each exp is kept in y (rounded to float once) until the sum is known.
     */
    // snippet: softmax-scalar
    private static double softmaxRow(float[] x, int xIndex, float[] y, int yIndex, int cols) {
        float max = max(x, xIndex, cols);
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            double e = Math.exp((double) x[xIndex + j] - max);
            y[yIndex + j] = (float) e;
            sum += e;
        }
        for (int j = 0; j < cols; j++) {
            y[yIndex + j] = (float) (y[yIndex + j] / sum);
        }
        return Math.log(sum);
    }
    // end-snippet

    @Override
    public void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xIndex = xOffset + r * cols;
            int yIndex = yOffset + r * cols;
            float max = max(x, xIndex, cols);
            double logSum = Math.log(sumOfExp(x, xIndex, cols, max));
            for (int j = 0; j < cols; j++) {
                y[yIndex + j] = (float) ((double) x[xIndex + j] - max - logSum);
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
            double dot = 0;
            for (int i = 0; i < cols; i++) {
                dot += (double) dy[dyIndex + i] * y[yIndex + i];
            }
            for (int j = 0; j < cols; j++) {
                dx[dxIndex + j] = (float) (y[yIndex + j] * (dy[dyIndex + j] - dot));
            }
        }
    }

    @Override
    public float crossEntropy(float[] logits, int logitsOffset, int[] labels, int labelsOffset, float[] probs,
            int probsOffset, int rows, int cols) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int index = logitsOffset + r * cols;
            float max = max(logits, index, cols);
            float labelLogit = logits[index + labels[labelsOffset + r]]; // read before probs may overwrite it
            double logSum = softmaxRow(logits, index, probs, probsOffset + r * cols, cols);
            // -log p[label] = -(logit - max - logSum), with no log of a rounded probability
            total += logSum - ((double) labelLogit - max);
        }
        return (float) (total / rows);
    }

    @Override
    public void crossEntropyBackward(float[] probs, int probsOffset, int[] labels, int labelsOffset, float dLoss,
            float[] dLogits, int dLogitsOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int probsIndex = probsOffset + r * cols;
            int dIndex = dLogitsOffset + r * cols;
            int label = labels[labelsOffset + r];
            for (int j = 0; j < cols; j++) {
                double target = j == label ? 1 : 0;
                dLogits[dIndex + j] = (float) ((double) dLoss * (probs[probsIndex + j] - target) / rows);
            }
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
            double logSum = Math.log(sumOfExp(logits, index, cols, max));
            double rowLoss = 0;
            for (int j = 0; j < cols; j++) {
                float target = targets[targetsIndex + j];
                if (target != 0) { // 0 * log 0 counts as 0: a masked class with no target costs nothing
                    double logProbability = (double) logits[index + j] - max - logSum;
                    rowLoss -= target * logProbability;
                }
            }
            total += rowLoss;
            softmaxRow(logits, index, probs, probsOffset + r * cols, cols);
        }
        return (float) (total / rows);
    }

    @Override
    public void crossEntropyBackward(float[] probs, int probsOffset, float[] targets, int targetsOffset, float dLoss,
            float[] dLogits, int dLogitsOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int probsIndex = probsOffset + r * cols;
            int targetsIndex = targetsOffset + r * cols;
            int dIndex = dLogitsOffset + r * cols;
            for (int j = 0; j < cols; j++) {
                double difference = (double) probs[probsIndex + j] - targets[targetsIndex + j];
                dLogits[dIndex + j] = (float) (dLoss * difference / rows);
            }
        }
    }

    /** The row's maximum; NaN if any element is NaN (Math.max propagates it). */
    // snippet: softmax-max-scalar
    static float max(float[] x, int from, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, x[from + j]);
        }
        return max;
    }
    // end-snippet

    private static double sumOfExp(float[] x, int from, int cols, float max) {
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            sum += Math.exp((double) x[from + j] - max);
        }
        return sum;
    }
}
