package dev.lanewise.benchmarks;

import dev.lanewise.kernels.Gemm;
import dev.lanewise.kernels.internal.GemmKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.global.openblas_full;
import org.jblas.NativeBlas;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * sgemm, C = op(A)·op(B), against the alternatives. Every benchmark adds its 2·m·n·k floating-point
 * operations to the {@code flop} counter, which JMH reports per second: divide by 1e9 for GFLOP/s.
 *
 * <p>Shapes (m×k×n): squares n³, and the MLP of the benchmarks' training example with batch 256, 784
 * inputs, 512 hidden units and 10 outputs: {@code mlpForward} x·W1 (256×784 · 784×512),
 * {@code mlpOutput} h·W2 (256×512 · 512×10, skinny), {@code mlpBackwardDx} dY·W1ᵀ (256×512 · (784×512)ᵀ)
 * and {@code mlpBackwardDw} xᵀ·dY ((256×784)ᵀ · 256×512); the small training network's forward
 * {@code mlpSmallForward} (100×784 · 784×50); and two matrix-vector products, {@code vecMat}, one
 * sample through the first layer (1×784 · 784×512, m = 1), and {@code matVec} (512×784 · 784×1,
 * n = 1). {@link GemmShapes} has the table.
 *
 * <p>Peers: OpenBLAS 0.3.31 ({@code cblas_sgemm} through org.bytedeco:openblas, one thread; two in
 * {@code sgemmParallel_openblas}), the one to beat; EJML 0.46.1 ({@code CommonOps_FDRM.mult}, {@code multTransA}, {@code multTransB} on
 * row-major {@code FMatrixRMaj}); jblas 1.2.5 (its bundled, old OpenBLAS) through {@code NativeBlas.sgemm}, the call
 * {@code FloatMatrix.mmuli} makes, with the row-major problem passed as its column-major transpose
 * (C = A·B is Cᵀ = Bᵀ·Aᵀ, the same arrays) — run with {@code OPENBLAS_NUM_THREADS=1}, which that old
 * build reads at load and has no call to change (EJML and jblas on the shapes of {@link SecondaryShapes}
 * only); a plain i-k-j
 * Java loop; and lanewise's scalar reference (small sizes only).
 *
 * <pre>
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \
 *     java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar Gemm -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
// 2·m·n·k flops; the working set is A, B and C once each.
@Work(unit = Work.Unit.FLOPS, amount = "2 * m * n * k", workingSet = "4 * (m * k + k * n + m * n)",
        gemmShape = {"shape", "parallelShape"})
public class GemmBenchmark {

    /** The floating-point operations done, reported per second by JMH. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public long flop;

        @Setup(Level.Iteration)
        public void reset() {
            flop = 0;
        }
    }

    /** {m, n, k} of a shape parameter: see {@link GemmShapes#dimensions}. */
    public static int[] dimensions(String shape) {
        return GemmShapes.dimensions(shape);
    }

    /** One problem's operands, preallocated; row-major, contiguous. */
    public abstract static class Problem {
        int m, n, k;
        boolean transA, transB;
        float[] a, b, c;
        long flopPerCall;

        void allocate(String shape) {
            int[] mnk = dimensions(shape);
            set(mnk[0], mnk[1], mnk[2], GemmShapes.transA(shape), GemmShapes.transB(shape));
            SplittableRandom random = new SplittableRandom(42);
            a = random(m * k, random);
            b = random(k * n, random);
            c = new float[m * n];
            flopPerCall = 2L * m * n * k;
        }

        private void set(int m, int n, int k, boolean transA, boolean transB) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.transA = transA;
            this.transB = transB;
        }

        int lda() {
            return transA ? m : k;
        }

        int ldb() {
            return transB ? k : n;
        }

