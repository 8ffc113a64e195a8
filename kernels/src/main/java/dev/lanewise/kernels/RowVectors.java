package dev.lanewise.kernels;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.RowVectorKernels;

/**
 * A vector against the rows of a row-major matrix: the bias broadcast of an affine layer
 * ({@code out = x·W + b}) and its gradient ({@code db} = the sum of {@code dout} over the batch).
 *
 * <p>The matrix is {@code rows × cols}, row-major with contiguous rows, starting at its offset. The
 * vector has {@code cols} elements. The vector and the matrix (or the sums and the matrix) must
 * not share an element. Static, thread-safe, allocation-free. Arguments are checked before
 * anything is written: null arrays (NullPointerException naming them), negative rows or cols or
 * {@code rows × cols} overflowing int (IllegalArgumentException), offsets or sizes outside an
 * array (IndexOutOfBoundsException), the vector or sums overlapping the matrix in the same array
 * (IllegalArgumentException naming both).
 */
public final class RowVectors {
    private RowVectors() {}

    private static final RowVectorKernels KERNELS = Kernels.family(RowVectorKernels.class, KernelProvider::rowVectors);

    /**
     * {@code m[r][j] += v[j]} for every row: one float addition per element, so the result is
     * exactly the float sum, identical on every implementation.
     *
     * @param v the vector of cols elements
     * @param vOffset the index in {@code v} of its first element
     * @param m the matrix, rows × cols, updated in place
     * @param mOffset the index in {@code m} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns, not negative
     */
    public static void addToEachRow(float[] v, int vOffset, float[] m, int mOffset, int rows, int cols) {
        int size = checkMatrix(m, "m", mOffset, "mOffset", rows, cols);
        Checks.segment(v, "v", vOffset, "vOffset", cols);
        Aliasing.disjoint(v, "v", vOffset, cols, m, "m", mOffset, size);
        KERNELS.addToEachRow(v, vOffset, m, mOffset, rows, cols);
    }

    /**
     * {@code sums[j] = m[0][j] + m[1][j] + ... + m[rows-1][j]}, starting from +0 and added in row
     * order in float, on every implementation (so the same bits); the usual bound for recursive
     * summation applies: within {@code (rows - 1) · 2⁻²⁴ · Σ|m[r][j]|} of the exact sum. With
     * {@code rows == 0} the sums are 0.
     *
     * @param m the matrix, rows × cols
     * @param mOffset the index in {@code m} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns, not negative
     * @param sums receives the cols column sums
     * @param sumsOffset the index in {@code sums} of its first element
     */
    public static void sumOfRows(float[] m, int mOffset, int rows, int cols, float[] sums, int sumsOffset) {
        int size = checkMatrix(m, "m", mOffset, "mOffset", rows, cols);
        Checks.segment(sums, "sums", sumsOffset, "sumsOffset", cols);
        Aliasing.disjoint(m, "m", mOffset, size, sums, "sums", sumsOffset, cols);
        KERNELS.sumOfRows(m, mOffset, rows, cols, sums, sumsOffset);
    }

    /** Checks the matrix and returns its size, {@code rows * cols}. */
    private static int checkMatrix(float[] m, String name, int offset, String offsetName, int rows, int cols) {
        Checks.notNull(m, name);
        Checks.nonNegative(rows, "rows");
        Checks.nonNegative(cols, "cols");
        int size = Checks.product(rows, "rows", cols, "cols");
        Checks.segment(m, name, offset, offsetName, size);
        return size;
    }
}
