package dev.lanewise.kernels;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Inputs for the kernel tests: random values mixed with every special value the promises name. */
final class TestData {
    private TestData() {}

    /** A value no kernel produces from the inputs here, marking elements that must stay untouched. */
    static final float SENTINEL = -7.7777e33f;

    static final float[] SPECIALS = {
        Float.NaN, Float.intBitsToFloat(0xFFC0_0001), // a negative NaN with a payload
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, 0.5f, -0.5f,
        87.34f, -87.34f, 88.72f, -88.72f, 103.97f, -103.97f, 104f, -104f, 200f, -200f,
        87.33654f, -87.33654f, 87.336548f, -87.336548f, 87.3365f, -87.3365f, 88.7228f, -88.7228f,
        16.635532f, -16.635532f, 1e-8f, -1e-8f, 30f, -30f,
    };

    /** {@code length} values: specials at random places, the rest spread over [-20, 20] and random bits. */
    static float[] mixed(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(8);
            if (kind == 0) {
                values[i] = SPECIALS[random.nextInt(SPECIALS.length)];
            } else if (kind == 1) {
                values[i] = Float.intBitsToFloat(random.nextInt());
            } else {
                values[i] = (float) (random.nextDouble() * 40 - 20);
            }
        }
        return values;
    }

    /** An array of {@code offset + length + 5} sentinels with {@code values} copied at {@code offset}. */
    static float[] placed(float[] values, int offset) {
        float[] array = filled(offset + values.length + 5);
        System.arraycopy(values, 0, array, offset, values.length);
        return array;
    }

    static float[] filled(int size) {
        float[] array = new float[size];
        Arrays.fill(array, SENTINEL);
        return array;
    }

    /** Asserts that nothing outside {@code [offset, offset + length)} of {@code array} was written. */
    static void assertUntouchedOutside(float[] array, int offset, int length, String what) {
        for (int i = 0; i < array.length; i++) {
            if ((i < offset || i >= offset + length) && Float.floatToRawIntBits(array[i]) != Float.floatToRawIntBits(SENTINEL)) {
                throw new AssertionError(what + ": element " + i + " outside [" + offset + ", " + (offset + length)
                        + ") was written: " + array[i]);
            }
        }
    }

    /** Bitwise float equality that treats every NaN as equal to every NaN. */
    static boolean same(float a, float b) {
        return (Float.isNaN(a) && Float.isNaN(b)) || Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);
    }

    /** The error of {@code actual} in ulps of the float nearest to {@code exact}. */
    static double ulpError(float actual, double exact) {
        return Math.abs(actual - exact) / Math.ulp((float) exact);
    }
}