        private static float[] random(int size, SplittableRandom random) {
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = (float) (random.nextDouble() * 2 - 1);
            }
            return values;
        }
    }

    /** Every shape, for lanewise and OpenBLAS. */
    @State(Scope.Thread)
    public static class AllShapes extends Problem {
        @Param({"64", "128", "256", "512", "1024", "2048", "mlpForward", "mlpSmallForward", "mlpOutput",
            "mlpBackwardDx", "mlpBackwardDw", "vecMat", "matVec"})
        public String shape;

        @Setup
        public void setUp() {
            allocate(shape);
        }
    }

    /** The Vector API kernels, through the public API (argument checks included). */
    @Benchmark
    public float[] sgemm_lanewise(AllShapes p, Flops flops) {
        Gemm.sgemm(p.transA, p.transB, p.m, p.n, p.k, 1f, p.a, 0, p.lda(), p.b, 0, p.ldb(), 0f, p.c, 0, p.n);
        flops.flop += p.flopPerCall;
        return p.c;
    }

    /**
     * The secondary peers' shapes (EJML and jblas): those the README quotes, two small ones and a
     * skinny one. Fewer than lanewise's and OpenBLAS's, to keep the quick profile short (EJML
     * takes seconds per call at 2048³). The smallest first: the smoke run takes the first value of
     * the first {@code shape} JMH lists, for every benchmark.
     */
    @State(Scope.Thread)
    public static class SecondaryShapes extends Problem {
        @Param({"64", "128", "512", "1024", "mlpForward", "mlpOutput"})
        public String shape;

        FMatrixRMaj ejmlA, ejmlB, ejmlC;

        @Setup
        public void setUp() {
            allocate(shape);
            ejmlA = FMatrixRMaj.wrap(transA ? k : m, transA ? m : k, a);
            ejmlB = FMatrixRMaj.wrap(transB ? n : k, transB ? k : n, b);
            ejmlC = FMatrixRMaj.wrap(m, n, c);
        }
    }

    @Benchmark
    public FMatrixRMaj sgemm_ejml(SecondaryShapes p, Flops flops) {
        if (p.transA) {
            CommonOps_FDRM.multTransA(p.ejmlA, p.ejmlB, p.ejmlC);
        } else if (p.transB) {
            CommonOps_FDRM.multTransB(p.ejmlA, p.ejmlB, p.ejmlC);
        } else {
            CommonOps_FDRM.mult(p.ejmlA, p.ejmlB, p.ejmlC);
        }
        flops.flop += p.flopPerCall;
        return p.ejmlC;
    }

    /**
     * A current OpenBLAS (0.3.31 through org.bytedeco:openblas 1.5.13, natives in the jar), the
     * peer a performance-minded user picks: row-major {@code cblas_sgemm} on the same float
     * arrays, one thread ({@link OpenBlas#setUp}). Fork it with OPENBLAS_CORETYPE and
     * OPENBLAS_L2_SIZE unset (some machines here set them, which forces an older kernel).
     */
    @Benchmark
    public float[] sgemm_openblas(AllShapes p, OpenBlas openBlas, Flops flops) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, p.transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                p.transB ? openblas.CblasTrans : openblas.CblasNoTrans, p.m, p.n, p.k, 1f, p.a, p.lda(), p.b, p.ldb(),
                0f, p.c, p.n);
        flops.flop += p.flopPerCall;
        return p.c;
    }

    /** OpenBLAS on one thread, and which build and core kernel it runs (printed once per fork). */
    @State(Scope.Benchmark)
    public static class OpenBlas {
        @Setup
        public void setUp() {
            useOpenBlasThreads(1);
        }
    }

    /**
     * Sets OpenBLAS's thread count (it starts more threads if asked for more than the
     * environment's OPENBLAS_NUM_THREADS), checks that it took, and prints the build, the core
     * kernel and the environment that choose its code, once per trial.
     */
    static void useOpenBlasThreads(int threads) {
        openblas_full.openblas_set_num_threads(threads);
        int running = openblas_full.openblas_get_num_threads();
        if (running != threads) {
            throw new IllegalStateException("OpenBLAS runs " + running + " threads, asked for " + threads);
        }
        System.err.println("OpenBLAS: " + Peers.openBlasDescription() + ", " + threads + " thread(s)");
    }

    @Benchmark
    public float[] sgemm_jblas(SecondaryShapes p, Flops flops) {
        // Row-major C = op(A)·op(B) is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ: B's array comes first.
        NativeBlas.sgemm(p.transB ? 'T' : 'N', p.transA ? 'T' : 'N', p.n, p.m, p.k, 1f, p.b, 0, p.ldb(), p.a, 0,
                p.lda(), 0f, p.c, 0, p.n);
        flops.flop += p.flopPerCall;
        return p.c;
    }

    /** Shapes the slow loops finish in reasonable time. */
    @State(Scope.Thread)
    public static class SmallShapes extends Problem {
        @Param({"64", "128", "256"})
        public String shape;

        final GemmKernels scalar = Kernels.scalar().gemm();

        @Setup
        public void setUp() {
            allocate(shape);
        }
    }

    /** lanewise's scalar reference (a dot product per element). */
    @Benchmark
    public float[] sgemm_scalarReference(SmallShapes p, Flops flops) {
        p.scalar.sgemm(false, false, p.m, p.n, p.k, 1f, p.a, 0, p.k, p.b, 0, p.n, 0f, p.c, 0, p.n);
        flops.flop += p.flopPerCall;
        return p.c;
    }

    /** The loop a Java programmer writes: i-k-j, which C2 auto-vectorizes along j. */
    @Benchmark
    public float[] sgemm_plainLoop(SmallShapes p, Flops flops) {
        plainIkj(p.a, p.b, p.c, p.m, p.k, p.n);
        flops.flop += p.flopPerCall;
        return p.c;
    }

    static void plainIkj(float[] a, float[] b, float[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(c, i * n, i * n + n, 0f);
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aip * b[p * n + j];
                }
            }
        }
    }

    /** The parallel overload on a pool of {@code threads}; threads = 1 is the same call on one thread. */
    @State(Scope.Thread)
    public static class ParallelShapes extends Problem {
        @Param({"1024", "2048"})
        public String parallelShape;

        @Param({"1", "2"})
        public int threads;

        ForkJoinPool pool;

        @Setup
        public void setUp() {
            allocate(parallelShape);
            pool = new ForkJoinPool(threads);
        }

        @TearDown
        public void tearDown() {
            pool.shutdownNow();
        }
    }

    @Benchmark
    public float[] sgemmParallel_lanewise(ParallelShapes p, Flops flops) {
        Gemm.sgemm(false, false, p.m, p.n, p.k, 1f, p.a, 0, p.k, p.b, 0, p.n, 0f, p.c, 0, p.n, p.pool, p.threads);
        flops.flop += p.flopPerCall;
        return p.c;
    }

    /** The same shapes for OpenBLAS, on {@code threads} of its own threads (its pool, not the ForkJoinPool). */
    @State(Scope.Thread)
    public static class OpenBlasParallelShapes extends Problem {
        @Param({"1024", "2048"})
        public String parallelShape;

        @Param({"1", "2"})
        public int threads;

        @Setup
        public void setUp() {
            allocate(parallelShape);
            useOpenBlasThreads(threads);
        }

        @TearDown
        public void tearDown() {
            openblas_full.openblas_set_num_threads(1); // in-process runs (-f 0): the next benchmark expects one
        }
    }

    /** OpenBLAS's own threading: {@code cblas_sgemm} after {@code openblas_set_num_threads(threads)}. */
    @Benchmark
    public float[] sgemmParallel_openblas(OpenBlasParallelShapes p, Flops flops) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, p.m, p.n, p.k, 1f,
                p.a, p.k, p.b, p.n, 0f, p.c, p.n);
        flops.flop += p.flopPerCall;
        return p.c;
    }
}
