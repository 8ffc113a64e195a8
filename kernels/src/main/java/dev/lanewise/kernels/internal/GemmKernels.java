package dev.lanewise.kernels.internal;

/**
 * The single-precision matrix multiply behind {@link dev.lanewise.kernels.Gemm}, one implementation
 * per strategy (plain scalar Java, Vector API):
 * {@code C = alpha * op(A) * op(B) + beta * C}, row-major, where {@code op(X)} is {@code X} or
 * {@code Xᵀ}. Callers have validated every argument: implementations do no checks of their own
 * and may assume every index they compute is in range.
 *
 * <p>BLAS semantics, which every implementation keeps: {@code beta == 0} means C is not read
 * (NaN in C does not propagate); {@code alpha == 0} or {@code k == 0} means A and B are not read.
 *
 * <p>Internal API: it may change in any release.
 */
public interface GemmKernels {

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with {@code op(A)} m×k, {@code op(B)} k×n and C
     * m×n. Element {@code (i, j)} of C is {@code c[cOffset + i * ldc + j]}; element {@code (i, p)}
     * of {@code op(A)} is {@code a[aOffset + i * lda + p]}, or {@code a[aOffset + p * lda + i]}
     * when {@code transA}; likewise for B.
     *
     * <p>Every implementation computes each element of C from that element's row of op(A), column
     * of op(B), old value, alpha, beta and k alone, never from where the element lies in C, so a
     * multiply split into blocks of C gives bitwise the result of the whole (the parallel API
     * relies on this).
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
            float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);

    /**
     * The height of the register tile: blocks of C whose row count is a multiple of it split
     * without extra edge work. 1 for the scalar loop.
     */
    int tileRows();

    /** The width of the register tile, as {@link #tileRows()}. */
    int tileColumns();

    /** A one-line description of the strategy, for {@link KernelProvider#reason()}. */
    String describe();

    /**
     * {@code C = beta * C} over the m×n window: what sgemm reduces to when {@code alpha == 0} or
     * {@code k == 0}. With {@code beta == 0} C is set to +0 without being read.
     */
    static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }
}
