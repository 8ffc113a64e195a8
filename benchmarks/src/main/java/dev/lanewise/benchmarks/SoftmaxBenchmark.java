package dev.lanewise.benchmarks;

import dev.lanewise.kernels.Activations;
import dev.lanewise.kernels.Lanewise;
import dev.lanewise.kernels.Softmax;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.SoftmaxKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Row softmax and softmax cross-entropy (forward + backward) at three shapes: 256×10 (an MNIST
 * head), 256×1000 (ImageNet classes) and 64×32000 (a language-model vocabulary). Each runs as
 * lanewise (the public API on the Vector API kernels), the scalar reference, and the plain
 * three-pass Java loop with Math.exp a user would write. sigmoid over the same element count is
 * the yardstick for per-element throughput. Every array is allocated in setup, so
 * {@code -prof gc} should show 0 B/op.
 *
 * <p>Scores are matrices per millisecond: elements per second = score × rows × cols × 1000.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The row stays in cache across the passes, so the traffic is one read and one write per element
// for softmax, two of each for the fused cross-entropy forward + backward (logits in, probabilities
// out and back in, gradient out).
@Work(kernels = "softmax", unit = Work.Unit.ELEMENTS, amount = "rowsByCols", bytesPerElement = 8)
@Work(kernels = "crossEntropyForwardBackward", unit = Work.Unit.ELEMENTS, amount = "rowsByCols", bytesPerElement = 16)
public class SoftmaxBenchmark {

    @Param({"256x10", "256x1000", "64x32000"})
    public String rowsByCols;

    private int rows;
    private int cols;
    private float[] logits;
    private int[] labels;
    private float[] out;
    private float[] probs;
    private float[] dLogits;
    private SoftmaxKernels scalarReference;

    @Setup
    public void setUp() {
        if (!Lanewise.implementation().equals("vector")) {
            throw new IllegalStateException("lanewise runs " + Lanewise.describe()
                    + "; run the benchmarks with --add-modules jdk.incubator.vector");
        }
        String[] dimensions = rowsByCols.split("x");
        rows = Integer.parseInt(dimensions[0]);
        cols = Integer.parseInt(dimensions[1]);
        SplittableRandom random = new SplittableRandom(42);
        logits = new float[rows * cols];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (random.nextDouble() * 20 - 10);
        }
        labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(cols);
        }
        out = new float[rows * cols];
        probs = new float[rows * cols];
        dLogits = new float[rows * cols];
        scalarReference = Kernels.scalar().softmax();
    }

    @Benchmark
    public float[] softmax_lanewise() {
        Softmax.softmax(logits, 0, out, 0, rows, cols);
        return out;
    }

    @Benchmark
    public float[] softmax_scalarReference() {
        scalarReference.softmax(logits, 0, out, 0, rows, cols);
        return out;
    }

    @Benchmark
    public float[] softmax_plainLoop() {
        PlainLoop.softmax(logits, out, rows, cols);
        return out;
    }

    @Benchmark
    public float crossEntropyForwardBackward_lanewise() {
        float loss = Softmax.crossEntropy(logits, 0, labels, 0, probs, 0, rows, cols);
        Softmax.crossEntropyBackward(probs, 0, labels, 0, 1f, dLogits, 0, rows, cols);
        return loss;
    }

    @Benchmark
    public float crossEntropyForwardBackward_scalarReference() {
        float loss = scalarReference.crossEntropy(logits, 0, labels, 0, probs, 0, rows, cols);
        scalarReference.crossEntropyBackward(probs, 0, labels, 0, 1f, dLogits, 0, rows, cols);
        return loss;
    }

    @Benchmark
    public float crossEntropyForwardBackward_plainLoop() {
        float loss = PlainLoop.crossEntropy(logits, labels, probs, rows, cols);
        PlainLoop.crossEntropyBackward(probs, labels, dLogits, rows, cols);
        return loss;
    }

    /** The per-element yardstick: lanewise sigmoid over the same rows × cols elements (named as a softmax row so the report sets them side by side). */
    @Benchmark
    public float[] softmax_sigmoidSameElements() {
        Activations.sigmoid(logits, 0, out, 0, rows * cols);
        return out;
    }

    /** What one writes without a library: three passes per row, Math.exp, float sums. */
    static final class PlainLoop {
        private PlainLoop() {}

        static void softmax(float[] x, float[] y, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                softmaxRow(x, y, r * cols, cols);
            }
        }

        /** Softmax of one row into y; returns log Σ exp(x - max) + max, the row's log-sum-exp. */
        static float softmaxRow(float[] x, float[] y, int from, int cols) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[from + j]);
            }
            float sum = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[from + j] - max);
                y[from + j] = e;
                sum += e;
            }
            float inverse = 1 / sum;
            for (int j = 0; j < cols; j++) {
                y[from + j] *= inverse;
            }
            return max + (float) Math.log(sum);
        }

        static float crossEntropy(float[] logits, int[] labels, float[] probs, int rows, int cols) {
            float total = 0;
            for (int r = 0; r < rows; r++) {
                float labelLogit = logits[r * cols + labels[r]];
                total += softmaxRow(logits, probs, r * cols, cols) - labelLogit;
            }
            return total / rows;
        }

        static void crossEntropyBackward(float[] probs, int[] labels, float[] dLogits, int rows, int cols) {
            float perRow = 1f / rows;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    float target = j == labels[r] ? 1 : 0;
                    dLogits[r * cols + j] = (probs[r * cols + j] - target) * perRow;
                }
            }
        }
    }
}
