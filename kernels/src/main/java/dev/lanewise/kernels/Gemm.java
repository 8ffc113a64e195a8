package dev.lanewise.kernels;

import static dev.lanewise.kernels.Checks.notNull;

import dev.lanewise.kernels.internal.GemmKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.concurrent.Executor;

/**
 * Single-precision general matrix multiply, row-major:
 * {@code C = alpha · op(A) · op(B) + beta · C}, where {@code op(X)} is {@code X}, or {@code Xᵀ}
 * when {@code transX}; {@code op(A)} is m×k, {@code op(B)} is k×n and C is m×n.
 *
 * <h2>Layout</h2>
 * Element {@code (i, j)} of C is {@code c[cOffset + i * ldc + j]}. A is stored as it is given:
 * without transpose, element {@code (i, p)} of {@code op(A)} is {@code a[aOffset + i * lda + p]}
 * (A is m×k with row stride lda); with {@code transA} it is {@code a[aOffset + p * lda + i]}
 * (A is stored k×m). B likewise. Strides larger than a row (padded rows, or a sub-matrix of a
 * larger one) are allowed.
 *
 * <h2>Semantics</h2>
 * As in BLAS: when {@code beta == 0}, C is not read, so NaN or garbage in C does not propagate;
 * when {@code alpha == 0} (or {@code k == 0}), A and B are not read and C becomes
 * {@code beta · C}. Only the m×n window of C is written; nothing else in {@code c} is touched.
 *
 * <h2>Accuracy</h2>
 * Each element of C is within {@code (k + 2) · 2⁻²³ · (|alpha| · Σₚ |op(A)(i,p)| |op(B)(p,j)|
 * + |beta · C(i,j)|)} of the exact result (the usual bound for a float dot product of k terms and
 * the write-back), as long as the products {@code op(A)(i,p) · op(B)(p,j)} and their running sum
 * stay in float's normal range. As in BLAS, the products are formed and summed in float before
 * alpha is applied, so a product that overflows or underflows is not brought back by alpha: with
 * {@code a = b = 1e20f} and {@code alpha = 1e-10f}, C is {@code Infinity}, not {@code 1e30}
 * (and with {@code a = b = 1e-30f}, {@code alpha = 1e30f}, it is 0, not {@code 1e-30}). Scale the
 * operands, not alpha, when they are that large or small. The Vector API kernels use fused
 * multiply-adds and may differ in the last bits from the scalar reference; for one implementation
 * and one k, each element's bits depend only on its own row of op(A), column of op(B), old value,
 * alpha and beta — so the parallel overload gives bitwise the single-threaded result.
 *
 * <h2>Aliasing and threads</h2>
 * C must not share an element with A or B, not even when alpha is 0: C is written while A and B
 * are read. Such a call is refused with {@link IllegalArgumentException} naming both matrices. The
 * check is exact for windows of one array: C beside A in the same array, row by row with the same
 * stride (sub-blocks of one large matrix), shares no element and is allowed. A and B may overlap
 * each other in any way; they are only read. Methods are static and thread-safe: each thread uses
 * its own packing buffers (reused across calls, so repeated calls allocate nothing). The plain
 * methods run on the calling thread and never start threads.
 *
 * <h2>Exceptions</h2>
 * Every argument is checked before anything is written: a null array throws
 * {@link NullPointerException}; a negative m, n or k, or {@code lda < (transA ? m : k)},
 * {@code ldb < (transB ? k : n)}, {@code ldc < n}, or C sharing an element with A or B, throws
 * {@link IllegalArgumentException}; an offset out of its array, or an array too short for the
 * last element its offset and stride reach (computed in long, so index arithmetic that would
 * overflow int is reported here too), throws {@link IndexOutOfBoundsException}. Each message names
 * the argument.
 *
 * <p>The work runs on the implementation {@link Lanewise#implementation()} reports.
 */
public final class Gemm {
    private Gemm() {}

    private static final GemmKernels KERNELS = Kernels.family(GemmKernels.class, KernelProvider::gemm);

