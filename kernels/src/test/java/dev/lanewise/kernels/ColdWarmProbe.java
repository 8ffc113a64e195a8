package dev.lanewise.kernels;

import java.util.SplittableRandom;

/**
 * Run in a fresh JVM by {@link DispatchTest}: calls sigmoid and softmax once cold (interpreted),
 * then often enough for C2 to compile them, and prints how many output elements changed bits.
 */
public final class ColdWarmProbe {
    private ColdWarmProbe() {}

    public static void main(String[] args) {
        int rows = 2;
        int cols = 32000;
        float[] x = new float[rows * cols];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-30, 30);
        }
        float[] coldSigmoid = new float[x.length];
        float[] coldSoftmax = new float[x.length];
        Activations.sigmoid(x, coldSigmoid);
        Softmax.softmax(x, 0, coldSoftmax, 0, rows, cols);
        float[] warm = new float[x.length];
        for (int call = 0; call < 2000; call++) {
            Activations.sigmoid(x, warm);
        }
        int changed = differing(coldSigmoid, warm);
        for (int call = 0; call < 2000; call++) {
            Softmax.softmax(x, 0, warm, 0, rows, cols);
        }
        changed += differing(coldSoftmax, warm);
        System.out.println(Lanewise.implementation() + " changed " + changed);
    }

    private static int differing(float[] a, float[] b) {
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                count++;
            }
        }
        return count;
    }
}
