package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.RowVectorKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row-vector kernels on lanes. Both walk the matrix in memory order, a row at a time, with
 * the vector index running along the columns; a scalar tail finishes each row.
 */
final class VectorRowVectorKernels implements RowVectorKernels {

    static final VectorRowVectorKernels INSTANCE = new VectorRowVectorKernels();

    private static final VectorSpecies<Float> SPECIES = Species.FLOAT;
    private static final int LANES = SPECIES.length();

    private VectorRowVectorKernels() {}

    @Override
    public void addToEachRow(float[] v, int vOffset, float[] m, int mOffset, int rows, int cols) {
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = mOffset + r * cols;
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector.fromArray(SPECIES, m, row + j)
                        .add(FloatVector.fromArray(SPECIES, v, vOffset + j))
                        .intoArray(m, row + j);
            }
            for (; j < cols; j++) {
                m[row + j] += v[vOffset + j];
            }
        }
    }

    /**
     * Column sums in memory order: the sums live in the output array (zeroed first) and every
     * row is added to them, lanes along the columns. Each column's sum is added in
     * row order, the scalar reference's order, so both give the same bits. (Sums of one column in
     * several accumulators would be faster for tall narrow matrices and lose that equality; the
     * affine layer's bias gradient is short and wide.)
     */
    @Override
    public void sumOfRows(float[] m, int mOffset, int rows, int cols, float[] sums, int sumsOffset) {
        java.util.Arrays.fill(sums, sumsOffset, sumsOffset + cols, 0f);
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = mOffset + r * cols;
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector.fromArray(SPECIES, sums, sumsOffset + j)
                        .add(FloatVector.fromArray(SPECIES, m, row + j))
                        .intoArray(sums, sumsOffset + j);
            }
            for (; j < cols; j++) {
                sums[sumsOffset + j] += m[row + j];
            }
        }
    }
}
