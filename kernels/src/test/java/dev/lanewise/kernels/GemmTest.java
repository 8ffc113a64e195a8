package dev.lanewise.kernels;

import static dev.lanewise.kernels.TestData.SENTINEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanewise.kernels.internal.GemmKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sgemm of every implementation against the definition evaluated in double, with the error bound
 * {@code (k + 2) · 2⁻²³ · (|alpha| Σ|a||b| + |beta c|)}, over sampled shapes from 1 to ~300 (primes,
 * tile and block edges), all four transposes, padded strides, offsets, alpha and beta in
 * {0, 1, -0.5, 2}, NaN in C under beta = 0, NaN in A and B under alpha = 0, and sentinels around
 * C's window. The Vector API kernels run in their chosen configuration and, reached reflectively,
 * in every register tile with tiny cache blocks so that small matrices cross every block edge.
 */
class GemmTest {

    private static final float[] SCALARS = {0f, 1f, -0.5f, 2f};
    /** Sizes around tile widths (3, 4, 6 rows; 8, 12, 16, 24, 48, 64 columns), blocks and primes. */
    private static final int[] DIMENSIONS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 23, 24, 25, 31, 32, 33,
        36, 37, 38, 47, 48, 49, 63, 64, 65, 73, 74, 95, 96, 97, 127, 128, 129, 191, 192, 193, 197, 255, 256, 257, 300};

    /** Scalar, the vector provider's kernels, and every vector tile with tiny blocks. */
    static Stream<Arguments> kernels() {
        List<Arguments> all = new ArrayList<>();
        for (KernelProvider provider : Implementations.all()) {
            all.add(Arguments.of(Named.of(provider.name() + ": " + provider.gemm().describe(), provider.gemm())));
        }
        if (Kernels.vector().isPresent()) {
            List<GemmKernels> variants = vectorVariants();
            for (GemmKernels variant : variants.subList(1, variants.size())) {
                all.add(Arguments.of(Named.of("vector: " + variant.describe(), variant)));
            }
        }
        return all.stream();
    }

    static List<GemmKernels> vectorVariants() {
        return Kernels.vector().map(KernelProvider::gemmVariants)
                .orElseThrow(() -> new AssertionError("the vector provider is not here"));
    }

    /** One multiply's operands laid out in padded, offset arrays with sentinels everywhere else. */
    static final class Problem {
        final boolean transA, transB;
        final int m, n, k, lda, ldb, ldc, aOffset, bOffset, cOffset;
        final float alpha, beta;
        final float[] a, b, c, cBefore;

        Problem(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, int pad, int offset,
                long seed) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.beta = beta;
            this.lda = (transA ? m : k) + pad;
            this.ldb = (transB ? k : n) + pad / 2;
            this.ldc = n + (pad + 1) / 2;
            this.aOffset = offset;
            this.bOffset = offset / 2 + (offset > 0 ? 1 : 0);
            this.cOffset = offset + 2;
            SplittableRandom random = new SplittableRandom(seed);
            // alpha == 0: A and B must not be read, so NaN there would show up in C if they were
            this.a = matrix(transA ? k : m, transA ? m : k, lda, aOffset, alpha == 0f ? Float.NaN : 0f, random);
            this.b = matrix(transB ? n : k, transB ? k : n, ldb, bOffset, alpha == 0f ? Float.NaN : 0f, random);
            // beta == 0: C must not be read, so it is full of NaN
            this.c = matrix(m, n, ldc, cOffset, beta == 0f ? Float.NaN : 0f, random);
            this.cBefore = c.clone();
        }

        private static float[] matrix(int rows, int columns, int ld, int offset, float fill, SplittableRandom random) {
            float[] array = TestData.filled(offset + rows * ld + 3);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < columns; j++) {
                    array[offset + r * ld + j] = Float.isNaN(fill) ? fill : (float) (random.nextDouble() * 2 - 1);
                }
            }
            return array;
        }

        float opA(int i, int p) {
            return transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
        }

        float opB(int p, int j) {
            return transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
        }

        void run(GemmKernels kernels) {
            kernels.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }

        @Override
        public String toString() {
            return (transA ? "T" : "N") + (transB ? "T" : "N") + " m " + m + " n " + n + " k " + k + " alpha " + alpha
                    + " beta " + beta + " lda " + lda + " ldb " + ldb + " ldc " + ldc + " offsets " + aOffset + ","
                    + bOffset + "," + cOffset;
        }

        /** Element (i, j) against the double-precision result and the error bound. */
        void assertElement(int i, int j, String what) {
            double sum = 0;
            double magnitude = 0;
            if (alpha != 0f) {
                for (int p = 0; p < k; p++) {
                    double product = (double) opA(i, p) * opB(p, j);
                    sum += product;
                    magnitude += Math.abs(product);
                }
            }
            double old = beta == 0f ? 0 : cBefore[cOffset + i * ldc + j];
            double exact = alpha * sum + beta * old;
            double bound = (k + 2) * 0x1p-23 * (Math.abs(alpha) * magnitude + Math.abs(beta * old));
            float actual = c[cOffset + i * ldc + j];
            if (!(Math.abs(actual - exact) <= bound)) {
                fail(what + " " + this + ": C(" + i + ", " + j + ") = " + actual + ", exact " + exact + ", bound "
                        + bound);
            }
        }

        void assertAllElements(String what) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertElement(i, j, what);
                }
            }
            assertOutsideUntouched(what);
        }

        void assertOutsideUntouched(String what) {
            for (int index = 0; index < c.length; index++) {
                int relative = index - cOffset;
                boolean inside = relative >= 0 && relative / ldc < m && relative % ldc < n;
                if (!inside && Float.floatToRawIntBits(c[index]) != Float.floatToRawIntBits(cBefore[index])) {
                    fail(what + " " + this + ": c[" + index + "] outside the m×n window was written: " + c[index]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void everyTinyShapeAndTransposeIsWithinTheBound(GemmKernels kernels) {
        long seed = 1;
        for (int m = 1; m <= 7; m++) {
            for (int n = 1; n <= 18; n++) {
                for (int k = 0; k <= 5; k++) {
                    for (int t = 0; t < 4; t++) {
                        Problem problem = new Problem((t & 1) != 0, (t & 2) != 0, m, n, k, SCALARS[t],
                                SCALARS[(t + 1) % 4], t, t, seed++);
                        problem.run(kernels);
                        problem.assertAllElements("tiny");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void sampledShapesUpTo300AreWithinTheBound(GemmKernels kernels) {
        SplittableRandom random = new SplittableRandom(42);
        for (int sample = 0; sample < 200; sample++) {
            int m = DIMENSIONS[random.nextInt(DIMENSIONS.length)];
            int n = DIMENSIONS[random.nextInt(DIMENSIONS.length)];
            int k = DIMENSIONS[random.nextInt(DIMENSIONS.length)];
            if ((long) m * n * k > 6_000_000) {
                k = Math.max(1, k / 8); // keeps the double oracle cheap; large k has its own test
            }
            float alpha = SCALARS[random.nextInt(4)];
            float beta = SCALARS[random.nextInt(4)];
            int pad = random.nextInt(3) == 0 ? 0 : random.nextInt(1, 9);
            int offset = random.nextInt(2) == 0 ? 0 : random.nextInt(1, 13);
            Problem problem = new Problem(random.nextBoolean(), random.nextBoolean(), m, n, k, alpha, beta, pad, offset,
                    sample);
            problem.run(kernels);
            problem.assertAllElements("sample " + sample);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void longDotProductsCrossKBlocksWithinTheBound(GemmKernels kernels) {
        int[][] shapes = {{5, 19, 1000}, {33, 17, 513}, {13, 40, 785}, {64, 64, 600}};
        int t = 0;
        for (int[] shape : shapes) {
            for (int transposes = 0; transposes < 4; transposes++, t++) {
                Problem problem = new Problem((transposes & 1) != 0, (transposes & 2) != 0, shape[0], shape[1],
                        shape[2], SCALARS[1 + t % 3], SCALARS[t % 4], t % 5, t % 3, t);
                problem.run(kernels);
                problem.assertAllElements("long k");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void splittingCIntoAnyBlocksGivesBitwiseTheWholeResult(GemmKernels kernels) {
        // The parallel API relies on this: an element's bits must not depend on where it lies.
        SplittableRandom random = new SplittableRandom(7);
        int[][] shapes = {{97, 130, 301}, {200, 64, 40}, {31, 257, 129}};
        for (int[] shape : shapes) {
            for (int transposes = 0; transposes < 4; transposes++) {
                boolean transA = (transposes & 1) != 0;
                boolean transB = (transposes & 2) != 0;
                Problem whole = new Problem(transA, transB, shape[0], shape[1], shape[2], 2f, -0.5f, 3, 1, 5);
                whole.run(kernels);
                Problem split = new Problem(transA, transB, shape[0], shape[1], shape[2], 2f, -0.5f, 3, 1, 5);
                int rowCut = random.nextInt(1, shape[0]);
                int columnCut = random.nextInt(1, shape[1]);
                int[][] blocks = {{0, rowCut, 0, columnCut}, {0, rowCut, columnCut, shape[1]},
                    {rowCut, shape[0], 0, columnCut}, {rowCut, shape[0], columnCut, shape[1]}};
                for (int[] block : blocks) {
                    int rows = block[1] - block[0];
                    int columns = block[3] - block[2];
                    int aStart = split.aOffset + (transA ? block[0] : block[0] * split.lda);
                    int bStart = split.bOffset + (transB ? block[2] * split.ldb : block[2]);
                    kernels.sgemm(transA, transB, rows, columns, split.k, split.alpha, split.a, aStart, split.lda,
                            split.b, bStart, split.ldb, split.beta, split.c, split.cOffset + block[0] * split.ldc
                            + block[2], split.ldc);
                }
                assertBitwiseEqual(whole.c, split.c, "split " + whole + " at " + rowCut + "," + columnCut);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void specialValuesInOperandsPropagateAsInTheDefinition(GemmKernels kernels) {
        // Inf * 0 = NaN and Inf + -Inf = NaN must reach C like the dot product says; a NaN in C
        // under beta = 0 must not.
        float[] a = {Float.POSITIVE_INFINITY, 1f, 0f, 1f, 2f, 3f};
        float[] b = {0f, 1f, 1f, 1f, Float.NEGATIVE_INFINITY, 1f};
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        kernels.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        assertTrue(Float.isNaN(c[0]), "Inf * 0 gives NaN, got " + c[0]);
        assertEquals(Float.POSITIVE_INFINITY, c[1]);
        assertEquals(Float.NEGATIVE_INFINITY, c[2]);
        assertEquals(6f, c[3]);
    }

    /**
     * The documented limit of the error promise, BLAS's own: products are formed and summed in
     * float before alpha scales them, so a product outside float's range is not rescued by alpha.
     */
    @ParameterizedTest
    @MethodSource("kernels")
    void productsOutsideFloatRangeAreNotRescuedByAlpha(GemmKernels kernels) {
        for (int size : new int[] {1, 7, 40}) { // the direct path and the packed one
            float[] huge = new float[size * size];
            float[] tiny = new float[size * size];
            Arrays.fill(huge, 1e20f);
            Arrays.fill(tiny, 1e-30f);
            float[] c = new float[size * size];
            kernels.sgemm(false, false, size, size, size, 1e-10f, huge, 0, size, huge, 0, size, 0f, c, 0, size);
            for (float value : c) {
                assertEquals(Float.POSITIVE_INFINITY, value, "1e20 · 1e20 overflows before alpha 1e-10 (exact: k · 1e30)");
            }
            kernels.sgemm(false, false, size, size, size, 1e30f, tiny, 0, size, tiny, 0, size, 0f, c, 0, size);
            for (float value : c) {
                assertEquals(0f, value, "1e-30 · 1e-30 underflows before alpha 1e30 (exact: k · 1e-30)");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void mlpShapesAndTheirBackwardProductsAreWithinTheBound(GemmKernels kernels) {
        // batch 256, 784 inputs, 512 hidden, 10 outputs: x·W1, h·W2, dY·W1ᵀ (dX), Xᵀ·dY (dW1)
        Problem[] problems = {
            new Problem(false, false, 256, 512, 784, 1f, 0f, 0, 0, 1),
            new Problem(false, false, 256, 10, 512, 1f, 0f, 0, 0, 2),
            new Problem(false, true, 256, 784, 512, 1f, 0f, 0, 0, 3),
            new Problem(true, false, 784, 512, 256, 1f, 1f, 0, 0, 4),
        };
        SplittableRandom random = new SplittableRandom(3);
        for (Problem problem : problems) {
            problem.run(kernels);
            for (int sample = 0; sample < 4000; sample++) {
                problem.assertElement(random.nextInt(problem.m), random.nextInt(problem.n), "mlp");
            }
            // the first and last rows and columns in full: that is where edges are
            for (int i = 0; i < problem.m; i++) {
                problem.assertElement(i, 0, "mlp");
                problem.assertElement(i, problem.n - 1, "mlp");
            }
            for (int j = 0; j < problem.n; j++) {
                problem.assertElement(0, j, "mlp");
                problem.assertElement(problem.m - 1, j, "mlp");
            }
            problem.assertOutsideUntouched("mlp");
        }
    }

    @Test
    void oneBillionMultiplyAddsSampled() {
        // 1024³ on the vector kernels only (the scalar loop would take seconds).
        GemmKernels kernels = Kernels.vector().map(KernelProvider::gemm).orElse(null);
        if (kernels == null) {
            assertTrue(!Implementations.vectorExpected(), "vector kernels expected in " + Implementations.VARIANT);
            return;
        }
        Problem problem = new Problem(false, false, 1024, 1024, 1024, 1f, 0f, 0, 0, 11);
        problem.run(kernels);
        SplittableRandom random = new SplittableRandom(13);
        for (int sample = 0; sample < 3000; sample++) {
            problem.assertElement(random.nextInt(1024), random.nextInt(1024), "1024³");
        }
        for (int i = 0; i < 1024; i++) {
            problem.assertElement(i, 1023 - i, "1024³ anti-diagonal");
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void concurrentCallersGetTheirOwnResults(GemmKernels kernels) throws Exception {
        int threads = 4;
        int rounds = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // each caller multiplies different shapes (different packing buffer sizes), many times
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int id = thread;
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        int m = 40 + 37 * id + round;
                        Problem expected = new Problem(id % 2 == 1, round % 2 == 1, m, 150 - 20 * id, 300 + id, 1f, 2f,
                                id, id, 100 * id + round);
                        Problem concurrent = new Problem(id % 2 == 1, round % 2 == 1, m, 150 - 20 * id, 300 + id, 1f,
                                2f, id, id, 100 * id + round);
                        synchronized (GemmTest.class) {
                            expected.run(kernels); // alone: no other sgemm runs meanwhile
                        }
                        concurrent.run(kernels);
                        assertBitwiseEqual(expected.c, concurrent.c, "concurrent " + concurrent);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelSgemmIsBitwiseTheSingleThreadedOne() {
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            int[][] shapes = {{512, 300, 257}, {100, 700, 333}, {256, 512, 784}, {7, 2000, 64}, {2000, 9, 40}};
            java.util.concurrent.Executor[] executors = {pool, Runnable::run, task -> {}}; // pooled, inline, dropping
            int t = 0;
            for (int[] shape : shapes) {
                for (int transposes = 0; transposes < 4; transposes++, t++) {
                    boolean transA = (transposes & 1) != 0;
                    boolean transB = (transposes & 2) != 0;
                    Problem serial = new Problem(transA, transB, shape[0], shape[1], shape[2], 1f, SCALARS[t % 4], t % 3,
                            t % 2, t);
                    Gemm.sgemm(transA, transB, serial.m, serial.n, serial.k, serial.alpha, serial.a, serial.aOffset,
                            serial.lda, serial.b, serial.bOffset, serial.ldb, serial.beta, serial.c, serial.cOffset,
                            serial.ldc);
                    int threads = 2 + t % 3;
                    Problem parallel = new Problem(transA, transB, shape[0], shape[1], shape[2], 1f, SCALARS[t % 4],
                            t % 3, t % 2, t);
                    Gemm.sgemm(transA, transB, parallel.m, parallel.n, parallel.k, parallel.alpha, parallel.a,
                            parallel.aOffset, parallel.lda, parallel.b, parallel.bOffset, parallel.ldb, parallel.beta,
                            parallel.c, parallel.cOffset, parallel.ldc, executors[t % executors.length], threads);
                    assertBitwiseEqual(serial.c, parallel.c, threads + " threads " + parallel);
                }
            }
            float[] a = new float[300 * 200];
            float[] b = new float[200 * 100];
            Arrays.fill(a, 0.5f);
            Arrays.fill(b, 2f);
            float[] c = new float[300 * 100];
            Gemm.matmul(a, b, c, 300, 200, 100, pool, 2);
            for (float value : c) {
                assertEquals(200f, value);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void matmulIsTheContiguousProduct() {
        float[] a = {1, 2, 3, 4, 5, 6}; // 2×3
        float[] b = {7, 8, 9, 10, 11, 12}; // 3×2
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN, SENTINEL};
        Gemm.matmul(a, b, c, 2, 3, 2);
        assertEquals(58f, c[0]);
        assertEquals(64f, c[1]);
        assertEquals(139f, c[2]);
        assertEquals(154f, c[3]);
        assertEquals(SENTINEL, c[4]);
    }

    @Test
    void badArgumentsThrowBeforeAnythingIsWritten() {
        float[] a = new float[6 * 5];
        float[] b = new float[5 * 4];
        float[] c = TestData.filled(6 * 4);
        Arrays.fill(a, 1f);
        Arrays.fill(b, 1f);
        // m 6, n 4, k 5: a 6×5, b 5×4, c 6×4
        expect(IllegalArgumentException.class, "m", () -> Gemm.sgemm(false, false, -1, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, 0, 4));
        expect(IllegalArgumentException.class, "n", () -> Gemm.sgemm(false, false, 6, -4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, 0, 4));
        expect(IllegalArgumentException.class, "k", () -> Gemm.sgemm(false, false, 6, 4, -5, 1f, a, 0, 5, b, 0, 4, 0f, c, 0, 4));
        expect(IllegalArgumentException.class, "lda", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 4, b, 0, 4, 0f, c, 0, 4));
        expect(IllegalArgumentException.class, "lda", () -> Gemm.sgemm(true, false, 6, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, 0, 4));
        expect(IllegalArgumentException.class, "ldb", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 0, 3, 0f, c, 0, 4));
        expect(IllegalArgumentException.class, "ldb", () -> Gemm.sgemm(false, true, 6, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, 0, 4));
        expect(IllegalArgumentException.class, "ldc", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, 0, 3));
        expect(NullPointerException.class, "a", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, null, 0, 5, b, 0, 4, 0f, c, 0, 4));
        expect(NullPointerException.class, "b", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, null, 0, 4, 0f, c, 0, 4));
        expect(NullPointerException.class, "c", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, null, 0, 4));
        expect(IndexOutOfBoundsException.class, "aOffset", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, -1, 5, b, 0, 4, 0f, c, 0, 4));
        expect(IndexOutOfBoundsException.class, "a is too short", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 1, 5, b, 0, 4, 0f, c, 0, 4));
        expect(IndexOutOfBoundsException.class, "a is too short", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 6, b, 0, 4, 0f, c, 0, 4));
        expect(IndexOutOfBoundsException.class, "b is too short", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 1, 4, 0f, c, 0, 4));
        expect(IndexOutOfBoundsException.class, "bOffset", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 21, 4, 0f, c, 0, 4));
        expect(IndexOutOfBoundsException.class, "c is too short", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, 0, 5));
        expect(IndexOutOfBoundsException.class, "cOffset", () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, -3, 4));
        // transposed: a stored 5×6 needs lda >= 6, b stored 4×5 needs ldb >= 5
        expect(IndexOutOfBoundsException.class, "b is too short", () -> Gemm.sgemm(true, true, 6, 4, 5, 1f, a, 0, 6, b, 0, 6, 0f, c, 0, 4));
        // index arithmetic beyond int: (rows - 1) * lda overflows
        expect(IndexOutOfBoundsException.class, "overflows int",
                () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, Integer.MAX_VALUE / 2, b, 0, 4, 0f, c, 0, 4));
        expect(IndexOutOfBoundsException.class, "overflows int",
                () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, 3, Integer.MAX_VALUE / 4));
        // the parallel overload checks the same, and its own
        expect(IllegalArgumentException.class, "ldc",
                () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, 0, 3, ForkJoinPool.commonPool(), 2));
        expect(IllegalArgumentException.class, "threads",
                () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, 0, 4, ForkJoinPool.commonPool(), 0));
        expect(NullPointerException.class, "executor",
                () -> Gemm.sgemm(false, false, 6, 4, 5, 1f, a, 0, 5, b, 0, 4, 0f, c, 0, 4, null, 2));
        expect(IndexOutOfBoundsException.class, "a is too short", () -> Gemm.matmul(a, b, c, 7, 5, 4));
        for (float value : c) {
            assertEquals(SENTINEL, value, "c was written by a call that threw");
        }
        // empty matrices are fine, with any offset inside or at the end of the array
        Gemm.sgemm(false, false, 0, 4, 5, 1f, a, a.length, 5, b, 0, 4, 0f, c, c.length, 4);
        Gemm.sgemm(false, false, 6, 4, 0, 1f, a, 0, 0, b, 0, 4, 1f, c, 0, 4);
        for (float value : c) {
            assertEquals(SENTINEL, value, "beta 1, k 0 leaves C as it is");
        }
    }

    private static void expect(Class<? extends Throwable> type, String messagePart, Executable call) {
        Throwable thrown = assertThrows(type, call);
        assertTrue(thrown.getMessage() != null && thrown.getMessage().contains(messagePart),
                "message should name " + messagePart + ": " + thrown.getMessage());
    }

    private static void assertBitwiseEqual(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected bitwise " + expected[i]);
            }
        }
    }
}