    /**
     * {@code C = alpha · op(A) · op(B) + beta · C}; see the class documentation for the layout,
     * semantics, accuracy and exceptions.
     *
     * @param transA whether op(A) is Aᵀ (A stored k×m) rather than A (stored m×k)
     * @param transB whether op(B) is Bᵀ (B stored n×k) rather than B (stored k×n)
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha the factor of {@code op(A) · op(B)}
     * @param a the matrix A, as stored
     * @param aOffset the index in {@code a} of its first element
     * @param lda row stride of A as stored, at least {@code transA ? m : k}
     * @param b the matrix B, as stored
     * @param bOffset the index in {@code b} of its first element
     * @param ldb row stride of B as stored, at least {@code transB ? k : n}
     * @param beta the factor of C's old value; when 0, C is not read
     * @param c the matrix C, read (unless beta is 0) and overwritten
     * @param cOffset the index in {@code c} of its first element
     * @param ldc row stride of C, at least {@code n}
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        KERNELS.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /**
     * {@code C = A · B} for contiguous row-major A (m×k), B (k×n) and C (m×n), starting at index 0;
     * C is overwritten (not read). The arrays may be longer than needed.
     *
     * @param a A, m×k, contiguous row-major from index 0
     * @param b B, k×n, contiguous row-major from index 0
     * @param c receives C, m×n, contiguous row-major from index 0
     * @param m rows of A and C
     * @param k columns of A, rows of B
     * @param n columns of B and C
     */
    public static void matmul(float[] a, float[] b, float[] c, int m, int k, int n) {
        sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    }

