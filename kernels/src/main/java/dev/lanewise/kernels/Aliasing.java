package dev.lanewise.kernels;

/**
 * Refuses outputs that share elements with inputs in ways the kernels cannot compute correctly.
 * A kernel reads its inputs and writes its output in lanes, tiles and passes, so an output that
 * starts a few elements into its input reads values it has already overwritten (and differently
 * on each implementation). Every check first compares the array references, so calls on distinct
 * arrays, the usual case, pay one comparison. Called after the bounds checks, so every index here
 * is inside its array.
 */
final class Aliasing {
    private Aliasing() {}

    /**
     * An element-wise output and one of its inputs: either the very same window (in place, which
     * every element-wise kernel supports) or no shared element.
     */
    static void identicalOrDisjoint(float[] input, String inputName, int inputOffset, float[] output,
            String outputName, int outputOffset, int length) {
        if (input != output || inputOffset == outputOffset || length == 0) {
            return;
        }
        if (intersect(inputOffset, length, outputOffset, length)) {
            throw new IllegalArgumentException(outputName + " " + window(outputOffset, length) + " and " + inputName
                    + " " + window(inputOffset, length) + " overlap in the same array: an output may be its input's"
                    + " exact window (in place) or apart from it, nothing in between");
        }
    }

    /** An output and an input that must share no element at all, not even as the same window. */
    static void disjoint(float[] input, String inputName, int inputOffset, int inputLength, float[] output,
            String outputName, int outputOffset, int outputLength) {
        if (input != output || inputLength == 0 || outputLength == 0) {
            return;
        }
        if (intersect(inputOffset, inputLength, outputOffset, outputLength)) {
            throw new IllegalArgumentException(outputName + " " + window(outputOffset, outputLength) + " and "
                    + inputName + " " + window(inputOffset, inputLength) + " overlap in the same array: "
                    + outputName + " must not share elements with " + inputName);
        }
    }

    /**
     * Two row-major matrix windows (rows × cols with row stride ld, as sgemm addresses them) that
     * must share no element. Exact, not by extent: windows side by side in one array with the same
     * stride (sub-blocks of one big matrix, as blocked factorisations multiply) interleave row by
     * row without sharing an element, and are allowed. After the reference check and a check of
     * the two extents, the cost is one step per row of the shorter window, only for windows of the
     * same array whose extents meet. Requires {@code ld >= cols}, as sgemm's checks ensure.
     */
    static void disjointMatrices(float[] input, String inputName, int inputOffset, int inputRows, int inputCols,
            int inputLd, float[] output, String outputName, int outputOffset, int outputRows, int outputCols,
            int outputLd) {
        if (input != output || inputRows == 0 || inputCols == 0 || outputRows == 0 || outputCols == 0) {
            return;
        }
        long shared = firstSharedIndex(inputOffset, inputRows, inputCols, inputLd, outputOffset, outputRows,
                outputCols, outputLd);
        if (shared >= 0) {
            throw new IllegalArgumentException(outputName + " and " + inputName + " share elements of the same array"
                    + " (index " + shared + " is in both: " + outputName + " " + matrix(outputOffset, outputRows,
                    outputCols, outputLd) + ", " + inputName + " " + matrix(inputOffset, inputRows, inputCols,
                    inputLd) + "): " + outputName + " must not overlap " + inputName);
        }
    }

    /** The lowest index in both windows, or -1 when they share none. */
    private static long firstSharedIndex(int offsetA, int rowsA, int colsA, int ldA, int offsetB, int rowsB,
            int colsB, int ldB) {
        long endA = offsetA + (long) (rowsA - 1) * ldA + colsA;
        long endB = offsetB + (long) (rowsB - 1) * ldB + colsB;
        if (endA <= offsetB || endB <= offsetA) {
            return -1;
        }
        // Walk the rows of the window with fewer rows; each row is one interval against the other's
        // rows. Rows ascend without overlapping (ld >= cols), so the first row that hits holds the
        // lowest shared index.
        if (rowsA > rowsB) {
            return firstSharedIndex(offsetB, rowsB, colsB, ldB, offsetA, rowsA, colsA, ldA);
        }
        for (int row = 0; row < rowsA; row++) {
            long start = offsetA + (long) row * ldA;
            long shared = firstIndexInRows(start, start + colsA, offsetB, rowsB, colsB, ldB);
            if (shared >= 0) {
                return shared;
            }
        }
        return -1;
    }

    /** The lowest index of {@code [start, end)} inside a row of the given window, or -1. */
    private static long firstIndexInRows(long start, long end, int offset, int rows, int cols, int ld) {
        // The first row that ends after start is the only candidate for the lowest shared index.
        long row = Math.max(0, Math.floorDiv(start - cols - offset, (long) ld) + 1);
        if (row >= rows) {
            return -1;
        }
        long rowStart = offset + row * ld;
        return rowStart < end ? Math.max(start, rowStart) : -1;
    }

    private static boolean intersect(int offsetA, int lengthA, int offsetB, int lengthB) {
        return (long) offsetA < (long) offsetB + lengthB && (long) offsetB < (long) offsetA + lengthA;
    }

    private static String window(int offset, int length) {
        return "[" + offset + ", " + ((long) offset + length) + ")";
    }

    private static String matrix(int offset, int rows, int cols, int ld) {
        return rows + "×" + cols + " from index " + offset + " with row stride " + ld;
    }
}
