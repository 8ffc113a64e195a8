package dev.lanewise.kernels;

import java.util.Objects;

/**
 * Argument validation shared by the public kernels. Every public entry point validates all of its
 * arguments through these methods (and {@link Aliasing}'s overlap checks) before it writes
 * anything, so a bad call leaves every output untouched. Messages name the argument as the caller
 * spelled it.
 */
final class Checks {
    private Checks() {}

    static <T> T notNull(T array, String name) {
        return Objects.requireNonNull(array, () -> name + " is null");
    }

    static void nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " is negative: " + value);
        }
    }

    /**
     * Checks that {@code [offset, offset + length)} lies inside an array of {@code arrayLength}
     * elements, without overflowing int arithmetic.
     */
    static void range(String arrayName, int arrayLength, String offsetName, int offset, long length) {
        if (offset < 0) {
            throw new IndexOutOfBoundsException(offsetName + " is negative: " + offset);
        }
        if (offset > arrayLength) {
            throw new IndexOutOfBoundsException(
                    offsetName + " " + offset + " is past the end of " + arrayName + " (length " + arrayLength + ")");
        }
        if ((long) offset + length > arrayLength) {
            throw new IndexOutOfBoundsException(arrayName + " is too short: " + offsetName + " " + offset + " + "
                    + length + " elements needs length " + ((long) offset + length) + ", has " + arrayLength);
        }
    }

    /** A float array segment: not null, and {@code [offset, offset + length)} inside it. */
    static void segment(float[] array, String arrayName, int offset, String offsetName, long length) {
        notNull(array, arrayName);
        range(arrayName, array.length, offsetName, offset, length);
    }

    /** The product {@code a * b} of two non-negative sizes, or an exception if it overflows int. */
    static int product(int a, String aName, int b, String bName) {
        long p = (long) a * b;
        if (p > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    aName + " × " + bName + " = " + a + " × " + b + " overflows int (" + p + ")");
        }
        return (int) p;
    }

    static void sameLength(int a, String aName, int b, String bName) {
        if (a != b) {
            throw new IllegalArgumentException(
                    aName + ".length (" + a + ") differs from " + bName + ".length (" + b + ")");
        }
    }
}
