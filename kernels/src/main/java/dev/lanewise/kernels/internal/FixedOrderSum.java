package dev.lanewise.kernels.internal;

/**
 * The one order in which every kernel adds up a row of floats, on every vector width, JDK, JIT
 * tier and thread count, and in the scalar kernels: float addition is not associative, so a sum
 * whose order followed the hardware's vector width (or {@code reduceLanes(ADD)}, whose order is
 * unspecified) would give different bits on different machines.
 *
 * <h2>The order</h2>
 * The terms {@code t[0] ... t[n-1]} are cut into rounds of {@link #ROUND} = 64: four chunks of
 * {@link #LANES} = 16 (a 512-bit vector of floats, the "virtual vector", whatever the hardware's
 * width), and the rounds into blocks of at most {@link #BLOCK_ROUNDS} = 16 rounds (1024 terms).
 * Within a block:
 * <pre>
 *   acc[a][j]  = Σ t[64r + 16a + j] over the block's rounds r, in increasing r, from +0
 *                (4 accumulators of 16 lanes: chunk a of every round goes to accumulator a)
 *   lane[j]    = (acc[0][j] + acc[1][j]) + (acc[2][j] + acc[3][j])
 *   block sum  = the 16 lanes folded in halves: lane j + 8 onto lane j, then j + 4, j + 2, j + 1
 * </pre>
 * The row's total is a double: the block sums in block order, then, if the row does not end on a
 * whole round, one more block of one round holding the terms past the last whole round, the
 * missing terms counted as +0 (adding +0 to an accumulator that starts at +0 changes nothing, so
 * this is the same as leaving them out, and it lets a vector kernel sum the last round at full
 * width instead of one term at a time). Four accumulators give a vector loop four independent add
 * chains, the blocks keep each float chain short (16 additions), and the double total keeps a
 * 32000-term row accurate.
 *
 * <p>The Vector API kernels run this with one 16-lane vector per accumulator on 512-bit hardware,
 * two 8-lane vectors on 256-bit hardware and four 4-lane vectors on 128-bit hardware: the widest
 * vectors run at full width and the narrower ones simply hold a chunk in several registers. (The
 * first definition used 8-lane chunks, which left AVX-512 machines summing, and in softmax
 * computing exps, on half-width vectors: see "Fixed order on 16 lanes" in benchmarks/RESULTS.md.)
 * This class is the same order one lane at a time, for the scalar kernels and as the definition.
 *
 * <p>Internal API: it may change in any release.
 */
public final class FixedOrderSum {
    private FixedOrderSum() {}

    /** The lanes of the virtual vector: terms per chunk. */
    public static final int LANES = 16;
    /** Terms per round: one chunk for each of the 4 accumulators. */
    public static final int ROUND = 4 * LANES;
    /** Rounds per block: each float accumulator adds 16 chunks at most. */
    public static final int BLOCK_ROUNDS = 16;

    /** The total of the array elements {@code t[from] ... t[from + n - 1]} in the order above. */
    public static double sum(float[] t, int from, int n) {
        int rounds = n / ROUND;
        double total = 0;
        for (int r = 0; r < rounds; r += BLOCK_ROUNDS) {
            int blockRounds = Math.min(BLOCK_ROUNDS, rounds - r);
            total += blockSum(t, from + r * ROUND, blockRounds, blockRounds * ROUND);
        }
        int rest = n - rounds * ROUND;
        if (rest > 0) {
            total += blockSum(t, from + rounds * ROUND, 1, rest);
        }
        return total;
    }

    /**
     * One block: {@code rounds} rounds starting at {@code t[first]}, of which the first
     * {@code terms} are the row's and the rest count as +0 (only ever in the last round of a row).
     */
    // snippet: fixed-order-block-scalar
    private static float blockSum(float[] t, int first, int rounds, int terms) {
        return fold(lane(t, first, rounds, terms, 0), lane(t, first, rounds, terms, 1),
                lane(t, first, rounds, terms, 2), lane(t, first, rounds, terms, 3),
                lane(t, first, rounds, terms, 4), lane(t, first, rounds, terms, 5),
                lane(t, first, rounds, terms, 6), lane(t, first, rounds, terms, 7),
                lane(t, first, rounds, terms, 8), lane(t, first, rounds, terms, 9),
                lane(t, first, rounds, terms, 10), lane(t, first, rounds, terms, 11),
                lane(t, first, rounds, terms, 12), lane(t, first, rounds, terms, 13),
                lane(t, first, rounds, terms, 14), lane(t, first, rounds, terms, 15));
    }

    private static float lane(float[] t, int first, int rounds, int terms, int j) {
        return (accumulator(t, first, rounds, terms, 0, j) + accumulator(t, first, rounds, terms, 1, j))
                + (accumulator(t, first, rounds, terms, 2, j) + accumulator(t, first, rounds, terms, 3, j));
    }

    private static float accumulator(float[] t, int first, int rounds, int terms, int a, int j) {
        float acc = 0f;
        for (int r = 0; r < rounds; r++) {
            int k = r * ROUND + a * LANES + j;
            acc += k < terms ? t[first + k] : 0f;
        }
        return acc;
    }
    // end-snippet

    /**
     * The 16 lanes of a block folded in halves: lane j + 8 onto lane j, then j + 4, j + 2, j + 1.
     * The vector kernels call this too, with the lanes extracted as floats (a helper taking a
     * vector would box it whenever C2 declined to inline it).
     */
    public static float fold(float l0, float l1, float l2, float l3, float l4, float l5, float l6, float l7,
            float l8, float l9, float l10, float l11, float l12, float l13, float l14, float l15) {
        return fold(l0 + l8, l1 + l9, l2 + l10, l3 + l11, l4 + l12, l5 + l13, l6 + l14, l7 + l15);
    }

    /** 8 lanes folded in halves (on 256-bit hardware, after the first fold): j + 4, j + 2, j + 1 onto j. */
    public static float fold(float l0, float l1, float l2, float l3, float l4, float l5, float l6, float l7) {
        return fold(l0 + l4, l1 + l5, l2 + l6, l3 + l7);
    }

    /** 4 lanes folded in halves (on 128-bit hardware, after two folds): j + 2, then j + 1 onto j. */
    public static float fold(float l0, float l1, float l2, float l3) {
        return (l0 + l2) + (l1 + l3);
    }
}
