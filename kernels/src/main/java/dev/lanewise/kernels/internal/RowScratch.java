package dev.lanewise.kernels.internal;

/**
 * A per-thread row of floats, grown on demand and then reused, for kernels that must hold a
 * row's terms somewhere other than their output (log-softmax in place, a softmax backward whose
 * output is its input): repeated calls allocate nothing, and concurrent calls never share it.
 *
 * <p>Internal API: it may change in any release.
 */
public final class RowScratch {
    private RowScratch() {}

    private static final ThreadLocal<float[][]> ROWS =
            ThreadLocal.withInitial(() -> new float[][] {new float[64], new float[64]});

    /** This thread's scratch row of at least {@code length} floats; its contents are undefined. */
    public static float[] get(int length) {
        return row(0, length);
    }

    /**
     * This thread's second scratch row, never the same array as {@link #get}'s, for kernels that
     * keep two rows of terms at once (the scalar normalisation backward); its contents are undefined.
     */
    public static float[] second(int length) {
        return row(1, length);
    }

    private static float[] row(int which, int length) {
        float[][] holder = ROWS.get();
        if (holder[which].length < length) {
            holder[which] = new float[Math.max(length, 2 * holder[which].length)];
        }
        return holder[which];
    }
}
