package dev.lanewise.kernels.internal;

/**
 * The scalar reference sgemm: the definition as a triple loop, one dot product per element of C,
 * accumulated in float in the order p = 0, 1, ..., k - 1.
 */
public final class ScalarGemmKernels implements GemmKernels {

    public static final ScalarGemmKernels INSTANCE = new ScalarGemmKernels();

    private ScalarGemmKernels() {}

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        if (alpha == 0f || k == 0) {
            GemmKernels.scale(m, n, beta, c, cOffset, ldc); // A and B are not read
            return;
        }
        // snippet: gemm-scalar
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float bpj = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += aip * bpj;
                }
                int ij = cOffset + i * ldc + j;
                // beta == 0: C is not read, so NaN or garbage in it does not propagate
                c[ij] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ij];
            }
        }
        // end-snippet
    }

    @Override
    public int tileRows() {
        return 1;
    }

    @Override
    public int tileColumns() {
        return 1;
    }

    @Override
    public String describe() {
        return "sgemm by the triple loop";
    }
}
