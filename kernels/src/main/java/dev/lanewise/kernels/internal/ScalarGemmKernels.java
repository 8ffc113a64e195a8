package dev.lanewise.kernels.internal;

/**
 * The scalar reference sgemm: the definition as a triple loop, one dot product per element of C,
 * accumulated with fused multiply-adds in the order p = 0, 1, ..., k - 1, over the k blocks of
 * {@link GemmBlocking}, with the same merge into C as the Vector API kernels, so both give the
 * same bits.
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
        int kStep = GemmBlocking.kStep(k, GemmBlocking.kc());
        // snippet: gemm-scalar
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ij = cOffset + i * ldc + j;
                for (int pc = 0; pc < k; pc += kStep) {
                    float sum = 0f;
                    for (int p = pc, end = Math.min(k, pc + kStep); p < end; p++) {
                        float aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                        float bpj = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                        sum = Math.fma(aip, bpj, sum);
                    }
                    // The first block merges with beta (C not read when beta is 0: NaN or garbage
                    // in it does not propagate); later blocks add to what the first wrote.
                    float blockBeta = pc == 0 ? beta : 1f;
                    c[ij] = blockBeta == 0f ? sum * alpha : Math.fma(sum, alpha, c[ij] * blockBeta);
                }
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
