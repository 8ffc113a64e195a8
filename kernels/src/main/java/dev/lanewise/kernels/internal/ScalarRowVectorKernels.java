package dev.lanewise.kernels.internal;

/** The scalar reference of the row-vector kernels: the formulas, one element at a time. */
public final class ScalarRowVectorKernels implements RowVectorKernels {

    public static final ScalarRowVectorKernels INSTANCE = new ScalarRowVectorKernels();

    private ScalarRowVectorKernels() {}

    @Override
    public void addToEachRow(float[] v, int vOffset, float[] m, int mOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                m[mOffset + r * cols + j] += v[vOffset + j];
            }
        }
    }

    @Override
    public void sumOfRows(float[] m, int mOffset, int rows, int cols, float[] sums, int sumsOffset) {
        for (int j = 0; j < cols; j++) {
            float sum = 0f;
            for (int r = 0; r < rows; r++) {
                sum += m[mOffset + r * cols + j];
            }
            sums[sumsOffset + j] = sum;
        }
    }
}
