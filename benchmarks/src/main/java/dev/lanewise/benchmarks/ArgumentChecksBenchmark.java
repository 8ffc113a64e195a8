package dev.lanewise.benchmarks;

import dev.lanewise.kernels.Activations;
import dev.lanewise.kernels.Gemm;
import dev.lanewise.kernels.Lanewise;
import dev.lanewise.kernels.Softmax;
import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.GemmKernels;
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
 * What the public API's argument checks cost where they weigh most, at small sizes: relu on
 * {@code n} elements, softmax of one row of {@code n}, and an n×n×n sgemm. Each kernel runs as:
 * <ul>
 *   <li>{@code lanewise}: the public method with every check, on distinct arrays (the overlap
 *       check stops at comparing the references);
 *   <li>{@code lanewiseSameArray}: the public method with input and output side by side in one
 *       array, so the overlap check runs in full (for sgemm, C beside A row by row with the same
 *       stride: the check walks all n rows);
 *   <li>{@code uncheckedKernel}: the implementation in use called directly, with no check at all.
 * </ul>
 * The report's "lanewise ×" column over {@code uncheckedKernel} is the cost of all checks
 * together: 1.00× means none measurable.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
// relu on n elements and softmax of one row of n (one read, one write each); an n×n×n sgemm.
@Work(kernels = {"relu", "softmax"}, unit = Work.Unit.ELEMENTS, amount = "n", bytesPerElement = 8)
@Work(kernels = "sgemm", unit = Work.Unit.FLOPS, amount = "2 * n * n * n", workingSet = "4 * 3 * n * n")
public class ArgumentChecksBenchmark {

    @Param({"64", "256"})
    public int n;

    private float[] x;
    private float[] y;
    /** x in the first half, room for the output in the second. */
    private float[] sideBySide;
    private float[] a;
    private float[] b;
    private float[] c;
    /** A in columns 0..n-1 and C in columns n..2n-1 of one n×2n matrix. */
    private float[] aAndC;
    private final ActivationKernels activations = Kernels.get().activations();
    private final SoftmaxKernels softmax = Kernels.get().softmax();
    private final GemmKernels gemm = Kernels.get().gemm();

    @Setup
    public void setUp() {
        if (!Lanewise.implementation().equals("vector")) {
            throw new IllegalStateException("lanewise runs " + Lanewise.describe()
                    + "; run the benchmarks with --add-modules jdk.incubator.vector");
        }
        SplittableRandom random = new SplittableRandom(42);
        x = values(n, random);
        y = new float[n];
        sideBySide = new float[2 * n];
        System.arraycopy(x, 0, sideBySide, 0, n);
        a = values(n * n, random);
        b = values(n * n, random);
        c = new float[n * n];
        aAndC = new float[2 * n * n];
        for (int row = 0; row < n; row++) {
            System.arraycopy(a, row * n, aAndC, row * 2 * n, n);
        }
    }

    private static float[] values(int length, SplittableRandom random) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextDouble() * 8 - 4);
        }
        return values;
    }

    // ---- relu on n elements

    @Benchmark
    public float[] relu_lanewise() {
        Activations.relu(x, 0, y, 0, n);
        return y;
    }

    @Benchmark
    public float[] relu_lanewiseSameArray() {
        Activations.relu(sideBySide, 0, sideBySide, n, n);
        return sideBySide;
    }

    @Benchmark
    public float[] relu_uncheckedKernel() {
        activations.relu(x, 0, y, 0, n);
        return y;
    }

    // ---- softmax of one row of n

    @Benchmark
    public float[] softmax_lanewise() {
        Softmax.softmax(x, 0, y, 0, 1, n);
        return y;
    }

    @Benchmark
    public float[] softmax_lanewiseSameArray() {
        Softmax.softmax(sideBySide, 0, sideBySide, n, 1, n);
        return sideBySide;
    }

    @Benchmark
    public float[] softmax_uncheckedKernel() {
        softmax.softmax(x, 0, y, 0, 1, n);
        return y;
    }

    // ---- sgemm n×n×n

    @Benchmark
    public float[] sgemm_lanewise() {
        Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }

    @Benchmark
    public float[] sgemm_lanewiseSameArray() {
        Gemm.sgemm(false, false, n, n, n, 1f, aAndC, 0, 2 * n, b, 0, n, 0f, aAndC, n, 2 * n);
        return aAndC;
    }

    @Benchmark
    public float[] sgemm_uncheckedKernel() {
        gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
