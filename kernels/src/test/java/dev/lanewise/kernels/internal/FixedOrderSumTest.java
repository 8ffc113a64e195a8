package dev.lanewise.kernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FixedOrderSum} against its definition written the plainest way: 4 accumulators of 16
 * lanes per block, every position of the last round padded with +0, the lanes folded in halves by
 * a loop. The class's shortcuts (the partial round's skipped +0 additions) must give the same bits.
 */
class FixedOrderSumTest {

    /** The order as the class javadoc defines it, with arrays and loops. */
    private static double definition(float[] t, int from, int n) {
        double total = 0;
        int rounds = (n + FixedOrderSum.ROUND - 1) / FixedOrderSum.ROUND; // the last one padded
        int wholeRounds = n / FixedOrderSum.ROUND;
        for (int r = 0; r < rounds; ) {
            int blockRounds = r < wholeRounds ? Math.min(FixedOrderSum.BLOCK_ROUNDS, wholeRounds - r) : 1;
            float[][] acc = new float[4][FixedOrderSum.LANES];
            for (int round = r; round < r + blockRounds; round++) {
                for (int a = 0; a < 4; a++) {
                    for (int j = 0; j < FixedOrderSum.LANES; j++) {
                        int k = round * FixedOrderSum.ROUND + a * FixedOrderSum.LANES + j;
                        acc[a][j] += k < n ? t[from + k] : 0f;
                    }
                }
            }
            float[] lane = new float[FixedOrderSum.LANES];
            for (int j = 0; j < lane.length; j++) {
                lane[j] = (acc[0][j] + acc[1][j]) + (acc[2][j] + acc[3][j]);
            }
            for (int half = lane.length / 2; half >= 1; half /= 2) {
                for (int j = 0; j < half; j++) {
                    lane[j] += lane[j + half];
                }
            }
            total += lane[0];
            r += blockRounds;
        }
        return total;
    }

    private static float[] terms(SplittableRandom random, int n) {
        float[] specials = {-0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, 1e30f, -1e30f, 1f, -1f};
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            t[i] = kind == 0 ? specials[random.nextInt(specials.length)]
                    : kind == 1 ? -0f
                    : (float) ((random.nextDouble() - 0.5) * Math.pow(2, random.nextInt(-30, 30)));
        }
        return t;
    }

    @Test
    void sumFollowsTheDefinitionBitForBit() {
        SplittableRandom random = new SplittableRandom(20261130);
        for (int n = 0; n <= 2200; n += n < 140 ? 1 : 37) {
            for (int trial = 0; trial < 3; trial++) {
                float[] t = terms(random, n + 3);
                assertEquals(Double.doubleToLongBits(definition(t, 3, n)),
                        Double.doubleToLongBits(FixedOrderSum.sum(t, 3, n)), "n = " + n);
            }
        }
    }

    @Test
    void partialRoundsFollowTheDefinitionBitForBit() {
        SplittableRandom random = new SplittableRandom(17);
        for (int rest = 1; rest < FixedOrderSum.ROUND; rest++) {
            for (int trial = 0; trial < 20; trial++) {
                float[] a = terms(random, rest + 1);
                float[] b = terms(random, rest + 2);
                float[] products = new float[rest];
                for (int i = 0; i < rest; i++) {
                    products[i] = a[1 + i] * b[2 + i];
                }
                float expected = (float) definition(a, 1, rest);
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(FixedOrderSum.partialRoundSum(a, 1, rest)),
                        "sum, rest = " + rest);
                assertEquals(Float.floatToIntBits((float) definition(products, 0, rest)),
                        Float.floatToIntBits(FixedOrderSum.partialRoundDot(a, 1, b, 2, rest)), "dot, rest = " + rest);
            }
        }
    }

    @Test
    void aRowOfNegativeZerosSumsToPositiveZero() {
        float[] t = new float[100];
        java.util.Arrays.fill(t, -0f);
        for (int n = 1; n <= 100; n++) {
            assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(FixedOrderSum.sum(t, 0, n)), "n = " + n);
        }
    }
}
