package dev.lanewise.benchmarks;

import dev.lanewise.kernels.Lanewise;
import dev.lanewise.kernels.Normalization;
import dev.lanewise.kernels.Softmax;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.NormalizationKernels;
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
 * Layer and RMS normalisation, forward and backward, at three shapes: 256×768 (a BERT-base batch of
 * tokens), 64×4096 (a 7B model's hidden width) and 16×32000 (rows as wide as a vocabulary). Each
 * runs as lanewise (the public API on the Vector API kernels), the scalar reference, and the plain
 * Java loop a user would write (two passes, float sums, {@code 1 / Math.sqrt}). Softmax over the
 * same rows × cols is the yardstick the issue sets (layer normalisation at least 0.8× softmax's
 * per-element throughput); it is named as a layerNorm row so that the report sets them side by
 * side. Every array is allocated in setup, so {@code -prof gc} should show 0 B/op.
 *
 * <p>Scores are matrices per millisecond: elements per second = score × rows × cols × 1000.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Work(kernels = {"layerNorm", "rmsNorm"}, unit = Work.Unit.ELEMENTS, amount = "rowsByCols", bytesPerElement = 8)
@Work(kernels = {"layerNormBackward", "rmsNormBackward"}, unit = Work.Unit.ELEMENTS, amount = "rowsByCols",
        bytesPerElement = 12)
public class NormalizationBenchmark {

    @Param({"256x768", "64x4096", "16x32000"})
    public String rowsByCols;

    private int rows;
    private int cols;
    private float[] x;
    private float[] dy;
    private float[] gamma;
    private float[] beta;
    private float[] y;
    private float[] dx;
    private float[] mean;
    private float[] rstd;
    private float[] dgamma;
    private float[] dbeta;
    private NormalizationKernels scalarReference;

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
        x = new float[rows * cols];
        dy = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 2 + 0.5);
            dy[i] = (float) random.nextGaussian();
        }
        gamma = new float[cols];
        beta = new float[cols];
        for (int j = 0; j < cols; j++) {
            gamma[j] = (float) (1 + random.nextGaussian() * 0.1);
            beta[j] = (float) (random.nextGaussian() * 0.1);
        }
        y = new float[rows * cols];
        dx = new float[rows * cols];
        mean = new float[rows];
        rstd = new float[rows];
        dgamma = new float[cols];
        dbeta = new float[cols];
        scalarReference = Kernels.scalar().normalization();
        Normalization.layerNorm(x, 0, gamma, 0, beta, 0, y, 0, mean, 0, rstd, 0, rows, cols, 1e-5f);
    }

    @Benchmark
    public float[] layerNorm_lanewise() {
        Normalization.layerNorm(x, 0, gamma, 0, beta, 0, y, 0, mean, 0, rstd, 0, rows, cols, 1e-5f);
        return y;
    }

    @Benchmark
    public float[] layerNorm_scalarReference() {
        scalarReference.layerNorm(x, 0, gamma, 0, beta, 0, y, 0, mean, 0, rstd, 0, rows, cols, 1e-5f);
        return y;
    }

    @Benchmark
    public float[] layerNorm_plainLoop() {
        PlainLoop.layerNorm(x, gamma, beta, y, mean, rstd, rows, cols, 1e-5f);
        return y;
    }

    /** The yardstick: lanewise softmax over the same rows × cols (named as a layerNorm row for the report). */
    @Benchmark
    public float[] layerNorm_softmaxSameShape() {
        Softmax.softmax(x, 0, y, 0, rows, cols);
        return y;
    }

    @Benchmark
    public float[] layerNormBackward_lanewise() {
        Normalization.layerNormBackward(x, 0, dy, 0, gamma, 0, mean, 0, rstd, 0, dx, 0, dgamma, 0, dbeta, 0, rows,
                cols);
        return dx;
    }

    @Benchmark
    public float[] layerNormBackward_scalarReference() {
        scalarReference.layerNormBackward(x, 0, dy, 0, gamma, 0, mean, 0, rstd, 0, dx, 0, dgamma, 0, dbeta, 0, rows,
                cols);
        return dx;
    }

    @Benchmark
    public float[] layerNormBackward_plainLoop() {
        PlainLoop.layerNormBackward(x, dy, gamma, mean, rstd, dx, dgamma, dbeta, rows, cols);
        return dx;
    }

    @Benchmark
    public float[] rmsNorm_lanewise() {
        Normalization.rmsNorm(x, 0, gamma, 0, y, 0, rstd, 0, rows, cols, 1e-6f);
        return y;
    }

    @Benchmark
    public float[] rmsNorm_scalarReference() {
        scalarReference.rmsNorm(x, 0, gamma, 0, y, 0, rstd, 0, rows, cols, 1e-6f);
        return y;
    }

    @Benchmark
    public float[] rmsNorm_plainLoop() {
        PlainLoop.rmsNorm(x, gamma, y, rstd, rows, cols, 1e-6f);
        return y;
    }

    @Benchmark
    public float[] rmsNormBackward_lanewise() {
        Normalization.rmsNormBackward(x, 0, dy, 0, gamma, 0, rstd, 0, dx, 0, dgamma, 0, rows, cols);
        return dx;
    }

    @Benchmark
    public float[] rmsNormBackward_scalarReference() {
        scalarReference.rmsNormBackward(x, 0, dy, 0, gamma, 0, rstd, 0, dx, 0, dgamma, 0, rows, cols);
        return dx;
    }

    @Benchmark
    public float[] rmsNormBackward_plainLoop() {
        PlainLoop.rmsNormBackward(x, dy, gamma, rstd, dx, dgamma, rows, cols);
        return dx;
    }

    /** What one writes without a library: the textbook formulas, two passes, float accumulators. */
    static final class PlainLoop {
        private PlainLoop() {}

        static void layerNorm(float[] x, float[] gamma, float[] beta, float[] y, float[] mean, float[] rstd, int rows,
                int cols, float eps) {
            for (int r = 0; r < rows; r++) {
                int from = r * cols;
                float sum = 0;
                for (int j = 0; j < cols; j++) {
                    sum += x[from + j];
                }
                float mu = sum / cols;
                float squares = 0;
                for (int j = 0; j < cols; j++) {
                    float d = x[from + j] - mu;
                    squares += d * d;
                }
                float rs = (float) (1 / Math.sqrt(squares / cols + eps));
                for (int j = 0; j < cols; j++) {
                    y[from + j] = (x[from + j] - mu) * rs * gamma[j] + beta[j];
                }
                mean[r] = mu;
                rstd[r] = rs;
            }
        }

        static void layerNormBackward(float[] x, float[] dy, float[] gamma, float[] mean, float[] rstd, float[] dx,
                float[] dgamma, float[] dbeta, int rows, int cols) {
            java.util.Arrays.fill(dgamma, 0f);
            java.util.Arrays.fill(dbeta, 0f);
            for (int r = 0; r < rows; r++) {
                int from = r * cols;
                float mu = mean[r];
                float rs = rstd[r];
                float sumG = 0;
                float sumGx = 0;
                for (int j = 0; j < cols; j++) {
                    float xhat = (x[from + j] - mu) * rs;
                    float g = dy[from + j] * gamma[j];
                    sumG += g;
                    sumGx += g * xhat;
                    dgamma[j] += dy[from + j] * xhat;
                    dbeta[j] += dy[from + j];
                }
                float mg = sumG / cols;
                float mgx = sumGx / cols;
                for (int j = 0; j < cols; j++) {
                    float xhat = (x[from + j] - mu) * rs;
                    dx[from + j] = rs * (dy[from + j] * gamma[j] - mg - xhat * mgx);
                }
            }
        }

        static void rmsNorm(float[] x, float[] gamma, float[] y, float[] rstd, int rows, int cols, float eps) {
            for (int r = 0; r < rows; r++) {
                int from = r * cols;
                float squares = 0;
                for (int j = 0; j < cols; j++) {
                    squares += x[from + j] * x[from + j];
                }
                float rs = (float) (1 / Math.sqrt(squares / cols + eps));
                for (int j = 0; j < cols; j++) {
                    y[from + j] = x[from + j] * rs * gamma[j];
                }
                rstd[r] = rs;
            }
        }

        static void rmsNormBackward(float[] x, float[] dy, float[] gamma, float[] rstd, float[] dx, float[] dgamma,
                int rows, int cols) {
            java.util.Arrays.fill(dgamma, 0f);
            for (int r = 0; r < rows; r++) {
                int from = r * cols;
                float rs = rstd[r];
                float sumGx = 0;
                for (int j = 0; j < cols; j++) {
                    float xhat = x[from + j] * rs;
                    sumGx += dy[from + j] * gamma[j] * xhat;
                    dgamma[j] += dy[from + j] * xhat;
                }
                float mgx = sumGx / cols;
                for (int j = 0; j < cols; j++) {
                    dx[from + j] = rs * (dy[from + j] * gamma[j] - x[from + j] * rs * mgx);
                }
            }
        }
    }
}
