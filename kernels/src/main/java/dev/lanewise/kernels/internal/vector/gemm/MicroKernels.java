package dev.lanewise.kernels.internal.vector.gemm;

import static dev.lanewise.kernels.internal.vector.gemm.VectorGemmKernels.LANES;
import static dev.lanewise.kernels.internal.vector.gemm.VectorGemmKernels.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * BLIS's micro-kernel layer: each keeps an MR × NR tile of C in vector registers through kc
 * rank-1 updates, then stores it to the tile buffer; {@link #writeBack} merges a tile into C.
 * One method per register tile, written out by hand with no helper that takes or returns a vector:
 * C2 must inline everything here, or the vectors are boxed (porting guide, pitfall 12;
 * AllocationTest checks every tile).
 */
final class MicroKernels {
    private MicroKernels() {}

    // The micro-kernels. Indices are written as base + p * stride so that C2 sees them linear in
    // the loop variable and hoists the range checks out of the k loop. The accumulators start
    // from zero() locals, not from static final vectors (which some JDKs box), and end in the
    // tile (row stride NR) for writeBack.

    // snippet: gemm-kernel-4x2
    static void kernel4x2(int kc, float[] pa, int aIndex, float[] pb, int bIndex, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00;
        FloatVector c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = aIndex + p * 4;
            int bp = bIndex + p * (2 * LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bp + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, pa[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        int row = 2 * LANES;
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c10.intoArray(tile, row);
        c11.intoArray(tile, row + LANES);
        c20.intoArray(tile, 2 * row);
        c21.intoArray(tile, 2 * row + LANES);
        c30.intoArray(tile, 3 * row);
        c31.intoArray(tile, 3 * row + LANES);
    }
    // end-snippet

    static void kernel3x3(int kc, float[] pa, int aIndex, float[] pb, int bIndex, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c02 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = aIndex + p * 3;
            int bp = bIndex + p * (3 * LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bp + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, pb, bp + 2 * LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
        }
        int row = 3 * LANES;
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c02.intoArray(tile, 2 * LANES);
        c10.intoArray(tile, row);
        c11.intoArray(tile, row + LANES);
        c12.intoArray(tile, row + 2 * LANES);
        c20.intoArray(tile, 2 * row);
        c21.intoArray(tile, 2 * row + LANES);
        c22.intoArray(tile, 2 * row + 2 * LANES);
    }

    static void kernel6x4(int kc, float[] pa, int aIndex, float[] pb, int bIndex, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        for (int p = 0; p < kc; p++) {
            int ap = aIndex + p * 6;
            int bp = bIndex + p * (4 * LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bp + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, pb, bp + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, pb, bp + 3 * LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[ap + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[ap + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            FloatVector a3 = FloatVector.broadcast(SPECIES, pa[ap + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            FloatVector a4 = FloatVector.broadcast(SPECIES, pa[ap + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            FloatVector a5 = FloatVector.broadcast(SPECIES, pa[ap + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        // Stored one by one, not through a storeRow4(v0, v1, v2, v3, ...) helper: C2 declined to
        // inline the last calls of that helper (NodeCountInliningCutoff) and boxed their vectors.
        int row = 4 * LANES;
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c02.intoArray(tile, 2 * LANES);
        c03.intoArray(tile, 3 * LANES);
        c10.intoArray(tile, row);
        c11.intoArray(tile, row + LANES);
        c12.intoArray(tile, row + 2 * LANES);
        c13.intoArray(tile, row + 3 * LANES);
        c20.intoArray(tile, 2 * row);
        c21.intoArray(tile, 2 * row + LANES);
        c22.intoArray(tile, 2 * row + 2 * LANES);
        c23.intoArray(tile, 2 * row + 3 * LANES);
        c30.intoArray(tile, 3 * row);
        c31.intoArray(tile, 3 * row + LANES);
        c32.intoArray(tile, 3 * row + 2 * LANES);
        c33.intoArray(tile, 3 * row + 3 * LANES);
        c40.intoArray(tile, 4 * row);
        c41.intoArray(tile, 4 * row + LANES);
        c42.intoArray(tile, 4 * row + 2 * LANES);
        c43.intoArray(tile, 4 * row + 3 * LANES);
        c50.intoArray(tile, 5 * row);
        c51.intoArray(tile, 5 * row + LANES);
        c52.intoArray(tile, 5 * row + 2 * LANES);
        c53.intoArray(tile, 5 * row + 3 * LANES);
    }

    /**
     * Merges a tile of raw accumulators into C's rows×columns window:
     * {@code c = acc * alpha + c * beta}, or {@code acc * alpha} without reading c when beta is 0.
     * Kept out of the micro-kernels on purpose: with the beta branch and its vector operations
     * inlined next to 8-24 live accumulators, C2 ran out of inlining budget once both branches
     * were hot and boxed vectors (32 bytes per store, seen with -prof gc on k > KC). Spilling the
     * tile costs a few stores per kc·MR·NR multiply-adds. Full-width rows go by vectors, edge
     * rows by the scalar twin with the same operations, so an element's bits never depend on
     * whether it sat in an edge tile.
     */
    // snippet: gemm-write-back
    static void writeBack(float[] tile, int tileStride, int rows, int columns, float[] c, int cIndex, int ldc,
            float alpha, float beta) {
        // Two loops, not one with "beta == 0 ? mul : fma": a vector chosen by a branch is boxed
        // by JDK 17's C2 once both branches are hot (seen at 512 bits).
        int vectorColumns = SPECIES.loopBound(columns);
        for (int r = 0; r < rows; r++) {
            int t = r * tileStride;
            int ci = cIndex + r * ldc;
            int j = 0;
            if (beta == 0f) {
                for (; j < vectorColumns; j += LANES) {
                    FloatVector.fromArray(SPECIES, tile, t + j).mul(alpha).intoArray(c, ci + j);
                }
                for (; j < columns; j++) {
                    c[ci + j] = tile[t + j] * alpha;
                }
            } else {
                for (; j < vectorColumns; j += LANES) {
                    FloatVector.fromArray(SPECIES, tile, t + j)
                            .fma(FloatVector.broadcast(SPECIES, alpha), FloatVector.fromArray(SPECIES, c, ci + j).mul(beta))
                            .intoArray(c, ci + j);
                }
                for (; j < columns; j++) {
                    c[ci + j] = Math.fma(tile[t + j], alpha, c[ci + j] * beta);
                }
            }
        }
    }
    // end-snippet

    // The direct path's kernels: the same tiles and arithmetic, reading A and B where they lie.

    static void direct4x2(int k, float[] a, int aIndex, int rowStride, int colStride, float[] b, int bIndex,
            int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00;
        FloatVector c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        int a1Index = aIndex + rowStride;
        int a2Index = a1Index + rowStride;
        int a3Index = a2Index + rowStride;
        for (int p = 0; p < k; p++) {
            int bp = bIndex + p * ldb;
            int ap = p * colStride;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[aIndex + ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[a1Index + ap]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[a2Index + ap]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[a3Index + ap]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        int row = 2 * LANES;
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c10.intoArray(tile, row);
        c11.intoArray(tile, row + LANES);
        c20.intoArray(tile, 2 * row);
        c21.intoArray(tile, 2 * row + LANES);
        c30.intoArray(tile, 3 * row);
        c31.intoArray(tile, 3 * row + LANES);
    }

    static void direct3x3(int k, float[] a, int aIndex, int rowStride, int colStride, float[] b, int bIndex,
            int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c02 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00;
        int a1Index = aIndex + rowStride;
        int a2Index = a1Index + rowStride;
        for (int p = 0; p < k; p++) {
            int bp = bIndex + p * ldb;
            int ap = p * colStride;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bp + 2 * LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[aIndex + ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[a1Index + ap]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[a2Index + ap]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
        }
        int row = 3 * LANES;
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c02.intoArray(tile, 2 * LANES);
        c10.intoArray(tile, row);
        c11.intoArray(tile, row + LANES);
        c12.intoArray(tile, row + 2 * LANES);
        c20.intoArray(tile, 2 * row);
        c21.intoArray(tile, 2 * row + LANES);
        c22.intoArray(tile, 2 * row + 2 * LANES);
    }

    static void direct6x4(int k, float[] a, int aIndex, int rowStride, int colStride, float[] b, int bIndex,
            int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        int a1Index = aIndex + rowStride;
        int a2Index = a1Index + rowStride;
        int a3Index = a2Index + rowStride;
        int a4Index = a3Index + rowStride;
        int a5Index = a4Index + rowStride;
        for (int p = 0; p < k; p++) {
            int bp = bIndex + p * ldb;
            int ap = p * colStride;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bp + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bp + 3 * LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[aIndex + ap]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[a1Index + ap]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[a2Index + ap]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
            c23 = a2.fma(b3, c23);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[a3Index + ap]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            c32 = a3.fma(b2, c32);
            c33 = a3.fma(b3, c33);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[a4Index + ap]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            c42 = a4.fma(b2, c42);
            c43 = a4.fma(b3, c43);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[a5Index + ap]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            c52 = a5.fma(b2, c52);
            c53 = a5.fma(b3, c53);
        }
        // Stored one by one, not through a storeRow4(v0, v1, v2, v3, ...) helper: C2 declined to
        // inline the last calls of that helper (NodeCountInliningCutoff) and boxed their vectors.
        int row = 4 * LANES;
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c02.intoArray(tile, 2 * LANES);
        c03.intoArray(tile, 3 * LANES);
        c10.intoArray(tile, row);
        c11.intoArray(tile, row + LANES);
        c12.intoArray(tile, row + 2 * LANES);
        c13.intoArray(tile, row + 3 * LANES);
        c20.intoArray(tile, 2 * row);
        c21.intoArray(tile, 2 * row + LANES);
        c22.intoArray(tile, 2 * row + 2 * LANES);
        c23.intoArray(tile, 2 * row + 3 * LANES);
        c30.intoArray(tile, 3 * row);
        c31.intoArray(tile, 3 * row + LANES);
        c32.intoArray(tile, 3 * row + 2 * LANES);
        c33.intoArray(tile, 3 * row + 3 * LANES);
        c40.intoArray(tile, 4 * row);
        c41.intoArray(tile, 4 * row + LANES);
        c42.intoArray(tile, 4 * row + 2 * LANES);
        c43.intoArray(tile, 4 * row + 3 * LANES);
        c50.intoArray(tile, 5 * row);
        c51.intoArray(tile, 5 * row + LANES);
        c52.intoArray(tile, 5 * row + 2 * LANES);
        c53.intoArray(tile, 5 * row + 3 * LANES);
    }

    static void direct1x1(int k, float[] a, int aIndex, int colStride, float[] b, int bIndex, int ldb,
            float[] tile) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            acc = FloatVector.broadcast(SPECIES, a[aIndex + p * colStride])
                    .fma(FloatVector.fromArray(SPECIES, b, bIndex + p * ldb), acc);
        }
        acc.intoArray(tile, 0);
    }
}
