package dev.lanewise.kernels.internal;

/**
 * The one order in which every kernel adds up a row of floats, on every vector width, JDK, JIT
 * tier and thread count, and in the scalar kernels: float addition is not associative, so a sum
 * whose order followed the hardware's vector width (or {@code reduceLanes(ADD)}, whose order is
 * unspecified) would give different bits on different machines.
 *
 * <h2>The order</h2>
 * The terms {@code t[0] ... t[n-1]} are cut into rounds of {@link #ROUND} = 32: four chunks of
 * {@link #LANES} = 8 (a 256-bit vector of floats, the "virtual vector", whatever the hardware's
 * width), and the rounds into blocks of at most {@link #BLOCK_ROUNDS} = 16 rounds (512 terms).
 * Within a block:
 * <pre>
 *   acc[a][j]  = Σ t[32r + 8a + j] over the block's rounds r, in increasing r, from +0
 *                (4 accumulators of 8 lanes: chunk a of every round goes to accumulator a)
 *   lane[j]    = (acc[0][j] + acc[1][j]) + (acc[2][j] + acc[3][j])
 *   block sum  = ((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]))
 * </pre>
 * (the lanes are folded in halves: lane j + 4 onto lane j, then j + 2, then j + 1). The row's
 * total is a double: the block sums in block order, then the terms past the last whole round
 * (fewer than 32) one at a time. Four accumulators give a vector loop four independent add
 * chains, the blocks keep each float chain short (16 additions), and the double total keeps a
 * 32000-term row accurate.
 *
 * <p>The Vector API kernels run this with one 8-lane vector per accumulator (two 4-lane vectors
 * on 128-bit hardware); this class is the same order one lane at a time, for the scalar kernels
 * and as the definition.
 *
 * <p>Internal API: it may change in any release.
 */
public final class FixedOrderSum {
    private FixedOrderSum() {}

    /** The lanes of the virtual vector: terms per chunk. */
    public static final int LANES = 8;
    /** Terms per round: one chunk for each of the 4 accumulators. */
    public static final int ROUND = 4 * LANES;
    /** Rounds per block: each float accumulator adds 16 chunks at most. */
    public static final int BLOCK_ROUNDS = 16;

    /** The total of the array elements {@code t[from] ... t[from + n - 1]} in the order above. */
    public static double sum(float[] t, int from, int n) {
        int rounds = n / ROUND;
        double total = 0;
        for (int r = 0; r < rounds; r += BLOCK_ROUNDS) {
            total += blockSum(t, from + r * ROUND, Math.min(BLOCK_ROUNDS, rounds - r));
        }
        for (int i = rounds * ROUND; i < n; i++) {
            total += t[from + i];
        }
        return total;
    }

    /** One block: {@code rounds} rounds starting at {@code t[first]}. */
    // snippet: fixed-order-block-scalar
    private static float blockSum(float[] t, int first, int rounds) {
        return ((lane(t, first, rounds, 0) + lane(t, first, rounds, 4))
                + (lane(t, first, rounds, 2) + lane(t, first, rounds, 6)))
                + ((lane(t, first, rounds, 1) + lane(t, first, rounds, 5))
                + (lane(t, first, rounds, 3) + lane(t, first, rounds, 7)));
    }

    private static float lane(float[] t, int first, int rounds, int j) {
        return (accumulator(t, first, rounds, 0, j) + accumulator(t, first, rounds, 1, j))
                + (accumulator(t, first, rounds, 2, j) + accumulator(t, first, rounds, 3, j));
    }

    private static float accumulator(float[] t, int first, int rounds, int a, int j) {
        float acc = 0f;
        for (int r = 0; r < rounds; r++) {
            acc += t[first + r * ROUND + a * LANES + j];
        }
        return acc;
    }
    // end-snippet
}
