package dev.lanewise.kernels;

import static dev.lanewise.kernels.Checks.notNull;
import static dev.lanewise.kernels.Checks.segment;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.SoftmaxKernels;

/**
 * Row softmax, log-softmax and the fused softmax cross-entropy loss, forward and backward.
 *
 * <p>Every matrix is {@code rows × cols}, row-major, its rows contiguous, starting at the given
 * offset: element {@code [r][j]} of {@code x} is {@code x[xOffset + r * cols + j]}. Each row is
 * normalised on its own. Methods write nothing outside their output matrix. An output may be the
 * same array at the same offset as an input (in place) where a method says so; any other overlap
 * of an output with an input in the same array is refused with {@link IllegalArgumentException}
 * naming both. Methods are static, thread-safe and allocate nothing.
 *
 * <h2>Numerics</h2>
 * Each row's maximum is subtracted before the exponential, so no exp overflows and any finite
 * logits work, whatever their magnitude (rows of logits around ±1e4 give the right answer). A
 * {@code -Infinity} logit is a masked-out class: probability 0, log-probability {@code -Infinity}.
 * As IEEE arithmetic has it, a row whose logits are all {@code -Infinity}, or that holds a
 * {@code +Infinity}, gives {@code -Inf - (-Inf)} or {@code Inf - Inf} and so NaN in the whole row;
 * a NaN logit makes its whole row NaN.
 *
 * <h2>Arguments</h2>
 * All arguments are checked before anything is written, so a bad call leaves every output
 * untouched: a null array throws {@link NullPointerException} naming it; {@code cols < 1},
 * {@code rows < 0}, {@code rows × cols} overflowing int, and {@code rows == 0} for the losses (a
 * mean over no rows) throw {@link IllegalArgumentException}; an offset outside its array, an array
 * (including labels or targets) too short for its matrix at its offset, or a label outside
 * {@code [0, cols)} throw {@link IndexOutOfBoundsException}, the message naming the argument (and,
 * for a label, its row and value); an output overlapping an input other than as allowed throws
 * {@link IllegalArgumentException} naming both.
 *
 * <p>The work runs on the implementation {@link Lanewise#implementation()} reports.
 */
public final class Softmax {
    private Softmax() {}

    private static final SoftmaxKernels KERNELS = Kernels.family(SoftmaxKernels.class, KernelProvider::softmax);

