package dev.lanewise.kernels.internal.vector.gemm;

/**
 * BLIS's packing layer: copies a block of op(A) into MR-row micro-panels and a block of op(B) into
 * NR-column micro-panels, in the order the micro-kernels read them, zero-padded to whole panels.
 * The transposes are handled here alone, so one micro-kernel serves NN, NT, TN and TT. Plain
 * scalar copies: the packing costs O(mc·kc + kc·nc) against the micro-kernels' O(mc·nc·kc).
 */
final class Packing {
    private Packing() {}

    /**
     * op(A) = A: rows of A are contiguous. Micro-panel r holds rows r·MR ... r·MR + MR - 1, column
     * by column: element (i, p) of the block goes to {@code (i / MR) * MR * kc + p * MR + i % MR}.
     * Rows past mc are zero, so the edge tiles compute on zeros.
     */
    // snippet: gemm-pack-a
    static void packA(float[] a, int aIndex, int lda, int mc, int kc, int mr, float[] packed) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int panel = ir * kc;
            for (int r = 0; r < rows; r++) {
                int source = aIndex + (ir + r) * lda;
                for (int p = 0; p < kc; p++) {
                    packed[panel + p * mr + r] = a[source + p];
                }
            }
            for (int r = rows; r < mr; r++) {
                for (int p = 0; p < kc; p++) {
                    packed[panel + p * mr + r] = 0f;
                }
            }
        }
    }
    // end-snippet

    /** op(A) = Aᵀ: the MR values of op(A) for one p are contiguous in A already. */
    static void packTransposedA(float[] a, int aIndex, int lda, int mc, int kc, int mr, float[] packed) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int panel = ir * kc;
            for (int p = 0; p < kc; p++) {
                int source = aIndex + p * lda + ir;
                int target = panel + p * mr;
                for (int r = 0; r < rows; r++) {
                    packed[target + r] = a[source + r];
                }
                for (int r = rows; r < mr; r++) {
                    packed[target + r] = 0f;
                }
            }
        }
    }

    /**
     * op(B) = B: the NR values of one micro-panel row are contiguous in B, copied as one block. Element (p, j) of the block goes to {@code (j / NR) * NR * kc + p * NR + j % NR};
     * columns past nc are zero.
     */
    static void packB(float[] b, int bIndex, int ldb, int kc, int nc, int nr, float[] packed) {
        for (int jr = 0; jr < nc; jr += nr) {
            int columns = Math.min(nr, nc - jr);
            int panel = jr * kc;
            if (columns == nr) {
                for (int p = 0; p < kc; p++) {
                    // A plain copy, not vectors: a vector loaded and stored in a loop of variable
                    // length boxed here under C2 on some runs (AllocationTest, 512 bits, 4×2 tile).
                    System.arraycopy(b, bIndex + p * ldb + jr, packed, panel + p * nr, nr);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int source = bIndex + p * ldb + jr;
                    int target = panel + p * nr;
                    for (int j = 0; j < columns; j++) {
                        packed[target + j] = b[source + j];
                    }
                    for (int j = columns; j < nr; j++) {
                        packed[target + j] = 0f;
                    }
                }
            }
        }
    }

    /** op(B) = Bᵀ: column j of op(B) is row j of B, contiguous, written with stride NR. */
    static void packTransposedB(float[] b, int bIndex, int ldb, int kc, int nc, int nr, float[] packed) {
        for (int jr = 0; jr < nc; jr += nr) {
            int columns = Math.min(nr, nc - jr);
            int panel = jr * kc;
            for (int j = 0; j < columns; j++) {
                int source = bIndex + (jr + j) * ldb;
                for (int p = 0; p < kc; p++) {
                    packed[panel + p * nr + j] = b[source + p];
                }
            }
            for (int j = columns; j < nr; j++) {
                for (int p = 0; p < kc; p++) {
                    packed[panel + p * nr + j] = 0f;
                }
            }
        }
    }
}
