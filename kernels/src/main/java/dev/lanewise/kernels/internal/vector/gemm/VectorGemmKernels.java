package dev.lanewise.kernels.internal.vector.gemm;

import dev.lanewise.kernels.internal.GemmBlocking;
import dev.lanewise.kernels.internal.GemmKernels;
import dev.lanewise.kernels.internal.vector.Species;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * sgemm on Vector API lanes, after BLIS (Van Zee and van de Geijn, "BLIS: A Framework for Rapidly
 * Instantiating BLAS Functionality", 2015). This package holds one file per BLIS layer:
 * <ul>
 * <li>{@code VectorGemmKernels} (this file): the loop nest and its cache blocking, the macro-kernel
 *     and the direct path for small problems;
 * <li>{@link Packing}: op(A) and op(B) copied into micro-panels;
 * <li>{@link MicroKernels}: the register tiles and the write-back into C.
 * </ul>
 * The blocking and the tile are chosen by {@code VectorKernelProvider} from
 * {@code internal.Config}; why those values is in docs/porting-guide.md, section 6.
 *
 * <h2>Algorithm</h2>
 * <pre>
 *   for each block of NC columns of C                      (B block kc×nc stays in L3)
 *     for each block of KC of the k dimension
 *       pack op(B)[pc..pc+kc, jc..jc+nc] into kc×NR micro-panels, zero-padded to NR columns  (Packing)
 *       for each block of MC rows of C                     (A block mc×kc stays in L2)
 *         pack op(A)[ic..ic+mc, pc..pc+kc] into MR×kc micro-panels, zero-padded to MR rows  (Packing)
 *         for each NR-wide micro-panel of B                (stays in L1 while A streams past)
 *           for each MR-high micro-panel of A
 *             micro-kernel: an MR×NR tile of C in vector registers, kc rank-1 updates    (MicroKernels)
 * </pre>
 * The transposes are handled by the packing alone, so one micro-kernel serves NN, NT, TN and TT.
 * The k dimension is cut into equal blocks no longer than KC (784 = 4 × 196, not 3 × 256 + 16).
 * alpha and beta are applied once, when a tile is written back: {@code c = acc * alpha + c * beta}
 * on the first k block (just {@code acc * alpha}, without reading C, when beta is 0) and
 * {@code c = acc * alpha + c} on the later ones. Edge tiles are computed in full on the
 * zero-padded panels like any other and only their m×n part is merged into C, so nothing outside
 * C's window is touched. Every tile goes through the accumulator buffer and one write-back
 * routine (see {@link MicroKernels#writeBack}).
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
 * <p>A C a quarter of a tile wide or narrower (the output layer's 256×10, a matrix-vector product) is computed
 * as its transpose, C^T = op(B)^T op(A)^T, whose tiles it fills far better, in a per-thread
 * buffer, and copied back: the same arithmetic per element, so the same bits.
 *
 * <p>Packing buffers live in a per-thread workspace grown on demand, so repeated calls allocate
 * nothing and concurrent calls never share a buffer.
 */
public final class VectorGemmKernels implements GemmKernels {

    static final VectorSpecies<Float> SPECIES = Species.FLOAT;
    static final int LANES = Species.LANES;

    /** The register tile: MR rows by NR = vectors × LANES columns. */
    public enum Shape {
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

        public int columns() {
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
        /** C transposed, n×m, for the skinny path. */
        float[] transposedC = new float[0];
    }

    public VectorGemmKernels(Shape shape, int kc, int mc, int nc, long directMaxVolume) {
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
        if (fillsTilesBetterTransposed(m, n)) {
            transposed(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        } else {
            untransposed(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    private void untransposed(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
            int aOffset, int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        if (!transB && k <= kcMax && (long) m * n * k <= directMaxVolume) {
            direct(transA, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        } else {
            blocked(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    // ---------------------------------------------------------------- skinny C: the transposed problem

    /**
     * Whether C is so narrow (a quarter of a tile's columns or fewer) that the tiles of the
     * transposed problem, C^T = op(B)^T op(A)^T, would be fuller by a quarter or more: a 256×10 C
     * fills 10 of a 6×64 tile's 64 columns (16%), its transpose 10 of 12 rows (83%). A
     * matrix-vector product (n = 1) is the extreme case. Only that narrow: the transposed problem
     * packs op(A) as its B, a strided gather that costs more than the wasted columns save when the
     * tile is better filled (measured at 256×512×10 on AVX-512: 1.9× faster; see RESULTS.md).
     */
    private boolean fillsTilesBetterTransposed(int m, int n) {
        if (4 * n > nr) {
            return false;
        }
        double filled = (double) m / roundUp(m, mr) * n / roundUp(n, nr);
        double filledTransposed = (double) n / roundUp(n, mr) * m / roundUp(m, nr);
        return filledTransposed >= 1.25 * filled;
    }

    /**
     * C computed as its transpose in the workspace, then copied back. Bit for bit the untransposed
     * result: each element is the same fused multiply-add chain over p (fma(a, b, acc) is
     * fma(b, a, acc)) in the same k blocks, with the same write-back of alpha and beta; C is read
     * (copied into the transpose) only when beta is not 0.
     */
    private void transposed(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
            int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        Workspace workspace = workspaces.get();
        if (workspace.transposedC.length < m * n) {
            workspace.transposedC = new float[m * n];
        }
        float[] cT = workspace.transposedC; // n×m, row j is column j of C
        if (beta != 0f) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    cT[j * m + i] = c[cOffset + i * ldc + j];
                }
            }
        }
        // op(B)^T is B read with the other transpose flag, op(A)^T likewise.
        untransposed(!transB, !transA, n, m, k, alpha, b, bOffset, ldb, a, aOffset, lda, beta, cT, 0, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOffset + i * ldc + j] = cT[j * m + i];
            }
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
                    Packing.packTransposedB(b, bOffset + jc * ldb + pc, ldb, kc, nc, nr, packedB);
                } else {
                    Packing.packB(b, bOffset + pc * ldb + jc, ldb, kc, nc, nr, packedB);
                }
                float blockBeta = pc == 0 ? beta : 1f; // later k blocks add to what the first wrote
                for (int ic = 0; ic < m; ) {
                    int mc = Math.min(mcStep, m - ic);
                    if (transA) {
                        Packing.packTransposedA(a, aOffset + pc * lda + ic, lda, mc, kc, mr, packedA);
                    } else {
                        Packing.packA(a, aOffset + ic * lda + pc, lda, mc, kc, mr, packedA);
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

    /** The accumulator tile: room for one MR×NR tile, packed or direct. */
    private float[] tile(Workspace workspace) {
        int size = mr * nr;
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
                MicroKernels.writeBack(tile, nr, rows, columns, c, cIndex + ir * ldc + jr, ldc, alpha, beta);
            }
        }
    }
    // end-snippet

    private void microKernel(int kc, float[] packedA, int aIndex, float[] packedB, int bIndex, float[] tile) {
        switch (shape) {
            case ROWS_4_BY_2_VECTORS:
                MicroKernels.kernel4x2(kc, packedA, aIndex, packedB, bIndex, tile);
                break;
            case ROWS_3_BY_3_VECTORS:
                MicroKernels.kernel3x3(kc, packedA, aIndex, packedB, bIndex, tile);
                break;
            default:
                MicroKernels.kernel6x4(kc, packedA, aIndex, packedB, bIndex, tile);
        }
    }

    // ---------------------------------------------------------------- direct path (small problems)

    /**
     * op(B) = B and k within one block: the chosen MR×NR register tile, read straight from A and
     * B; the rows past the last full tile and the columns past the last full tile go one vector
     * at a time, the last n % LANES one element at a time, all with the packed path's arithmetic.
     */
    private void direct(boolean transA, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
            float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
        int rowStride = transA ? 1 : lda; // distance between op(A)(i, p) and op(A)(i + 1, p)
        int colStride = transA ? lda : 1; // ... and op(A)(i, p + 1)
        int tileColumns = nr;
        int fullRows = m - m % mr;
        int fullColumns = n - n % tileColumns;
        int vectorColumns = SPECIES.loopBound(n);
        float[] tile = tile(workspaces.get());
        for (int i = 0; i < m; i++) {
            int aRow = aOffset + i * rowStride;
            int cRow = cOffset + i * ldc;
            int j = 0;
            if (i < fullRows) {
                if (i % mr == 0) {
                    for (; j < fullColumns; j += tileColumns) {
                        directKernel(k, a, aRow, rowStride, colStride, b, bOffset + j, ldb, tile);
                        MicroKernels.writeBack(tile, tileColumns, mr, tileColumns, c, cRow + j, ldc, alpha, beta);
                    }
                }
                j = fullColumns;
            }
            for (; j < vectorColumns; j += LANES) {
                MicroKernels.direct1x1(k, a, aRow, colStride, b, bOffset + j, ldb, tile);
                MicroKernels.writeBack(tile, LANES, 1, LANES, c, cRow + j, ldc, alpha, beta);
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

    private void directKernel(int k, float[] a, int aIndex, int rowStride, int colStride, float[] b, int bIndex, int ldb,
            float[] tile) {
        switch (shape) {
            case ROWS_4_BY_2_VECTORS:
                MicroKernels.direct4x2(k, a, aIndex, rowStride, colStride, b, bIndex, ldb, tile);
                break;
            case ROWS_3_BY_3_VECTORS:
                MicroKernels.direct3x3(k, a, aIndex, rowStride, colStride, b, bIndex, ldb, tile);
                break;
            default:
                MicroKernels.direct6x4(k, a, aIndex, rowStride, colStride, b, bIndex, ldb, tile);
        }
    }

    private static int roundUp(int x, int multiple) {
        return GemmBlocking.ceilDiv(x, multiple) * multiple;
    }
}
