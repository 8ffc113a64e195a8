package dev.lanewise.kernels.internal;

/**
 * Row-vector kernels of the affine layer behind {@link dev.lanewise.kernels.RowVectors}: broadcast
 * a vector onto every row of a row-major matrix (the bias) and sum the rows (the bias gradient).
 * Arguments are validated by the caller.
 *
 * <p>Internal API: it may change in any release.
 */
public interface RowVectorKernels {

    /** {@code m[r][j] += v[j]} for every row r of the rows×cols matrix at {@code mOffset}. */
    void addToEachRow(float[] v, int vOffset, float[] m, int mOffset, int rows, int cols);

    /** {@code sums[j] = m[0][j] + m[1][j] + ... + m[rows-1][j]}, added in row order. */
    void sumOfRows(float[] m, int mOffset, int rows, int cols, float[] sums, int sumsOffset);
}
