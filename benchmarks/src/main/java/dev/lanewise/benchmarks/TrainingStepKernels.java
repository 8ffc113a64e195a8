package dev.lanewise.benchmarks;

import dev.lanewise.kernels.Activations;
import dev.lanewise.kernels.Gemm;
import dev.lanewise.kernels.RowVectors;
import dev.lanewise.kernels.Softmax;
import org.bytedeco.openblas.global.openblas;

/**
 * {@link TrainingStepBenchmark}'s step written out over the kernels, with the matrix products
 * going through a {@link Sgemm} of choice: the same calls, in the same order, on the same
 * buffers as {@code Sequential(Affine, Relu, Affine)} + {@code SoftmaxWithLoss} + plain
 * {@code Sgd} make (six products per step: each affine layer's forward, dx and dW, the first
 * layer's dx included, as {@code Affine.backward} computes it). With {@link #LANEWISE} it gives
 * the layers' bits exactly ({@code TrainingStepKernelsTest}); with {@link #OPENBLAS} only the
 * products change, so the two steps differ by the gemm alone.
 */
final class TrainingStepKernels {

    /** C = op(A)·op(B), row-major, contiguous from index 0, alpha 1 and beta 0. */
    interface Sgemm {
        void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c,
                int ldc);
    }

    /** lanewise's {@code Gemm.sgemm}, as {@code Affine} calls it. */
    static final Sgemm LANEWISE = (transA, transB, m, n, k, a, lda, b, ldb, c, ldc) ->
            Gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, ldc);

    /** OpenBLAS's {@code cblas_sgemm} on the same arrays (threads as set by {@code openblas_set_num_threads}). */
    static final Sgemm OPENBLAS = (transA, transB, m, n, k, a, lda, b, ldb, c, ldc) ->
            openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc);

    private final Sgemm gemm;
    private final int batch;
    private final int inputs;
    private final int hidden;
    private final int classes;
    private final float learningRate;
    final float[] x;
    final int[] labels;
    final float[] w1;
    final float[] b1;
    final float[] w2;
    final float[] b2;
    private final float[] h;
    private final float[] r;
    private final long[] keep;
    private final float[] logits;
    private final float[] probabilities;
    private final float[] dLogits;
    private final float[] dr;
    private final float[] dh;
    private final float[] dx;
    final float[] dw1;
    final float[] db1;
    final float[] dw2;
    final float[] db2;

    /** A step over copies of the given weights (W1 inputs×hidden, W2 hidden×classes, biases) and batch. */
    TrainingStepKernels(Sgemm gemm, float learningRate, float[] x, int[] labels, float[] w1, float[] b1, float[] w2,
            float[] b2) {
        this.gemm = gemm;
        this.learningRate = learningRate;
        this.hidden = b1.length;
        this.classes = b2.length;
        this.inputs = w1.length / hidden;
        this.batch = labels.length;
        this.x = x.clone();
        this.labels = labels.clone();
        this.w1 = w1.clone();
        this.b1 = b1.clone();
        this.w2 = w2.clone();
        this.b2 = b2.clone();
        h = new float[batch * hidden];
        r = new float[batch * hidden];
        keep = new long[Activations.maskWords(batch * hidden)];
        logits = new float[batch * classes];
        probabilities = new float[batch * classes];
        dLogits = new float[batch * classes];
        dr = new float[batch * hidden];
        dh = new float[batch * hidden];
        dx = new float[batch * inputs];
        dw1 = new float[inputs * hidden];
        db1 = new float[hidden];
        dw2 = new float[hidden * classes];
        db2 = new float[classes];
    }

    /** Forward, loss, backward and the SGD update; returns the loss. */
    float step() {
        // Affine 1, Relu, Affine 2 forward
        gemm.sgemm(false, false, batch, hidden, inputs, x, inputs, w1, hidden, h, hidden);
        RowVectors.addToEachRow(b1, 0, h, 0, batch, hidden);
        Activations.relu(h, 0, r, 0, keep, batch * hidden);
        gemm.sgemm(false, false, batch, classes, hidden, r, hidden, w2, classes, logits, classes);
        RowVectors.addToEachRow(b2, 0, logits, 0, batch, classes);
        // SoftmaxWithLoss
        float loss = Softmax.crossEntropy(logits, 0, labels, 0, probabilities, 0, batch, classes);
        Softmax.crossEntropyBackward(probabilities, 0, labels, 0, 1f, dLogits, 0, batch, classes);
        // Affine 2 backward: dr = dLogits·W2ᵀ, dW2 = rᵀ·dLogits, db2 = Σ rows
        gemm.sgemm(false, true, batch, hidden, classes, dLogits, classes, w2, classes, dr, hidden);
        gemm.sgemm(true, false, hidden, classes, batch, r, hidden, dLogits, classes, dw2, classes);
        RowVectors.sumOfRows(dLogits, 0, batch, classes, db2, 0);
        // Relu backward, Affine 1 backward (dx too, as Affine computes it)
        Activations.reluBackwardFromMask(dr, 0, keep, dh, 0, batch * hidden);
        gemm.sgemm(false, true, batch, inputs, hidden, dh, hidden, w1, hidden, dx, inputs);
        gemm.sgemm(true, false, inputs, hidden, batch, x, inputs, dh, hidden, dw1, hidden);
        RowVectors.sumOfRows(dh, 0, batch, hidden, db1, 0);
        // plain SGD, in the parameters' order
        update(w1, dw1);
        update(b1, db1);
        update(w2, dw2);
        update(b2, db2);
        return loss;
    }

    /** {@code Sgd}'s plain update, the same loop. */
    private void update(float[] values, float[] gradient) {
        float rate = learningRate;
        for (int i = 0; i < values.length; i++) {
            values[i] -= rate * gradient[i];
        }
    }
}
