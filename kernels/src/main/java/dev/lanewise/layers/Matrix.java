package dev.lanewise.layers;

import java.util.Objects;

/**
 * A row-major {@code rows × cols} float matrix over a plain {@code float[]}: element (r, c) is
 * {@code data()[r * cols + c]}. One sample is one row, so a batch of N samples of width d is an
 * N×d matrix and a single sample is a 1×d matrix. Not thread-safe; no copies are made.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    /**
     * A rows×cols matrix of zeros.
     *
     * @param rows the number of rows, not negative
     * @param cols the number of columns, not negative
     * @throws IllegalArgumentException if a dimension is negative or rows × cols exceeds {@code Integer.MAX_VALUE}
     */
    public Matrix(int rows, int cols) {
        this(rows, cols, new float[checkedSize(rows, cols)]);
    }

    /**
     * Wraps {@code data} (no copy).
     *
     * @param rows the number of rows, not negative
     * @param cols the number of columns, not negative
     * @param data the elements, row after row; its length must be exactly rows × cols
     * @throws IllegalArgumentException if a dimension is negative or data has the wrong length
     * @throws NullPointerException if data is null
     */
    public Matrix(int rows, int cols, float[] data) {
        int size = checkedSize(rows, cols);
        Objects.requireNonNull(data, "data is null");
        if (data.length != size) {
            throw new IllegalArgumentException(
                    "data has " + data.length + " elements; a " + rows + "×" + cols + " matrix needs " + size);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * A matrix holding a copy of the given values, row after row.
     *
     * @param rows the number of rows, not negative
     * @param cols the number of columns, not negative
     * @param values exactly rows × cols values
     * @return the new matrix
     * @throws IllegalArgumentException if a dimension is negative or the count of values is wrong
     * @throws NullPointerException if values is null
     */
    public static Matrix of(int rows, int cols, float... values) {
        return new Matrix(rows, cols, Shapes.requireNonNull(values, "values").clone());
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "×" + cols);
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + rows + "×" + cols + " has more than Integer.MAX_VALUE elements");
        }
        return (int) size;
    }

    /**
     * The number of rows.
     *
     * @return rows
     */
    public int rows() {
        return rows;
    }

    /**
     * The number of columns.
     *
     * @return cols
     */
    public int cols() {
        return cols;
    }

    /**
     * The backing array, row-major: element (r, c) is at {@code r * cols() + c}.
     *
     * @return the array itself (not a copy)
     */
    public float[] data() {
        return data;
    }

    /**
     * Element (r, c).
     *
     * @param r the row, in {@code [0, rows())}
     * @param c the column, in {@code [0, cols())}
     * @return the element
     * @throws IndexOutOfBoundsException if r or c is out of range
     */
    public float get(int r, int c) {
        return data[index(r, c)];
    }

    /**
     * Sets element (r, c).
     *
     * @param r the row, in {@code [0, rows())}
     * @param c the column, in {@code [0, cols())}
     * @param value the new value
     * @throws IndexOutOfBoundsException if r or c is out of range
     */
    public void set(int r, int c, float value) {
        data[index(r, c)] = value;
    }

    private int index(int r, int c) {
        Objects.checkIndex(r, rows);
        Objects.checkIndex(c, cols);
        return r * cols + c;
    }

    /**
     * The shape, as the layers' messages print it.
     *
     * @return {@code "rows×cols"}
     */
    public String shape() {
        return rows + "×" + cols;
    }

    /** True when both have this shape. */
    boolean hasShape(int rows, int cols) {
        return this.rows == rows && this.cols == cols;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Matrix ").append(shape()).append(" [");
        for (int r = 0; r < Math.min(rows, 8); r++) {
            text.append(r == 0 ? "" : ", ").append('[');
            for (int c = 0; c < Math.min(cols, 8); c++) {
                text.append(c == 0 ? "" : ", ").append(get(r, c));
            }
            text.append(cols > 8 ? ", …]" : "]");
        }
        return text.append(rows > 8 ? ", …]" : "]").toString();
    }

    /** This matrix if it is rows×cols, else a new rows×cols matrix: the layers' buffer reuse. */
    static Matrix reuse(Matrix buffer, int rows, int cols) {
        return buffer != null && buffer.hasShape(rows, cols) ? buffer : new Matrix(rows, cols);
    }
}
