package dev.lanewise.kernels;

import dev.lanewise.layers.Adam;
import dev.lanewise.layers.Affine;
import dev.lanewise.layers.LayerNorm;
import dev.lanewise.layers.Gelu;
import dev.lanewise.layers.LeakyRelu;
import dev.lanewise.layers.Matrix;
import dev.lanewise.layers.Relu;
import dev.lanewise.layers.RmsNorm;
import dev.lanewise.layers.Sequential;
import dev.lanewise.layers.Sgd;
import dev.lanewise.layers.Sigmoid;
import dev.lanewise.layers.Silu;
import dev.lanewise.layers.SoftmaxWithLoss;
import dev.lanewise.layers.Tanh;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every public kernel, and one training step of the layer API, on fixed seeded inputs, each
 * reduced to a SHA-256 digest of its output bits (every NaN counted as the one canonical NaN:
 * Java does not promise NaN payloads). The digests are committed in
 * {@code src/test/resources/golden-digests.properties}; {@link GoldenBitsTest} checks that this
 * JVM (whatever width, JDK, flags and implementation the test variant runs) reproduces them,
 * and {@link #main} checks a cold call of every case against a compiled one in a fresh JVM.
 *
 * <p>The inputs cover every tail: lengths 0 to 70 (every remainder modulo 4, 8 and 16 lanes, and
 * of the 8-term chunks of the fixed-order sums), the edges of the sums' 512-term blocks, odd and
 * prime sizes, nonzero offsets, in-place calls and the special values of {@link TestData}.
 */
public final class GoldenBits {
    private GoldenBits() {}

    /** One named computation; {@code usesExp} marks those that -Dlanewise.exp=library may change. */
    record Case(String name, boolean usesExp, Computation computation) {
        String digest() {
            Digest digest = new Digest();
            computation.run(digest);
            return digest.hex();
        }
    }

    @FunctionalInterface
    interface Computation {
        void run(Digest out);
    }

    /** SHA-256 over the bits of floats, ints and longs, with every NaN as the canonical NaN. */
    static final class Digest {
        private final MessageDigest sha;
        private final byte[] word = new byte[8];

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        void add(float[] values) {
            for (float v : values) {
                add(v);
            }
        }

        void add(float value) {
            addInt(Float.floatToIntBits(value)); // canonical NaN
        }

        void add(long[] values) {
            for (long v : values) {
                addInt((int) v);
                addInt((int) (v >>> 32));
            }
        }

        void addInt(int value) {
            for (int b = 0; b < 4; b++) {
                word[b] = (byte) (value >>> (8 * b));
            }
            sha.update(word, 0, 4);
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /** Lengths that hit every tail of every width and of the fixed-order sums. */
    static final int[] LENGTHS = lengths();

    private static int[] lengths() {
        List<Integer> sizes = new ArrayList<>();
        for (int n = 0; n <= 70; n++) {
            sizes.add(n);
        }
        for (int n : new int[] {127, 128, 129, 255, 511, 512, 513, 520, 1021, 1031, 4099}) {
            sizes.add(n);
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Columns for the row kernels: every remainder, the block edges, odd, prime and wide rows. */
    static final int[] COLUMNS = {1, 2, 3, 5, 7, 8, 9, 10, 15, 16, 17, 23, 31, 32, 33, 39, 40, 41, 63, 64, 65, 90, 100, 127, 128, 129,
        255, 256, 257, 511, 512, 513, 520, 1000, 1023, 1024, 1025, 1088, 1089, 1027, 2048, 2049, 4099};

    private static final ExecutorService POOL = Executors.newFixedThreadPool(3, runnable -> {
        Thread thread = new Thread(runnable, "golden-bits");
        thread.setDaemon(true);
        return thread;
    });

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        activationCases(cases);
        softmaxCases(cases);
        gemmCases(cases);
        rowVectorCases(cases);
        optimizerCases(cases);
        normalizationCases(cases);
        cases.add(new Case("training step", true, GoldenBits::trainingStep));
        cases.add(new Case("training step with tanh, silu, leaky relu, sgd momentum and adam", true,
                GoldenBits::newLayersTrainingStep));
        cases.add(new Case("training step with layer norm, rms norm and adam", true,
                GoldenBits::normalizationTrainingStep));
        cases.add(new Case("training step with gelu, both forms, and adam", true, GoldenBits::geluTrainingStep));
        return cases;
    }

    private static void activationCases(List<Case> cases) {
        cases.add(new Case("relu", false, out -> {
            for (int n : LENGTHS) {
                float[] x = TestData.placed(TestData.mixed(n, n), 3);
                float[] y = new float[n + 5];
                Activations.relu(x, 3, y, 1, n);
                out.add(y);
                Activations.relu(x, 3, x, 3, n); // in place
                out.add(x);
            }
        }));
        cases.add(new Case("relu with mask and its backward", false, out -> {
            for (int n : LENGTHS) {
                float[] x = TestData.placed(TestData.mixed(n, n + 1), 2);
                float[] y = new float[n + 2];
                long[] mask = new long[Activations.maskWords(n)];
                Activations.relu(x, 2, y, 1, mask, n);
                out.add(y);
                out.add(mask);
                float[] dy = TestData.placed(TestData.mixed(n, n + 2), 1);
                float[] dx = new float[n + 4];
                Activations.reluBackwardFromMask(dy, 1, mask, dx, 4, n);
                out.add(dx);
                Activations.reluBackwardFromInput(x, 2, dy, 1, dx, 0, n);
                out.add(dx);
            }
        }));
        cases.add(new Case("sigmoid and its backward", true, out -> {
            for (int n : LENGTHS) {
                float[] x = TestData.placed(TestData.mixed(n, n + 3), 5);
                float[] y = new float[n + 1];
                Activations.sigmoid(x, 5, y, 1, n);
                out.add(y);
                float[] dy = TestData.mixed(n + 1, n + 4);
                float[] dx = new float[n + 1];
                Activations.sigmoidBackward(y, 1, dy, 0, dx, 1, n);
                out.add(dx);
                Activations.sigmoid(x, 5, x, 5, n); // in place
                out.add(x);
            }
        }));
        // The exp-based kernels below always use the library's polynomial: -Dlanewise.exp=library leaves them alone.
        cases.add(new Case("tanh and its backward", false, out -> {
            for (int n : LENGTHS) {
                float[] x = TestData.placed(TestData.mixed(n, n + 5), 2);
                float[] y = new float[n + 3];
                Activations.tanh(x, 2, y, 3, n);
                out.add(y);
                float[] dy = TestData.placed(TestData.mixed(n, n + 6), 1);
                float[] dx = new float[n + 2];
                Activations.tanhBackward(y, 3, dy, 1, dx, 2, n);
                out.add(dx);
                Activations.tanh(x, 2, x, 2, n); // in place
                out.add(x);
            }
        }));
        cases.add(new Case("silu and its backward", false, out -> {
            for (int n : LENGTHS) {
                float[] x = TestData.placed(TestData.mixed(n, n + 7), 4);
                float[] y = new float[n + 1];
                Activations.silu(x, 4, y, 1, n);
                out.add(y);
                float[] dy = TestData.mixed(n, n + 8);
                float[] dx = new float[n + 3];
                Activations.siluBackward(x, 4, dy, 0, dx, 3, n);
                out.add(dx);
                Activations.silu(x, 4, x, 4, n); // in place
                out.add(x);
            }
        }));
        cases.add(new Case("gelu and its backward", false, out -> {
            for (int n : LENGTHS) {
                float[] x = TestData.placed(TestData.mixed(n, n + 11), 3);
                float[] y = new float[n + 2];
                Activations.gelu(x, 3, y, 2, n);
                out.add(y);
                float[] dy = TestData.placed(TestData.mixed(n, n + 12), 2);
                float[] dx = new float[n + 1];
                Activations.geluBackward(x, 3, dy, 2, dx, 1, n);
                out.add(dx);
                Activations.gelu(x, 3, x, 3, n); // in place
                out.add(x);
            }
        }));
        cases.add(new Case("gelu tanh form and its backward", false, out -> {
            for (int n : LENGTHS) {
                float[] x = TestData.placed(TestData.mixed(n, n + 13), 1);
                float[] y = new float[n + 4];
                Activations.geluTanh(x, 1, y, 4, n);
                out.add(y);
                float[] dy = TestData.mixed(n, n + 14);
                float[] dx = new float[n + 2];
                Activations.geluTanhBackward(x, 1, dy, 0, dx, 2, n);
                out.add(dx);
                Activations.geluTanh(x, 1, x, 1, n); // in place
                out.add(x);
            }
        }));
        cases.add(new Case("leaky relu and its backward", false, out -> {
            for (int n : LENGTHS) {
                float[] x = TestData.placed(TestData.mixed(n, n + 9), 1);
                float[] y = new float[n + 2];
                Activations.leakyRelu(x, 1, y, 2, n, 0.01f);
                out.add(y);
                float[] dy = TestData.placed(TestData.mixed(n, n + 10), 3);
                float[] dx = new float[n];
                Activations.leakyReluBackward(x, 1, dy, 3, dx, 0, n, 0.3f);
                out.add(dx);
            }
        }));
    }

    private static void softmaxCases(List<Case> cases) {
        cases.add(new Case("softmax, log-softmax and backward", true, out -> {
            for (int cols : COLUMNS) {
                int rows = cols > 1000 ? 2 : 3;
                float[] x = logits(rows, cols, cols);
                float[] y = new float[rows * cols + 7];
                Softmax.softmax(x, 1, y, 7, rows, cols);
                out.add(y);
                float[] logY = new float[rows * cols + 7];
                Softmax.logSoftmax(x, 1, logY, 0, rows, cols);
                out.add(logY);
                float[] dy = TestData.mixed(rows * cols, cols + 5);
                float[] dx = new float[rows * cols];
                Softmax.softmaxBackward(y, 7, dy, 0, dx, 0, rows, cols);
                out.add(dx);
                Softmax.softmax(x, 1, x, 1, rows, cols); // in place
                out.add(x);
            }
        }));
        cases.add(new Case("softmax of special rows", true, out -> {
            for (int cols : new int[] {3, 9, 33, 600}) {
                float[] x = TestData.mixed(4 * cols, cols);
                float[] y = new float[x.length];
                Softmax.softmax(x, 0, y, 0, 4, cols);
                out.add(y);
                Softmax.logSoftmax(x, 0, y, 0, 4, cols);
                out.add(y);
            }
        }));
        cases.add(new Case("cross-entropy with labels and its backward", true, out -> {
            for (int cols : COLUMNS) {
                int rows = cols > 1000 ? 2 : 5;
                float[] logits = logits(rows, cols, cols + 11);
                int[] labels = new int[rows + 1];
                SplittableRandom random = new SplittableRandom(cols);
                for (int r = 0; r < labels.length; r++) {
                    labels[r] = random.nextInt(cols);
                }
                float[] probs = new float[rows * cols + 2];
                out.add(Softmax.crossEntropy(logits, 1, labels, 1, probs, 2, rows, cols));
                out.add(probs);
                float[] dLogits = new float[rows * cols];
                Softmax.crossEntropyBackward(probs, 2, labels, 1, 0.75f, dLogits, 0, rows, cols);
                out.add(dLogits);
                out.add(Softmax.crossEntropy(logits, 1, labels, 1, logits, 1, rows, cols)); // probs over the logits
                out.add(logits);
            }
        }));
        cases.add(new Case("cross-entropy with targets and its backward", true, out -> {
            for (int cols : COLUMNS) {
                int rows = cols > 1000 ? 2 : 4;
                float[] logits = logits(rows, cols, cols + 13);
                float[] targets = new float[rows * cols];
                SplittableRandom random = new SplittableRandom(cols + 1);
                for (int i = 0; i < targets.length; i++) {
                    targets[i] = random.nextInt(3) == 0 ? 0f : (float) random.nextDouble();
                }
                if (cols > 2) {
                    logits[1 + 2] = Float.NEGATIVE_INFINITY; // a masked class, with target 0
                    targets[2] = 0f;
                }
                float[] probs = new float[rows * cols];
                out.add(Softmax.crossEntropy(logits, 1, targets, 0, probs, 0, rows, cols));
                out.add(probs);
                float[] dLogits = new float[rows * cols + 3];
                Softmax.crossEntropyBackward(probs, 0, targets, 0, 1.5f, dLogits, 3, rows, cols);
                out.add(dLogits);
            }
        }));
    }

    /** Logits as a network gives them, with a one-off large value and a -Inf now and then. */
    private static float[] logits(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * cols + 1];
        for (int i = 1; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 4);
        }
        x[1] = 60f;
        if (x.length > 5) {
            x[x.length - 2] = Float.NEGATIVE_INFINITY;
            x[x.length - 3] = -0f;
        }
        return x;
    }

    /** m, n, k: edges of every tile, k within and beyond one k block (256), the direct path. */
    private static final int[][] GEMM_SHAPES = {
        {1, 1, 1}, {1, 17, 5}, {9, 1, 33}, {7, 13, 5}, {4, 16, 16}, {6, 64, 64}, {25, 40, 96}, {17, 33, 300},
        {50, 70, 600}, {96, 96, 96}, {131, 67, 257}, {200, 130, 260}, {13, 520, 31}, {256, 10, 300}, {67, 3, 40},
        {300, 1, 70},
    };

    private static void gemmCases(List<Case> cases) {
        float[][] alphaBeta = {{1f, 0f}, {0.5f, 0f}, {1.5f, -0.75f}, {2f, 1f}, {0f, 0.5f}, {-1f, 2f}};
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                String name = "sgemm " + (transA ? "T" : "N") + (transB ? "T" : "N");
                cases.add(new Case(name, false, out -> {
                    int shape = 0;
                    for (int[] mnk : GEMM_SHAPES) {
                        float[] ab = alphaBeta[shape++ % alphaBeta.length];
                        out.add(gemm(transA, transB, mnk[0], mnk[1], mnk[2], ab[0], ab[1], 0, 1));
                    }
                    out.add(gemm(transA, transB, 5, 7, 0, 1f, 0.5f, 0, 1)); // k = 0: C = beta C
                }));
                cases.add(new Case(name + " on 2 and 3 threads", false, out -> {
                    // The same multiplies as one thread would compute: the digest must match "name".
                    int shape = 0;
                    for (int[] mnk : GEMM_SHAPES) {
                        float[] ab = alphaBeta[shape % alphaBeta.length];
                        out.add(gemm(transA, transB, mnk[0], mnk[1], mnk[2], ab[0], ab[1], shape % 2 + 2, 1));
                        shape++;
                    }
                    out.add(gemm(transA, transB, 5, 7, 0, 1f, 0.5f, 2, 1));
                }));
            }
        }
        cases.add(new Case("matmul", false, out -> {
            for (int[] mnk : GEMM_SHAPES) {
                float[] a = TestData.mixed(mnk[0] * mnk[2], mnk[0]);
                float[] b = TestData.mixed(mnk[2] * mnk[1], mnk[1]);
                float[] c = new float[mnk[0] * mnk[1]];
                Gemm.matmul(a, b, c, mnk[0], mnk[2], mnk[1]);
                out.add(c);
            }
        }));
    }

    /**
     * One sgemm on seeded matrices with leading dimensions wider than the matrices and nonzero
     * offsets; {@code threads} 0 is the plain call, otherwise the executor overload.
     */
    private static float[] gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
            int threads, long seed) {
        int rowsA = transA ? k : m;
        int colsA = transA ? m : k;
        int rowsB = transB ? n : k;
        int colsB = transB ? k : n;
        int lda = colsA + 3;
        int ldb = colsB + 1;
        int ldc = n + 2;
        SplittableRandom random = new SplittableRandom(seed + 31L * m + 17L * n + k);
        float[] a = gaussian(2 + rowsA * lda, random);
        float[] b = gaussian(1 + rowsB * ldb, random);
        float[] c = gaussian(4 + m * ldc, random);
        if (threads == 0) {
            Gemm.sgemm(transA, transB, m, n, k, alpha, a, 2, lda, b, 1, ldb, beta, c, 4, ldc);
        } else {
            Gemm.sgemm(transA, transB, m, n, k, alpha, a, 2, lda, b, 1, ldb, beta, c, 4, ldc, POOL, threads);
        }
        return c;
    }

    private static float[] gaussian(int size, SplittableRandom random) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static void rowVectorCases(List<Case> cases) {
        cases.add(new Case("row vectors", false, out -> {
            for (int cols : COLUMNS) {
                int rows = cols > 1000 ? 3 : 7;
                float[] m = TestData.mixed(rows * cols + 2, cols);
                float[] v = TestData.mixed(cols, cols + 1);
                RowVectors.addToEachRow(v, 0, m, 2, rows, cols);
                out.add(m);
                float[] sums = new float[cols + 1];
                RowVectors.sumOfRows(m, 2, rows, cols, sums, 1);
                out.add(sums);
            }
        }));
    }

    private static void optimizerCases(List<Case> cases) {
        cases.add(new Case("adam", false, out -> {
            for (int n : LENGTHS) {
                float[] param = uniformScaled(n + 2, 1, new SplittableRandom(n));
                float[] m = new float[n + 1];
                float[] v = new float[n + 3];
                for (int step = 1; step <= 3; step++) {
                    float[] grad = TestData.mixed(n, n + step);
                    Optimizers.adam(param, 2, grad, 0, m, 1, v, 3, n, 1e-3f, 0.9f, 0.999f, 1e-8f, step == 2 ? 0.01f : 0f,
                            step);
                }
                out.add(param);
                out.add(m);
                out.add(v);
            }
        }));
        cases.add(new Case("sgd with momentum and weight decay", false, out -> {
            for (int n : LENGTHS) {
                float[] param = uniformScaled(n + 1, 1, new SplittableRandom(n + 1));
                float[] velocity = new float[n + 2];
                for (int step = 1; step <= 3; step++) {
                    float[] grad = uniformScaled(n, 0.1, new SplittableRandom(n * 3L + step));
                    Optimizers.sgd(param, 1, grad, 0, velocity, 2, n, 0.05f, step == 1 ? 0f : 0.9f, 1e-3f);
                }
                out.add(param);
                out.add(velocity);
            }
        }));
    }

    private static void normalizationCases(List<Case> cases) {
        cases.add(new Case("layer norm and its backward", false, out -> {
            for (int cols : COLUMNS) {
                int rows = cols > 1000 ? 2 : 4;
                SplittableRandom random = new SplittableRandom(cols + 5);
                float[] x = uniformScaled(rows * cols + 2, 2, random);
                for (int i = 2 + cols; i < 2 + 2 * cols; i++) {
                    x[i] += 1e4f; // a row far from zero
                }
                if (rows > 2) {
                    x[2 + 2 * cols + cols / 2] = Float.NaN; // a NaN row
                    java.util.Arrays.fill(x, 2 + 3 * cols, 2 + 4 * cols, 0.1f); // a constant row
                }
                float[] gamma = uniformScaled(cols + 1, 1, random);
                float[] beta = uniformScaled(cols, 1, random);
                float[] y = new float[rows * cols + 3];
                float[] stats = new float[2 * rows + 1];
                Normalization.layerNorm(x, 2, gamma, 1, beta, 0, y, 3, stats, 1, stats, rows + 1, rows, cols, 1e-5f);
                out.add(y);
                out.add(stats);
                float[] dy = uniformScaled(rows * cols, 1, random);
                float[] dx = new float[rows * cols + 1];
                float[] dgamma = new float[cols + 2];
                float[] dbeta = new float[cols];
                Normalization.layerNormBackward(x, 2, dy, 0, gamma, 1, stats, 1, stats, rows + 1, dx, 1, dgamma, 2, dbeta,
                        0, rows, cols);
                out.add(dx);
                out.add(dgamma);
                out.add(dbeta);
                Normalization.layerNormBackward(x, 2, dy, 0, gamma, 1, stats, 1, stats, rows + 1, dy, 0, dgamma, 2, dbeta,
                        0, rows, cols); // dx = dy
                out.add(dy);
                Normalization.layerNorm(x, 2, gamma, 1, beta, 0, x, 2, stats, 1, stats, rows + 1, rows, cols, 1e-3f);
                out.add(x); // in place
            }
        }));
        cases.add(new Case("rms norm and its backward", false, out -> {
            for (int cols : COLUMNS) {
                int rows = cols > 1000 ? 2 : 3;
                SplittableRandom random = new SplittableRandom(cols + 6);
                float[] x = uniformScaled(rows * cols + 1, 3, random);
                float[] gamma = uniformScaled(cols, 1, random);
                float[] y = new float[rows * cols + 2];
                float[] rstd = new float[rows + 1];
                Normalization.rmsNorm(x, 1, gamma, 0, y, 2, rstd, 1, rows, cols, 1e-6f);
                out.add(y);
                out.add(rstd);
                float[] dy = uniformScaled(rows * cols + 3, 1, random);
                float[] dx = new float[rows * cols];
                float[] dgamma = new float[cols + 1];
                Normalization.rmsNormBackward(x, 1, dy, 3, gamma, 0, rstd, 1, dx, 0, dgamma, 1, rows, cols);
                out.add(dx);
                out.add(dgamma);
                Normalization.rmsNorm(x, 1, gamma, 0, x, 1, rstd, 1, rows, cols, 1e-6f); // in place
                out.add(x);
            }
        }));
    }

    /** One step of SGD on a 784 → 130 → 33 → 10 network, with every layer kind, twice. */
    private static void trainingStep(Digest out) {
        SplittableRandom random = new SplittableRandom(7);
        int batch = 37;
        Affine first = new Affine(new Matrix(784, 130, gaussianScaled(784 * 130, 0.05, random)),
                gaussianScaled(130, 0.1, random));
        Affine second = new Affine(new Matrix(130, 33, gaussianScaled(130 * 33, 0.1, random)),
                gaussianScaled(33, 0.1, random));
        Affine third = new Affine(new Matrix(33, 10, gaussianScaled(33 * 10, 0.2, random)),
                gaussianScaled(10, 0.1, random));
        Sequential net = new Sequential(first, new Relu(), second, new Sigmoid(), third);
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        Sgd sgd = new Sgd(0.1f);
        Matrix x = new Matrix(batch, 784, gaussianScaled(batch * 784, 1, random));
        int[] labels = new int[batch];
        for (int r = 0; r < batch; r++) {
            labels[r] = random.nextInt(10);
        }
        for (int step = 0; step < 2; step++) {
            out.add(loss.forward(net.forward(x), labels));
            net.backward(loss.backward());
            sgd.step(net);
        }
        out.add(first.weights().data());
        out.add(first.bias());
        out.add(second.weights().data());
        out.add(third.weights().data());
        out.add(third.bias());
        out.add(loss.output().data());
    }

    /** Two steps of a 784 → 40 → 24 → 17 → 10 network with the newer layers, by SGD with momentum, then by Adam. */
    private static void newLayersTrainingStep(Digest out) {
        SplittableRandom random = new SplittableRandom(11);
        int batch = 29;
        Affine first = new Affine(new Matrix(784, 40, uniformScaled(784 * 40, 0.05, random)),
                uniformScaled(40, 0.1, random));
        Affine second = new Affine(new Matrix(40, 24, uniformScaled(40 * 24, 0.2, random)),
                uniformScaled(24, 0.1, random));
        Affine third = new Affine(new Matrix(24, 17, uniformScaled(24 * 17, 0.2, random)),
                uniformScaled(17, 0.1, random));
        Affine fourth = new Affine(new Matrix(17, 10, uniformScaled(17 * 10, 0.3, random)),
                uniformScaled(10, 0.1, random));
        Sequential net = new Sequential(first, new Tanh(), second, new Silu(), third, new LeakyRelu(0.05f), fourth);
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        Matrix x = new Matrix(batch, 784, uniformScaled(batch * 784, 1, random));
        int[] labels = new int[batch];
        for (int r = 0; r < batch; r++) {
            labels[r] = random.nextInt(10);
        }
        Sgd sgd = new Sgd(0.05f, 0.9f, 1e-4f);
        Adam adam = new Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f);
        for (int step = 0; step < 4; step++) {
            out.add(loss.forward(net.forward(x), labels));
            net.backward(loss.backward());
            if (step < 2) {
                sgd.step(net);
            } else {
                adam.step(net);
            }
        }
        out.add(first.weights().data());
        out.add(second.weights().data());
        out.add(third.bias());
        out.add(fourth.weights().data());
        out.add(loss.output().data());
    }

    /** Three Adam steps of a 784 → 40 → 24 → 10 network with a LayerNorm and an RmsNorm. */
    private static void normalizationTrainingStep(Digest out) {
        SplittableRandom random = new SplittableRandom(13);
        int batch = 23;
        Affine first = new Affine(new Matrix(784, 40, uniformScaled(784 * 40, 0.05, random)),
                uniformScaled(40, 0.1, random));
        LayerNorm layerNorm = new LayerNorm(uniformScaled(40, 1, random), uniformScaled(40, 0.1, random), 1e-5f);
        Affine second = new Affine(new Matrix(40, 24, uniformScaled(40 * 24, 0.2, random)),
                uniformScaled(24, 0.1, random));
        RmsNorm rmsNorm = new RmsNorm(uniformScaled(24, 1, random), 1e-6f);
        Affine third = new Affine(new Matrix(24, 10, uniformScaled(24 * 10, 0.3, random)),
                uniformScaled(10, 0.1, random));
        Sequential net = new Sequential(first, layerNorm, new Tanh(), second, rmsNorm, third);
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        Matrix x = new Matrix(batch, 784, uniformScaled(batch * 784, 1, random));
        int[] labels = new int[batch];
        for (int r = 0; r < batch; r++) {
            labels[r] = random.nextInt(10);
        }
        Adam adam = new Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f);
        for (int step = 0; step < 3; step++) {
            out.add(loss.forward(net.forward(x), labels));
            net.backward(loss.backward());
            adam.step(net);
        }
        out.add(first.weights().data());
        out.add(layerNorm.gamma());
        out.add(layerNorm.beta());
        out.add(rmsNorm.gamma());
        out.add(third.weights().data());
        out.add(loss.output().data());
    }

    /**
     * Uniform in [-scale·√3, scale·√3) (the variance of a unit Gaussian times scale²), from
     * nextDouble, which every JDK draws alike: SplittableRandom.nextGaussian does not (JDK 17 and 25
     * differ for some seeds, 1542 among them), so the newer cases use this.
     */
    private static float[] uniformScaled(int size, double scale, SplittableRandom random) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * Math.sqrt(3) * scale);
        }
        return values;
    }

    private static float[] gaussianScaled(int size, double scale, SplittableRandom random) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    /** Every case's digest, by name, in order. */
    static Map<String, String> digests() {
        Map<String, String> digests = new LinkedHashMap<>();
        for (Case c : cases()) {
            digests.put(c.name(), c.digest());
        }
        return digests;
    }

    /**
     * Run in a fresh JVM by {@link GoldenBitsTest}: each case once cold (its kernels not yet
     * compiled), then every case often enough for C2 to compile the kernels, then each case
     * again. Prints one line per case: {@code name=coldDigest warmDigest}.
     */
    public static void main(String[] args) {
        List<Case> cases = cases();
        String[] cold = new String[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            cold[i] = cases.get(i).digest();
        }
        long until = System.nanoTime() + Long.parseLong(args.length > 0 ? args[0] : "20") * 1_000_000_000L;
        for (int round = 0; round < 200 && System.nanoTime() < until; round++) {
            for (Case c : cases) {
                c.computation().run(new Digest());
            }
        }
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < cases.size(); i++) {
            report.append(cases.get(i).name()).append('=').append(cold[i]).append(' ')
                    .append(cases.get(i).digest()).append('\n');
        }
        System.out.print(report);
        System.out.flush();
    }

    /** Four steps of a 784 → 40 → 24 → 10 network with exact and tanh-form GELU, by Adam. */
    private static void geluTrainingStep(Digest out) {
        SplittableRandom random = new SplittableRandom(14);
        int batch = 23;
        Affine first = new Affine(new Matrix(784, 40, uniformScaled(784 * 40, 0.05, random)),
                uniformScaled(40, 0.1, random));
        Affine second = new Affine(new Matrix(40, 24, uniformScaled(40 * 24, 0.2, random)),
                uniformScaled(24, 0.1, random));
        Affine third = new Affine(new Matrix(24, 10, uniformScaled(24 * 10, 0.3, random)),
                uniformScaled(10, 0.1, random));
        Sequential net = new Sequential(first, new Gelu(), second, new Gelu(Gelu.Form.TANH), third);
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        Matrix x = new Matrix(batch, 784, uniformScaled(batch * 784, 1, random));
        int[] labels = new int[batch];
        for (int r = 0; r < batch; r++) {
            labels[r] = random.nextInt(10);
        }
        Adam adam = new Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f);
        for (int step = 0; step < 4; step++) {
            out.add(loss.forward(net.forward(x), labels));
            net.backward(loss.backward());
            adam.step(net);
        }
        out.add(first.weights().data());
        out.add(second.weights().data());
        out.add(third.bias());
        out.add(loss.output().data());
    }
}