    /**
     * Softmax of each row: {@code y[r][j] = exp(x[r][j] - max_r) / Σ_j exp(x[r][j] - max_r)}.
     *
     * <p>Accuracy: every output of at least 1e-30 is within {@code (|x[r][j] - max_r| + 24) · 2^-23}
     * relative of the exact value (the {@code |x - max|} term is the float rounding of
     * {@code x - max}, which exp turns into a relative error), for rows up to at least 32000 wide;
     * smaller outputs are within 1e-30 absolute. Each row sums to 1 within 1e-6. x and y may be the
     * same array at the same offset.
     *
     * @param x the input matrix, rows × cols
     * @param xOffset the index in {@code x} of its first element
     * @param y receives the result, rows × cols
     * @param yOffset the index in {@code y} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns (classes), at least 1
     */
    public static void softmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols) {
        int size = matrixSize(rows, cols);
        segment(x, "x", xOffset, "xOffset", size);
        segment(y, "y", yOffset, "yOffset", size);
        Aliasing.identicalOrDisjoint(x, "x", xOffset, y, "y", yOffset, size);
        KERNELS.softmax(x, xOffset, y, yOffset, rows, cols);
    }

    /**
     * Log-softmax of each row: {@code y[r][j] = x[r][j] - max_r - log Σ_j exp(x[r][j] - max_r)},
     * computed without taking the log of a rounded probability, so it is finite for every
     * unmasked class however small its probability.
     *
     * <p>Accuracy: within 4 ulp of {@code max(|y[r][j]|, 1)} of the exact value (|y| is the sum
     * of the magnitudes {@code |x - max|} and {@code log Σ} that go into it), for rows up to at
     * least 32000 wide. x and y may be the same array at the same offset.
     *
     * @param x the input matrix, rows × cols
     * @param xOffset the index in {@code x} of its first element
     * @param y receives the result, rows × cols
     * @param yOffset the index in {@code y} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns (classes), at least 1
     */
    public static void logSoftmax(float[] x, int xOffset, float[] y, int yOffset, int rows, int cols) {
        int size = matrixSize(rows, cols);
        segment(x, "x", xOffset, "xOffset", size);
        segment(y, "y", yOffset, "yOffset", size);
        Aliasing.identicalOrDisjoint(x, "x", xOffset, y, "y", yOffset, size);
        KERNELS.logSoftmax(x, xOffset, y, yOffset, rows, cols);
    }

    /**
     * The softmax's gradient from its forward output y:
     * {@code dx[r][j] = y[r][j] · (dy[r][j] - Σ_i dy[r][i] · y[r][i])}.
     *
     * <p>Accuracy: the dot product is accumulated in float, so each dx is within a few units of
     * {@code 2^-23 · y[r][j] · (|dy[r][j]| + Σ_i |dy[r][i] · y[r][i]|)} of the exact value (the
     * subtraction may cancel). dx may be the same array at the same offset as y or dy.
     *
     * @param y the output of the forward softmax, rows × cols
     * @param yOffset the index in {@code y} of its first element
     * @param dy the gradient of the loss with respect to y, rows × cols
     * @param dyOffset the index in {@code dy} of its first element
     * @param dx receives the gradient with respect to the softmax's input, rows × cols
     * @param dxOffset the index in {@code dx} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns (classes), at least 1
     */
    public static void softmaxBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int rows, int cols) {
        int size = matrixSize(rows, cols);
        segment(y, "y", yOffset, "yOffset", size);
        segment(dy, "dy", dyOffset, "dyOffset", size);
        segment(dx, "dx", dxOffset, "dxOffset", size);
        Aliasing.identicalOrDisjoint(y, "y", yOffset, dx, "dx", dxOffset, size);
        Aliasing.identicalOrDisjoint(dy, "dy", dyOffset, dx, "dx", dxOffset, size);
        KERNELS.softmaxBackward(y, yOffset, dy, dyOffset, dx, dxOffset, rows, cols);
    }

    /**
     * Softmax cross-entropy with class-index labels: writes {@code probs = softmax(logits)} (as
     * {@link #softmax}) and returns the mean over rows of {@code -log probs[r][labels[r]]},
     * computed as {@code logsumexp_r - logits[r][labels[r]]}: exact up to float rounding, with no
     * clamp inside the log. A label on a masked ({@code -Infinity}) logit gives an infinite loss.
     *
     * <p>Accuracy: the loss is within 1e-5 relative or 1e-6 absolute, whichever is larger, of the
     * exact mean. probs may be the same array at the same offset as logits.
     *
     * @param logits the scores, rows × cols
     * @param logitsOffset the index in {@code logits} of its first element
     * @param labels {@code labels[labelsOffset + r]} is row r's class, in {@code [0, cols)}
     * @param labelsOffset the index in {@code labels} of its first element
     * @param probs receives {@code softmax(logits)}, rows × cols
     * @param probsOffset the index in {@code probs} of its first element
     * @param rows the number of rows, at least 1
     * @param cols the number of columns (classes), at least 1
     * @return the mean loss over the rows
     * @throws IllegalArgumentException also when {@code rows == 0}
     */
    public static float crossEntropy(float[] logits, int logitsOffset, int[] labels, int labelsOffset, float[] probs,
            int probsOffset, int rows, int cols) {
        int size = lossMatrixSize(rows, cols);
        segment(logits, "logits", logitsOffset, "logitsOffset", size);
        checkLabels(labels, labelsOffset, rows, cols);
        segment(probs, "probs", probsOffset, "probsOffset", size);
        Aliasing.identicalOrDisjoint(logits, "logits", logitsOffset, probs, "probs", probsOffset, size);
        return KERNELS.crossEntropy(logits, logitsOffset, labels, labelsOffset, probs, probsOffset, rows, cols);
    }

    /**
     * The gradient of {@link #crossEntropy(float[], int, int[], int, float[], int, int, int)} with
     * respect to the logits, from its probs: {@code dLogits[r][j] = dLoss · (probs[r][j] - onehot) / rows},
     * where onehot is 1 at {@code j == labels[r]} and 0 elsewhere. Within 2 ulp of that formula
     * evaluated exactly from the given probs. dLogits may be the same array at the same offset as
     * probs.
     *
     * @param probs the probabilities the forward {@code crossEntropy} wrote, rows × cols
     * @param probsOffset the index in {@code probs} of its first element
     * @param labels the labels given to the forward pass: {@code labels[labelsOffset + r]} is row r's class, in {@code [0, cols)}
     * @param labelsOffset the index in {@code labels} of its first element
     * @param dLoss the upstream gradient of the loss (1 when the loss is the objective)
     * @param dLogits receives the gradient with respect to the logits, rows × cols
     * @param dLogitsOffset the index in {@code dLogits} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns (classes), at least 1
     */
    public static void crossEntropyBackward(float[] probs, int probsOffset, int[] labels, int labelsOffset,
            float dLoss, float[] dLogits, int dLogitsOffset, int rows, int cols) {
        int size = matrixSize(rows, cols);
        segment(probs, "probs", probsOffset, "probsOffset", size);
        checkLabels(labels, labelsOffset, rows, cols);
        segment(dLogits, "dLogits", dLogitsOffset, "dLogitsOffset", size);
        Aliasing.identicalOrDisjoint(probs, "probs", probsOffset, dLogits, "dLogits", dLogitsOffset, size);
        KERNELS.crossEntropyBackward(probs, probsOffset, labels, labelsOffset, dLoss, dLogits, dLogitsOffset, rows,
                cols);
    }

    /**
     * Softmax cross-entropy with target distributions (one-hot or any probability rows, rows×cols
     * like the logits): writes {@code probs = softmax(logits)} (as {@link #softmax}) and returns
     * {@code -Σ_r Σ_j targets[r][j] · logSoftmax(logits)[r][j] / rows}, computed from the
     * log-softmax (no log of a rounded probability, no clamp). A target of 0 contributes nothing,
     * even on a masked ({@code -Infinity}) logit. With one-hot targets it returns exactly what the
     * label form returns. Targets are used as given: they are not checked to be non-negative or to
     * sum to 1.
     *
     * <p>Accuracy: for non-negative targets, within 1e-5 relative or 1e-6 · (Σ targets / rows)
     * absolute, whichever is larger, of the exact value. probs may be the same array at the same
     * offset as logits; targets must not overlap probs.
     *
     * @param logits the scores, rows × cols
     * @param logitsOffset the index in {@code logits} of its first element
     * @param targets the target distributions, rows × cols
     * @param targetsOffset the index in {@code targets} of its first element
     * @param probs receives {@code softmax(logits)}, rows × cols
     * @param probsOffset the index in {@code probs} of its first element
     * @param rows the number of rows, at least 1
     * @param cols the number of columns (classes), at least 1
     * @return the mean loss over the rows
     * @throws IllegalArgumentException also when {@code rows == 0}
     */
    public static float crossEntropy(float[] logits, int logitsOffset, float[] targets, int targetsOffset,
            float[] probs, int probsOffset, int rows, int cols) {
        int size = lossMatrixSize(rows, cols);
        segment(logits, "logits", logitsOffset, "logitsOffset", size);
        segment(targets, "targets", targetsOffset, "targetsOffset", size);
        segment(probs, "probs", probsOffset, "probsOffset", size);
        Aliasing.identicalOrDisjoint(logits, "logits", logitsOffset, probs, "probs", probsOffset, size);
        Aliasing.disjoint(targets, "targets", targetsOffset, size, probs, "probs", probsOffset, size);
        return KERNELS.crossEntropy(logits, logitsOffset, targets, targetsOffset, probs, probsOffset, rows, cols);
    }

    /**
     * The gradient of {@link #crossEntropy(float[], int, float[], int, float[], int, int, int)}
     * with respect to the logits, for target rows that sum to 1 (for other targets the exact
     * gradient would be {@code probs · Σ targets - targets}):
     * {@code dLogits[r][j] = dLoss · (probs[r][j] - targets[r][j]) / rows}. Within 2 ulp of that
     * formula evaluated exactly from the given probs and targets; with one-hot targets exactly
     * what the label form writes. dLogits may be the same array at the same offset as probs or
     * targets.
     *
     * @param probs the probabilities the forward {@code crossEntropy} wrote, rows × cols
     * @param probsOffset the index in {@code probs} of its first element
     * @param targets the target distributions, rows × cols
     * @param targetsOffset the index in {@code targets} of its first element
     * @param dLoss the upstream gradient of the loss (1 when the loss is the objective)
     * @param dLogits receives the gradient with respect to the logits, rows × cols
     * @param dLogitsOffset the index in {@code dLogits} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns (classes), at least 1
     */
    public static void crossEntropyBackward(float[] probs, int probsOffset, float[] targets, int targetsOffset,
            float dLoss, float[] dLogits, int dLogitsOffset, int rows, int cols) {
        int size = matrixSize(rows, cols);
        segment(probs, "probs", probsOffset, "probsOffset", size);
        segment(targets, "targets", targetsOffset, "targetsOffset", size);
        segment(dLogits, "dLogits", dLogitsOffset, "dLogitsOffset", size);
        Aliasing.identicalOrDisjoint(probs, "probs", probsOffset, dLogits, "dLogits", dLogitsOffset, size);
        Aliasing.identicalOrDisjoint(targets, "targets", targetsOffset, dLogits, "dLogits", dLogitsOffset, size);
        KERNELS.crossEntropyBackward(probs, probsOffset, targets, targetsOffset, dLoss, dLogits, dLogitsOffset, rows,
                cols);
    }

    /** Checks the shape and returns {@code rows * cols}. */
    private static int matrixSize(int rows, int cols) {
        if (cols < 1) {
            throw new IllegalArgumentException("cols must be at least 1: " + cols);
        }
        Checks.nonNegative(rows, "rows");
        return Checks.product(rows, "rows", cols, "cols");
    }

    /** As {@link #matrixSize}, and rows must be at least 1: a mean over no rows is undefined. */
    private static int lossMatrixSize(int rows, int cols) {
        int size = matrixSize(rows, cols);
        if (rows == 0) {
            throw new IllegalArgumentException("rows is 0: the mean loss over no rows is undefined");
        }
        return size;
    }

    private static void checkLabels(int[] labels, int labelsOffset, int rows, int cols) {
        notNull(labels, "labels");
        Checks.range("labels", labels.length, "labelsOffset", labelsOffset, rows);
        for (int r = 0; r < rows; r++) {
            int label = labels[labelsOffset + r];
            if (label < 0 || label >= cols) {
                throw new IndexOutOfBoundsException("labels[" + (labelsOffset + r) + "], the label of row " + r
                        + ", is " + label + ": not a class in [0, " + cols + ")");
            }
        }
    }
}