    /**
     * {@link #sgemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[], int, int)
     * sgemm} on up to {@code threads} threads: C is split into that many blocks of whole rows (or
     * of whole columns when C is wider than tall), never along k, so the result is bitwise the
     * single-threaded one. The calling thread computes blocks too; {@code threads - 1} tasks are
     * handed to {@code executor}, and a task that starts after the caller has taken every block
     * returns at once. So the call completes even if the executor runs nothing (or is the pool
     * the caller itself runs in) — it is then simply not parallel. Small multiplies, where a split
     * would not pay, run on the calling thread alone.
     *
     * <p><b>Completion.</b> The call returns or throws only after every block it split off is
     * finished, so nothing writes C once it has returned or thrown, whatever goes wrong:
     * <ul>
     *   <li>If {@code executor.execute} throws (a {@link java.util.concurrent.RejectedExecutionException},
     *       another RuntimeException, or an Error such as the OutOfMemoryError of a pool that cannot
     *       create a thread), no further task is handed over and the <b>calling thread computes the
     *       remaining blocks itself</b>, then waits for the helpers already started. A rejection is
     *       then absorbed: C holds the complete result and the call returns normally. Any other
     *       failure is rethrown after that, with C likewise complete.
     *   <li>If computing a block throws, on a helper or on the caller, the other blocks are still
     *       computed; once every block is finished the first failure is thrown, with the later ones
     *       (and a failure to start a helper) as {@linkplain Throwable#getSuppressed() suppressed}.
     *       C then holds the result outside the failed blocks, and unspecified values in them.
     *   <li>If the calling thread is interrupted, it still waits for every block (the multiply
     *       itself never checks for interrupts), returns normally with the complete result, and
     *       keeps its interrupt status set.
     * </ul>
     *
     * @param transA whether op(A) is Aᵀ (A stored k×m) rather than A (stored m×k)
     * @param transB whether op(B) is Bᵀ (B stored n×k) rather than B (stored k×n)
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha the factor of {@code op(A) · op(B)}
     * @param a the matrix A, as stored
     * @param aOffset the index in {@code a} of its first element
     * @param lda row stride of A as stored, at least {@code transA ? m : k}
     * @param b the matrix B, as stored
     * @param bOffset the index in {@code b} of its first element
     * @param ldb row stride of B as stored, at least {@code transB ? k : n}
     * @param beta the factor of C's old value; when 0, C is not read
     * @param c the matrix C, read (unless beta is 0) and overwritten
     * @param cOffset the index in {@code c} of its first element
     * @param ldc row stride of C, at least {@code n}
     * @param executor runs the helper tasks, e.g. {@link java.util.concurrent.ForkJoinPool#commonPool()}
     * @param threads how many threads (caller included) may work on this multiply, at least 1
     * @throws IllegalArgumentException if {@code threads < 1}, and as the single-threaded method
     * @throws NullPointerException if {@code executor} is null, and as the single-threaded method
     * @throws RuntimeException what {@code executor.execute} threw (a rejection excepted) or a block
     *     threw, once every block is finished (see Completion)
     * @throws Error likewise
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc, Executor executor,
            int threads) {
        check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        notNull(executor, "executor");
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + ", must be at least 1");
        }
        ParallelGemm.run(KERNELS::sgemm, KERNELS.tileRows(), KERNELS.tileColumns(), transA, transB, m, n, k, alpha, a,
                aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, executor, threads);
    }

    /**
     * {@link #matmul(float[], float[], float[], int, int, int)} on up to {@code threads} threads, as the parallel sgemm.
     *
     * @param a A, m×k, contiguous row-major from index 0
     * @param b B, k×n, contiguous row-major from index 0
     * @param c receives C, m×n, contiguous row-major from index 0
     * @param m rows of A and C
     * @param k columns of A, rows of B
     * @param n columns of B and C
     * @param executor runs the helper tasks, as for the parallel sgemm
     * @param threads how many threads (caller included) may work on this multiply, at least 1
     */
    public static void matmul(float[] a, float[] b, float[] c, int m, int k, int n, Executor executor, int threads) {
        sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n, executor, threads);
    }

    private static void check(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, int lda,
            float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc) {
        notNull(a, "a");
        notNull(b, "b");
        notNull(c, "c");
        Checks.nonNegative(m, "m");
        Checks.nonNegative(n, "n");
        Checks.nonNegative(k, "k");
        leadingDimension(lda, "lda", transA ? m : k, transA ? "m (transA)" : "k");
        leadingDimension(ldb, "ldb", transB ? k : n, transB ? "k (transB)" : "n");
        leadingDimension(ldc, "ldc", n, "n");
        matrix(a, "a", aOffset, "aOffset", transA ? k : m, transA ? m : k, lda, "lda");
        matrix(b, "b", bOffset, "bOffset", transB ? n : k, transB ? k : n, ldb, "ldb");
        matrix(c, "c", cOffset, "cOffset", m, n, ldc, "ldc");
        // C is written while A and B are still being read, so no element of C may be one of theirs.
        Aliasing.disjointMatrices(a, "a", aOffset, transA ? k : m, transA ? m : k, lda, c, "c", cOffset, m, n, ldc);
        Aliasing.disjointMatrices(b, "b", bOffset, transB ? n : k, transB ? k : n, ldb, c, "c", cOffset, m, n, ldc);
    }

    private static void leadingDimension(int ld, String name, int rowLength, String rowLengthName) {
        if (ld < rowLength) {
            throw new IllegalArgumentException(
                    name + " is " + ld + ", less than the row length " + rowLengthName + " = " + rowLength);
        }
    }

    /** A rows×columns matrix with row stride ld at {@code offset} lies inside {@code array}. */
    private static void matrix(float[] array, String name, int offset, String offsetName, int rows, int columns,
            int ld, String ldName) {
        if (offset < 0) {
            throw new IndexOutOfBoundsException(offsetName + " is negative: " + offset);
        }
        if (offset > array.length) {
            throw new IndexOutOfBoundsException(
                    offsetName + " " + offset + " is past the end of " + name + " (length " + array.length + ")");
        }
        if (rows == 0 || columns == 0) {
            return; // nothing of this matrix is read or written
        }
        long last = offset + (long) (rows - 1) * ld + (columns - 1);
        if (last >= array.length) {
            throw new IndexOutOfBoundsException(name + " is too short: its last element " + offsetName + " + ("
                    + rows + " - 1) * " + ldName + " + " + columns + " - 1 = " + offset + " + " + (rows - 1) + " * "
                    + ld + " + " + (columns - 1) + " = " + last
                    + (last > Integer.MAX_VALUE ? " (overflows int)" : "") + " is past its length " + array.length);
        }
    }
}
