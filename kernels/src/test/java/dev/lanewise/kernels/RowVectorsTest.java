package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.RowVectorKernels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bias broadcast and the column sums, against their definitions, on every column tail. */
class RowVectorsTest {

    static List<KernelProvider> implementations() {
        return Implementations.all();
    }

    private static final int[] ROWS = {0, 1, 2, 3, 7, 100};

    @ParameterizedTest
    @MethodSource("implementations")
    void addToEachRowIsOneFloatAdditionPerElement(KernelProvider provider) {
        RowVectorKernels kernels = provider.rowVectors();
        for (int rows : ROWS) {
            for (int cols : Implementations.lengths()) {
                if ((long) rows * cols > 200_000) {
                    continue;
                }
                int offset = (rows + cols) % 3;
                float[] values = TestData.mixed(rows * cols, rows * 1000L + cols);
                float[] v = TestData.mixed(cols, cols);
                float[] m = TestData.placed(values, offset);
                float[] vPlaced = TestData.placed(v, 2);
                kernels.addToEachRow(vPlaced, 2, m, offset, rows, cols);
                String where = provider.name() + " addToEachRow " + rows + "×" + cols;
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        float expected = values[r * cols + j] + v[j];
                        if (!TestData.same(expected, m[offset + r * cols + j])) {
                            fail(where + ": [" + r + "][" + j + "] = " + m[offset + r * cols + j] + ", expected " + expected);
                        }
                    }
                }
                TestData.assertUntouchedOutside(m, offset, rows * cols, where);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sumOfRowsIsWithinTheRecursiveSummationBoundAndMatchesScalarBits(KernelProvider provider) {
        RowVectorKernels kernels = provider.rowVectors();
        RowVectorKernels scalar = Kernels.scalar().rowVectors();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int rows : ROWS) {
            for (int cols : Implementations.lengths()) {
                if ((long) rows * cols > 200_000) {
                    continue;
                }
                float[] values = new float[rows * cols];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
                }
                int offset = cols % 4;
                float[] m = TestData.placed(values, offset);
                float[] sums = TestData.filled(cols + 3);
                kernels.sumOfRows(m, offset, rows, cols, sums, 1);
                float[] scalarSums = new float[cols];
                scalar.sumOfRows(values, 0, rows, cols, scalarSums, 0);
                String where = provider.name() + " sumOfRows " + rows + "×" + cols;
                for (int j = 0; j < cols; j++) {
                    double exact = 0;
                    double magnitude = 0;
                    for (int r = 0; r < rows; r++) {
                        exact += values[r * cols + j];
                        magnitude += Math.abs(values[r * cols + j]);
                    }
                    double bound = Math.max(rows - 1, 0) * 0x1p-24 * magnitude;
                    if (Math.abs(sums[1 + j] - exact) > bound) {
                        fail(where + ": column " + j + " = " + sums[1 + j] + ", exact " + exact + ", bound " + bound);
                    }
                    if (!TestData.same(scalarSums[j], sums[1 + j])) {
                        fail(where + ": column " + j + " differs from the scalar reference's bits");
                    }
                }
                TestData.assertUntouchedOutside(sums, 1, cols, where);
            }
        }
    }

    @Test
    void specialValuesPropagateAsInFloatArithmetic() {
        float[] m = {1f, Float.NaN, Float.POSITIVE_INFINITY, 2f, 3f, Float.NEGATIVE_INFINITY};
        float[] sums = new float[3];
        RowVectors.sumOfRows(m, 0, 2, 3, sums, 0);
        assertArrayEquals(new float[] {3f, Float.NaN, Float.NaN}, sums);
        float[] bias = {Float.NaN, 0f, -1f};
        float[] target = {1f, 2f, 3f};
        RowVectors.addToEachRow(bias, 0, target, 0, 1, 3);
        assertArrayEquals(new float[] {Float.NaN, 2f, 2f}, target);
    }

    @Test
    void badArgumentsThrowBeforeWriting() {
        float[] m = TestData.filled(12);
        float[] v = new float[4];
        assertMessage(assertThrows(NullPointerException.class, () -> RowVectors.addToEachRow(null, 0, m, 0, 3, 4)), "v");
        assertMessage(assertThrows(NullPointerException.class, () -> RowVectors.sumOfRows(null, 0, 3, 4, v, 0)), "m");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RowVectors.addToEachRow(v, 0, m, 0, -1, 4)), "rows");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RowVectors.sumOfRows(m, 0, 3, -4, v, 0)), "cols");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> RowVectors.sumOfRows(m, 0, 1 << 16, 1 << 16, v, 0)), "overflows");
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> RowVectors.addToEachRow(v, 1, m, 0, 3, 4)), "v is too short");
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> RowVectors.addToEachRow(v, 0, m, 1, 3, 4)), "m is too short");
        float[] sums = TestData.filled(4);
        assertMessage(assertThrows(IndexOutOfBoundsException.class, () -> RowVectors.sumOfRows(m, 0, 3, 4, sums, 2)), "sums is too short");
        TestData.assertUntouchedOutside(m, 0, 0, "m after rejected calls");
        TestData.assertUntouchedOutside(sums, 0, 0, "sums after rejected calls");
    }

    private static void assertMessage(Throwable thrown, String mentions) {
        assertTrue(thrown.getMessage().contains(mentions), "message should mention " + mentions + ": " + thrown.getMessage());
    }
}
