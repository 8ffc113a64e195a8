package dev.lanewise.layers;

import dev.lanewise.kernels.Softmax;

/**
 * Softmax per row with the mean cross-entropy loss, as the reference's Softmax-with-Loss layer
 * but with its mistakes fixed: softmax is per row (not over the whole batch), the loss is exact
 * through log-sum-exp (no {@code 1e-7} inside the log), and labels may be class indices or
 * one-hot/probability rows, giving the same loss and gradient.
 *
 * <p>Backward returns {@code dLoss · (probabilities − targets) / N}, the gradient with respect to
 * the logits; with class labels it subtracts 1 at each row's label. {@link #output()} is the
 * probabilities of the last forward. Buffers are reused while the batch shape stays the same:
 * {@code output()} stays valid until the next forward, a matrix from backward until the next
 * backward. Keeps references to the labels or targets of the last forward (not copies).
 *
 * <p>Every argument is checked before anything changes, so a forward that throws (a label out of
 * range, a shape mismatch) leaves the layer as it was: {@code output()}, {@code loss()} and
 * {@code backward()} still give the last successful forward's. Not thread-safe.
 */
public final class SoftmaxWithLoss {
    private Matrix probabilities;
    private Matrix logitsGradient;
    private int[] labels;
    private Matrix targets;
    private float loss = Float.NaN;

    /** A loss layer; its buffers are made by the first forward. */
    public SoftmaxWithLoss() {}

    /**
     * Mean cross-entropy of {@code softmax(logits)} against class indices, one per row (see
     * {@link dev.lanewise.kernels.Softmax#crossEntropy(float[], int, int[], int, float[], int, int, int)}
     * for its accuracy).
     *
     * @param logits the scores, N×classes, N at least 1; not modified
     * @param labels N class indices, each in {@code [0, classes)}; kept (not copied) for backward
     * @return the mean loss over the rows
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if labels does not have one entry per row, or logits has no row
     * @throws IndexOutOfBoundsException if a label is out of range
     */
    public float forward(Matrix logits, int[] labels) {
        Shapes.requireNonNull(logits, "SoftmaxWithLoss.forward: logits");
        Shapes.requireNonNull(labels, "SoftmaxWithLoss.forward: labels");
        if (labels.length != logits.rows()) {
            throw new IllegalArgumentException("SoftmaxWithLoss.forward: labels has " + labels.length
                    + " entries but logits are " + logits.shape() + " (one label per row)");
        }
        Matrix result = Matrix.reuse(probabilities, logits.rows(), logits.cols());
        // checks every label before it writes; the fields change only once it has succeeded
        float mean = Softmax.crossEntropy(logits.data(), 0, labels, 0, result.data(), 0, logits.rows(),
                logits.cols());
        probabilities = result;
        loss = mean;
        this.labels = labels;
        this.targets = null;
        return loss;
    }

    /**
     * Mean cross-entropy of {@code softmax(logits)} against one-hot or probability rows (see
     * {@link dev.lanewise.kernels.Softmax#crossEntropy(float[], int, float[], int, float[], int, int, int)}
     * for its accuracy).
     *
     * @param logits the scores, N×classes, N at least 1; not modified
     * @param targets the target distributions, the shape of logits; kept (not copied) for backward
     * @return the mean loss over the rows
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the shapes differ, logits has no row, or targets is this
     *     layer's own output() or gradient
     */
    public float forward(Matrix logits, Matrix targets) {
        Shapes.requireNonNull(logits, "SoftmaxWithLoss.forward: logits");
        Shapes.requireShape("SoftmaxWithLoss.forward: targets", targets, logits.rows(), logits.cols(), "logits");
        // Kept for backward, so targets may not be a buffer this layer overwrites.
        if ((probabilities != null && targets.data() == probabilities.data())
                || (logitsGradient != null && targets.data() == logitsGradient.data())) {
            throw new IllegalArgumentException("SoftmaxWithLoss.forward: targets is this layer's own output() or"
                    + " gradient, which it overwrites (pass a copy)");
        }
        Matrix result = Matrix.reuse(probabilities, logits.rows(), logits.cols());
        float mean = Softmax.crossEntropy(logits.data(), 0, targets.data(), 0, result.data(), 0, logits.rows(),
                logits.cols());
        probabilities = result; // only once the kernel has succeeded (it checks before it writes)
        loss = mean;
        this.targets = targets;
        this.labels = null;
        return loss;
    }

    /**
     * The gradient of the loss with respect to the logits ({@code dLoss} = 1).
     *
     * @return the layer's buffer, valid until the next backward
     * @throws IllegalStateException before the first forward
     */
    public Matrix backward() {
        return backward(1f);
    }

    /**
     * The gradient with respect to the logits, scaled by the upstream {@code dLoss}.
     *
     * @param dLoss the gradient of the objective with respect to the loss
     * @return the layer's buffer, valid until the next backward
     * @throws IllegalStateException before the first forward
     */
    public Matrix backward(float dLoss) {
        Shapes.requireForward(probabilities != null, "SoftmaxWithLoss");
        int rows = probabilities.rows();
        int cols = probabilities.cols();
        Matrix result = Matrix.reuse(logitsGradient, rows, cols);
        if (labels != null) {
            Softmax.crossEntropyBackward(probabilities.data(), 0, labels, 0, dLoss, result.data(), 0, rows, cols);
        } else {
            Softmax.crossEntropyBackward(probabilities.data(), 0, targets.data(), 0, dLoss, result.data(), 0, rows, cols);
        }
        logitsGradient = result;
        return logitsGradient;
    }

    /**
     * The probabilities of the last forward.
     *
     * @return the layer's buffer, valid until the next forward
     * @throws IllegalStateException before the first forward
     */
    public Matrix output() {
        Shapes.requireForward(probabilities != null, "SoftmaxWithLoss.output: forward");
        return probabilities;
    }

    /**
     * The loss of the last forward.
     *
     * @return the mean loss, NaN before the first forward
     */
    public float loss() {
        return loss;
    }
}
