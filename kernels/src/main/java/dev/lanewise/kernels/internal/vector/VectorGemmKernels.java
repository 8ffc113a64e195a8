package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.GemmBlocking;
import dev.lanewise.kernels.internal.GemmKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * sgemm on Vector API lanes, after BLIS (Van Zee and van de Geijn, "BLIS: A Framework for Rapidly
 * Instantiating BLAS Functionality", 2015).
 *
 * <h2>Algorithm</h2>
 * <pre>
 *   for each block of NC columns of C                      (B block kc×nc stays in L3)
 *     for each block of KC of the k dimension
 *       pack op(B)[pc..pc+kc, jc..jc+nc] into kc×NR micro-panels, zero-padded to NR columns
 *       for each block of MC rows of C                     (A block mc×kc stays in L2)
 *         pack op(A)[ic..ic+mc, pc..pc+kc] into MR×kc micro-panels, zero-padded to MR rows
 *         for each NR-wide micro-panel of B                (stays in L1 while A streams past)
 *           for each MR-high micro-panel of A
 *             micro-kernel: an MR×NR tile of C in vector registers, kc rank-1 updates
 * </pre>
 * The transposes are handled by the packing alone, so one micro-kernel serves NN, NT, TN and TT.
 * The k dimension is cut into equal blocks no longer than KC (784 = 4 × 196, not 3 × 256 + 16).
 * alpha and beta are applied once, when a tile is written back: {@code c = acc * alpha + c * beta}
 * on the first k block (just {@code acc * alpha}, without reading C, when beta is 0) and
 * {@code c = acc * alpha + c} on the later ones. Edge tiles are computed in full on the
 * zero-padded panels like any other and only their m×n part is merged into C, so nothing outside
 * C's window is touched. Every tile goes through the accumulator buffer and one write-back
 * routine (see {@link #writeBack}).
 *
 * <p>Small problems (k within one block, m·n·k below a threshold, B not transposed) take a direct
 * path: the same register tile reads A and B where they lie, without packing. Its arithmetic per
 * element is the packed path's (one fused multiply-add chain over p from +0, then the same
 * write-back), so every element of C is a function of its own row, column and old value only,
 * whatever path or block computed it: a multiply split into blocks of C is bitwise the whole one.
 *
 * <h2>Register tile</h2>
 * The micro-kernel keeps MR × NR/LANES accumulators live across the k loop. C2 loads the MR
 * broadcasts of A at the top of each k step, so the loop needs about accumulators + MR + (NR/LANES)
 * vector registers: with AVX2's 16 ymm registers, 4 rows × 2 vectors (8 + 4 + 2 = 14) fits and
 * the classic 6 × 2 spills; AVX-512's 32 zmm registers fit 6 rows × 4 vectors (24 + 6 + 2 = 32).
 *
 * <p>Packing buffers live in a per-thread workspace grown on demand, so repeated calls allocate
 * nothing and concurrent calls never share a buffer.
 */
final class VectorGemmKernels implements GemmKernels {

    static final VectorSpecies<Float> SPECIES = Species.FLOAT;
    static final int LANES = Species.LANES;

    /** The register tile: MR rows by NR = vectors × LANES columns. */
    enum Shape {
        /** 8 accumulators: for 16 vector registers (AVX2, 128-bit SSE/NEON widths). */
        ROWS_4_BY_2_VECTORS(4, 2),
        /** 9 accumulators: the other shape that fits 16 registers. */
        ROWS_3_BY_3_VECTORS(3, 3),
        /** 24 accumulators: for 32 vector registers (AVX-512). */
        ROWS_6_BY_4_VECTORS(6, 4);

        final int rows;
        final int vectors;

        Shape(int rows, int vectors) {
            this.rows = rows;
            this.vectors = vectors;
        }

        int columns() {
            return vectors * LANES;
        }

        @Override
        public String toString() {
            return rows + "×" + columns() + " (" + rows + " rows × " + vectors + " vectors)";
        }
    }

    private final Shape shape;
    private final int mr;
    private final int nr;
    private final int kcMax;
    private final int mcMax;
    private final int ncMax;
    /** Problems with m·n·k up to this (and k <= kcMax, B not transposed) skip packing. */
    private final long directMaxVolume;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    /** Packing buffers and the edge tile of one thread, grown on demand and then reused. */
    private static final class Workspace {
        float[] packedA = new float[0];
        float[] packedB = new float[0];
        float[] tile = new float[0];
    }

    VectorGemmKernels(Shape shape, int kc, int mc, int nc, long directMaxVolume) {
        this.shape = shape;
        this.mr = shape.rows;
        this.nr = shape.columns();
        this.kcMax = Math.max(1, kc);
        this.mcMax = roundUp(Math.max(mc, 1), mr); // whole micro-panels per block
        this.ncMax = roundUp(Math.max(nc, 1), nr);
        this.directMaxVolume = directMaxVolume;
    }

    @Override
    public int tileRows() {
        return mr;
    }

    @Override
    public int tileColumns() {
        return nr;
    }

    @Override
    public String describe() {
        return "sgemm by packed " + shape + " register tiles, KC " + kcMax + ", MC " + mcMax + ", NC " + ncMax
                + ", unpacked below " + directMaxVolume + " multiply-adds";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (alpha == 0f || k == 0) {
            GemmKernels.scale(m, n, beta, c, cOffset, ldc); // A and B are not read
            return;
        }
        if (!transB && k <= kcMax && (long) m * n * k <= directMaxVolume) {
            direct(transA, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        } else {
            blocked(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    // ---------------------------------------------------------------- packed, cache-blocked path

    private void blocked(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        // Equal blocks: the last one is never a sliver. kcStep depends on k alone, which keeps
        // every element's summation order independent of how C is split.
        int kcStep = GemmBlocking.kStep(k, kcMax);
        int mcStep = roundUp(GemmBlocking.ceilDiv(m, GemmBlocking.ceilDiv(m, mcMax)), mr);
        int ncStep = roundUp(GemmBlocking.ceilDiv(n, GemmBlocking.ceilDiv(n, ncMax)), nr);

        Workspace workspace = workspaces.get();
        if (workspace.packedA.length < mcStep * kcStep) {
            workspace.packedA = new float[mcStep * kcStep];
        }
        if (workspace.packedB.length < kcStep * ncStep) {
            workspace.packedB = new float[kcStep * ncStep];
        }
        float[] tile = tile(workspace);
        float[] packedA = workspace.packedA;
        float[] packedB = workspace.packedB;

        // snippet: gemm-blocked
        for (int jc = 0; jc < n; ) {
            int nc = Math.min(ncStep, n - jc);
            for (int pc = 0; pc < k; ) {
                int kc = Math.min(kcStep, k - pc);
                if (transB) {
                    packTransposedB(b, bOffset + jc * ldb + pc, ldb, kc, nc, packedB);
                } else {
                    packB(b, bOffset + pc * ldb + jc, ldb, kc, nc, packedB);
                }
                float blockBeta = pc == 0 ? beta : 1f; // later k blocks add to what the first wrote
                for (int ic = 0; ic < m; ) {
                    int mc = Math.min(mcStep, m - ic);
                    if (transA) {
                        packTransposedA(a, aOffset + pc * lda + ic, lda, mc, kc, packedA);
                    } else {
                        packA(a, aOffset + ic * lda + pc, lda, mc, kc, packedA);
                    }
                    macroKernel(mc, nc, kc, packedA, packedB, alpha, blockBeta, c, cOffset + ic * ldc + jc, ldc,
                            tile);
                    ic += mc;
                }
                pc += kc;
            }
            jc += nc;
        }
        // end-snippet
    }

    /** The accumulator tile: room for an MR×NR micro-kernel and for the direct path's 4 × 2 vectors. */
    private float[] tile(Workspace workspace) {
        int size = Math.max(mr * nr, 8 * LANES);
        if (workspace.tile.length < size) {
            workspace.tile = new float[size];
        }
        return workspace.tile;
    }

    /** Every MR×NR tile of an mc×nc block of C from packed panels; B's micro-panel outer (BLIS order). */
    // snippet: gemm-macro-kernel
    private void macroKernel(int mc, int nc, int kc, float[] packedA, float[] packedB, float alpha, float beta,
            float[] c, int cIndex, int ldc, float[] tile) {
        for (int jr = 0; jr < nc; jr += nr) {
            int columns = Math.min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir);
                microKernel(kc, packedA, ir * kc, packedB, jr * kc, tile);
                writeBack(tile, nr, rows, columns, c, cIndex + ir * ldc + jr, ldc, alpha, beta);
            }
        }
    }
    // end-snippet

    private void microKernel(int kc, float[] packedA, int aIndex, float[] packedB, int bIndex, float[] tile) {
        switch (shape) {
            case ROWS_4_BY_2_VECTORS:
                kernel4x2(kc, packedA, aIndex, packedB, bIndex, tile);
                break;
            case ROWS_3_BY_3_VECTORS:
                kernel3x3(kc, packedA, aIndex, packedB, bIndex, tile);
                break;
            default:
                kernel6x4(kc, packedA, aIndex, packedB, bIndex, tile);
        }
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
    private static void writeBack(float[] tile, int tileStride, int rows, int columns, float[] c, int cIndex, int ldc,
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

    // The micro-kernels. Indices are written as base + p * stride so that C2 sees them linear in
    // the loop variable and hoists the range checks out of the k loop. The accumulators start
    // from zero() locals, not from static final vectors (which some JDKs box), and end in the
    // tile (row stride NR) for writeBack.

    // snippet: gemm-kernel-4x2
    private static void kernel4x2(int kc, float[] pa, int aIndex, float[] pb, int bIndex, float[] tile) {
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

    private static void kernel3x3(int kc, float[] pa, int aIndex, float[] pb, int bIndex, float[] tile) {
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

    private static void kernel6x4(int kc, float[] pa, int aIndex, float[] pb, int bIndex, float[] tile) {
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

    // ---------------------------------------------------------------- packing

    /**
     * op(A) = A: rows of A are contiguous. Micro-panel r holds rows r·MR ... r·MR + MR - 1, column
     * by column: element (i, p) of the block goes to {@code (i / MR) * MR * kc + p * MR + i % MR}.
     * Rows past mc are zero, so the edge tiles compute on zeros.
     */
    // snippet: gemm-pack-a
    private void packA(float[] a, int aIndex, int lda, int mc, int kc, float[] packed) {
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
    private void packTransposedA(float[] a, int aIndex, int lda, int mc, int kc, float[] packed) {
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
    private void packB(float[] b, int bIndex, int ldb, int kc, int nc, float[] packed) {
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
    private void packTransposedB(float[] b, int bIndex, int ldb, int kc, int nc, float[] packed) {
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

    // ---------------------------------------------------------------- direct path (small problems)

    /**
     * op(B) = B and k within one block: 4-row × 2-vector tiles read straight from A and B; the
     * columns past the last full tile go one vector at a time, the last n % LANES one element
     * at a time, all with the packed path's arithmetic.
     */
    private void direct(boolean transA, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
            float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        int rowStride = transA ? 1 : lda; // distance between op(A)(i, p) and op(A)(i + 1, p)
        int colStride = transA ? lda : 1; // ... and op(A)(i, p + 1)
        int tileColumns = 2 * LANES;
        int fullRows = m - m % 4;
        int fullColumns = n - n % tileColumns;
        int vectorColumns = SPECIES.loopBound(n);
        float[] tile = tile(workspaces.get());
        for (int i = 0; i < m; i++) {
            int aRow = aOffset + i * rowStride;
            int cRow = cOffset + i * ldc;
            int j = 0;
            if (i < fullRows) {
                if (i % 4 == 0) {
                    for (; j < fullColumns; j += tileColumns) {
                        direct4x2(k, a, aRow, rowStride, colStride, b, bOffset + j, ldb, tile);
                        writeBack(tile, tileColumns, 4, tileColumns, c, cRow + j, ldc, alpha, beta);
                    }
                }
                j = fullColumns;
            }
            for (; j < vectorColumns; j += LANES) {
                direct1x1(k, a, aRow, colStride, b, bOffset + j, ldb, tile);
                writeBack(tile, LANES, 1, LANES, c, cRow + j, ldc, alpha, beta);
            }
            for (; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[aRow + p * colStride], b[bOffset + p * ldb + j], acc);
                }
                c[cRow + j] = beta == 0f ? acc * alpha : Math.fma(acc, alpha, c[cRow + j] * beta); // as writeBack
            }
        }
    }

    private static void direct4x2(int k, float[] a, int aIndex, int rowStride, int colStride, float[] b, int bIndex,
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

    private static void direct1x1(int k, float[] a, int aIndex, int colStride, float[] b, int bIndex, int ldb,
            float[] tile) {
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            acc = FloatVector.broadcast(SPECIES, a[aIndex + p * colStride])
                    .fma(FloatVector.fromArray(SPECIES, b, bIndex + p * ldb), acc);
        }
        acc.intoArray(tile, 0);
    }

    private static int roundUp(int x, int multiple) {
        return GemmBlocking.ceilDiv(x, multiple) * multiple;
    }
}
