package dev.lanewise.kernels.internal;

/**
 * The row softmax kernels behind {@link dev.lanewise.kernels.Softmax}, one implementation per
 * strategy (plain scalar Java, Vector API). Matrices are {@code rows × cols}, row-major, with
 * contiguous rows starting at the given offset. Callers have validated every argument (including
 * every label): implementations do no checks of their own and may assume every index is in range,
 * {@code rows >= 0} and {@code cols >= 1}. An output may be the same array at the same offset as
 * an input.
 *
 * <p>Internal API: it may change in any release.
 */
public interface SoftmaxKernels {

    /** {@code y[r][j] = exp(x[r][j] - max_r) / Σ_j exp(x[r][j] - max_r)}. */
    void softmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols);

    /** {@code y[r][j] = x[r][j] - max_r - log Σ_j exp(x[r][j] - max_r)}. */
    void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols);

    /** {@code dx[r][j] = y[r][j] * (dy[r][j] - Σ_i dy[r][i] * y[r][i])}. */
    void softmaxBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int rows,
            int cols);

    /**
     * Writes {@code probs = softmax(logits)} and returns the mean over rows ({@code rows >= 1}) of
     * {@code logsumexp_r - logits[r][labels[r]]}.
     */
    float crossEntropy(float[] logits, int logitsOffset, int[] labels, int labelsOffset, float[] probs,
            int probsOffset, int rows, int cols);

    /** {@code dLogits[r][j] = dLoss * (probs[r][j] - (j == labels[r] ? 1 : 0)) / rows}. */
    void crossEntropyBackward(float[] probs, int probsOffset, int[] labels, int labelsOffset, float dLoss,
            float[] dLogits, int dLogitsOffset, int rows, int cols);

    /**
     * Writes {@code probs = softmax(logits)} and returns {@code -Σ_r Σ_j t[r][j] * logSoftmax[r][j] / rows}
     * ({@code rows >= 1}), where a target of 0 contributes 0 even against a masked (-Inf) logit.
     */
    float crossEntropy(float[] logits, int logitsOffset, float[] targets, int targetsOffset, float[] probs,
            int probsOffset, int rows, int cols);

    /** {@code dLogits[r][j] = dLoss * (probs[r][j] - targets[r][j]) / rows}. */
    void crossEntropyBackward(float[] probs, int probsOffset, float[] targets, int targetsOffset, float dLoss,
            float[] dLogits, int dLogitsOffset, int rows, int cols);
}
