package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.OptimizerKernels;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adam and SGD against their formulas evaluated in double on the same float arguments, within the
 * bounds {@link Optimizers} promises, on every implementation, every tail length and nonzero
 * offsets, over several steps; the same bits on every implementation; and the argument checks.
 */
class OptimizersTest {

    static List<KernelProvider> implementations() {
        return Implementations.all();
    }

    /** lr, beta1, beta2, eps, weightDecay: the usual, a short memory with decay, and betas below 0.5. */
    private static final float[][] ADAM_SETTINGS = {
        {1e-3f, 0.9f, 0.999f, 1e-8f, 0f}, {1e-2f, 0.8f, 0.99f, 1e-6f, 0.01f}, {0.1f, 0.3f, 0.4f, 1e-3f, 0.1f},
        {0.5f, 0f, 0f, 1e-8f, 0f},
    };

    /** lr, momentum, weightDecay. */
    private static final float[][] SGD_SETTINGS = {{0.1f, 0f, 0f}, {0.01f, 0.9f, 0f}, {0.05f, 0.5f, 1e-4f},
        {1f, 0.99f, 0.3f}};

    /** Parameters and gradients as training has them: mostly normal at several scales, some zeros. */
    private static float[] values(int length, long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            values[i] = kind == 0 ? 0f
                    : (float) (random.nextGaussian() * scale * (kind == 1 ? 1e-6 : kind == 2 ? 1e3 : 1));
        }
        return values;
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void adamIsWithinItsBoundOfTheDoubleFormula(KernelProvider provider) {
        OptimizerKernels kernels = provider.optimizers();
        for (float[] setting : ADAM_SETTINGS) {
            for (int length : Implementations.lengths()) {
                int offset = length % 3;
                float[] param = TestData.placed(values(length, length, 1), offset);
                float[] m = TestData.placed(new float[length], offset + 1);
                float[] v = TestData.placed(new float[length], 2);
                for (long step = 1; step <= 3; step++) {
                    float[] grad = TestData.placed(values(length, length * 31 + step, 0.1), 1);
                    float[] before = slice(param, offset, length);
                    float[] mBefore = slice(m, offset + 1, length);
                    float[] vBefore = slice(v, 2, length);
                    String where = provider.name() + " adam " + java.util.Arrays.toString(setting) + " length "
                            + length + " step " + step;
                    kernels.adamStep(param, offset, grad, 1, m, offset + 1, v, 2, length, setting[0], setting[1],
                            setting[2], setting[3], setting[4], step);
                    for (int i = 0; i < length; i++) {
                        checkAdam(setting, step, before[i], grad[1 + i], mBefore[i], vBefore[i], param[offset + i],
                                m[offset + 1 + i], v[2 + i], where + " element " + i);
                    }
                    TestData.assertUntouchedOutside(param, offset, length, where);
                    TestData.assertUntouchedOutside(m, offset + 1, length, where);
                    TestData.assertUntouchedOutside(v, 2, length, where);
                }
            }
        }
    }

    private static void checkAdam(float[] s, long step, float p, float g, float m, float v, float pNew, float mNew,
            float vNew, String where) {
        double lr = s[0];
        double beta1 = s[1];
        double beta2 = s[2];
        double eps = s[3];
        double weightDecay = s[4];
        double gradientTerm = (1 - beta1) * g;
        double mExact = beta1 * m + gradientTerm;
        double vExact = beta2 * v + (1 - beta2) * g * (double) g;
        double firstCorrection = 1 - Math.pow(beta1, step);
        double secondCorrection = 1 - Math.pow(beta2, step);
        double denominator = Math.sqrt(vExact / secondCorrection) + eps;
        double pExact = p * (1 - lr * weightDecay) - lr / firstCorrection * mExact / denominator;
        double largestFirstMoment = Math.max(Math.abs(mExact), Math.abs(gradientTerm));
        double stepScale = lr / firstCorrection * largestFirstMoment / denominator;
        assertWithin(mExact, mNew, 2 * ulp(largestFirstMoment), where + " m (m " + m + ", g " + g + ")");
        // 1 - beta2 is exact in float for beta2 >= 0.5 (Sterbenz); below, its rounding adds up to an ulp
        assertWithin(vExact, vNew, (beta2 >= 0.5 ? 2 : 3) * ulp(vExact), where + " v (v " + v + ", g " + g + ")");
        assertWithin(pExact, pNew, 2 * ulp(Math.max(Math.abs(p), Math.abs(pExact))) + 0x1p-20 * stepScale,
                where + " param (p " + p + ", m " + m + ", v " + v + ", g " + g + ")");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sgdIsWithinItsBoundOfTheDoubleFormula(KernelProvider provider) {
        OptimizerKernels kernels = provider.optimizers();
        for (float[] setting : SGD_SETTINGS) {
            for (int length : Implementations.lengths()) {
                int offset = length % 4;
                float[] param = TestData.placed(values(length, length + 7, 1), offset);
                float[] velocity = TestData.placed(new float[length], 3);
                for (int step = 1; step <= 3; step++) {
                    float[] grad = TestData.placed(values(length, length * 17 + step, 0.1), 0);
                    float[] before = slice(param, offset, length);
                    float[] velocityBefore = slice(velocity, 3, length);
                    String where = provider.name() + " sgd " + java.util.Arrays.toString(setting) + " length "
                            + length + " step " + step;
                    kernels.sgd(param, offset, grad, 0, velocity, 3, length, setting[0], setting[1], setting[2]);
                    for (int i = 0; i < length; i++) {
                        double lr = setting[0];
                        double decayed = grad[i] + (double) setting[2] * before[i];
                        double velocityExact = (double) setting[1] * velocityBefore[i] + decayed;
                        double pExact = before[i] - lr * velocityExact;
                        double velocityTolerance = ulp(Math.max(Math.abs(velocityExact), Math.abs(decayed)));
                        String what = where + " element " + i + " (p " + before[i] + ", g " + grad[i] + ", velocity "
                                + velocityBefore[i] + ")";
                        assertWithin(velocityExact, velocity[3 + i], velocityTolerance, what + " velocity");
                        assertWithin(pExact, param[offset + i], ulp(pExact) + lr * velocityTolerance, what + " param");
                    }
                    TestData.assertUntouchedOutside(param, offset, length, where);
                    TestData.assertUntouchedOutside(velocity, 3, length, where);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void everyImplementationGivesTheScalarBits(KernelProvider provider) {
        OptimizerKernels scalar = Kernels.scalar().optimizers();
        OptimizerKernels kernels = provider.optimizers();
        for (int length : new int[] {1, 15, 16, 17, 1021, 4099}) {
            float[] grad = TestData.mixed(length, length);
            float[][] expected = {values(length, 1, 1), values(length, 2, 0.1), values(length, 3, 0.1)};
            for (int i = 0; i < length; i++) {
                expected[2][i] = Math.abs(expected[2][i]);
            }
            float[][] actual = {expected[0].clone(), expected[1].clone(), expected[2].clone()};
            scalar.adam(expected[0], 0, grad, 0, expected[1], 0, expected[2], 0, length, 0.9f, 0.1f, 0.999f, 0.001f,
                    1e-3f, 3f, 1e-8f, 1e-4f);
            kernels.adam(actual[0], 0, grad, 0, actual[1], 0, actual[2], 0, length, 0.9f, 0.1f, 0.999f, 0.001f,
                    1e-3f, 3f, 1e-8f, 1e-4f);
            for (int a = 0; a < 3; a++) {
                assertSameBits(expected[a], actual[a], provider.name() + " adam array " + a + " length " + length);
            }
            scalar.sgd(expected[0], 0, grad, 0, expected[1], 0, length, 0.1f, 0.9f, 1e-3f);
            kernels.sgd(actual[0], 0, grad, 0, actual[1], 0, length, 0.1f, 0.9f, 1e-3f);
            assertSameBits(expected[0], actual[0], provider.name() + " sgd param length " + length);
            assertSameBits(expected[1], actual[1], provider.name() + " sgd velocity length " + length);
        }
    }

    @Test
    void wholeArrayOverloadsComputeTheSameAsSegments() {
        float[] grad = values(100, 4, 0.1);
        float[][] a = {values(100, 5, 1), new float[100], new float[100]};
        float[][] b = {a[0].clone(), new float[100], new float[100]};
        Optimizers.adam(a[0], grad, a[1], a[2], 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, 1);
        Optimizers.adam(b[0], 0, grad, 0, b[1], 0, b[2], 0, 100, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, 1);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(b[i], a[i]);
        }
        Optimizers.sgd(a[0], grad, a[1], 0.1f, 0.9f, 0f);
        Optimizers.sgd(b[0], 0, grad, 0, b[1], 0, 100, 0.1f, 0.9f, 0f);
        assertArrayEquals(b[0], a[0]);
        assertArrayEquals(b[1], a[1]);
    }

    // ---- arguments

    private final float[] param = TestData.filled(16);
    private final float[] grad = new float[16];
    private final float[] m = TestData.filled(16);
    private final float[] v = TestData.filled(16);

    private <T extends Throwable> void assertRejected(Class<T> type, String mentions, Executable call) {
        float[][] before = {param.clone(), m.clone(), v.clone()};
        T thrown = assertThrows(type, call);
        assertTrue(thrown.getMessage() != null && thrown.getMessage().contains(mentions),
                "message should name " + mentions + ": " + thrown.getMessage());
        assertArrayEquals(before[0], param, "param written before the exception");
        assertArrayEquals(before[1], m, "m written before the exception");
        assertArrayEquals(before[2], v, "v written before the exception");
    }

    private void adam(float lr, float beta1, float beta2, float eps, float weightDecay, long step) {
        Optimizers.adam(param, 0, grad, 0, m, 0, v, 0, 16, lr, beta1, beta2, eps, weightDecay, step);
    }

    @Test
    void adamNamesEveryBadArgument() {
        assertRejected(NullPointerException.class, "param",
                () -> Optimizers.adam(null, 0, grad, 0, m, 0, v, 0, 4, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(NullPointerException.class, "grad",
                () -> Optimizers.adam(param, 0, null, 0, m, 0, v, 0, 4, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(NullPointerException.class, "m",
                () -> Optimizers.adam(param, 0, grad, 0, null, 0, v, 0, 4, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(NullPointerException.class, "v",
                () -> Optimizers.adam(param, 0, grad, 0, m, 0, null, 0, 4, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(IllegalArgumentException.class, "length",
                () -> Optimizers.adam(param, 0, grad, 0, m, 0, v, 0, -1, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(IndexOutOfBoundsException.class, "mOffset",
                () -> Optimizers.adam(param, 0, grad, 0, m, -2, v, 0, 4, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(IndexOutOfBoundsException.class, "v is too short",
                () -> Optimizers.adam(param, 0, grad, 0, m, 0, v, 13, 4, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(IllegalArgumentException.class, "lr", () -> adam(-1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(IllegalArgumentException.class, "lr", () -> adam(Float.NaN, 0.9f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(IllegalArgumentException.class, "beta1", () -> adam(1e-3f, 1f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(IllegalArgumentException.class, "beta1", () -> adam(1e-3f, -0.1f, 0.999f, 1e-8f, 0f, 1));
        assertRejected(IllegalArgumentException.class, "beta2", () -> adam(1e-3f, 0.9f, Float.NaN, 1e-8f, 0f, 1));
        assertRejected(IllegalArgumentException.class, "eps", () -> adam(1e-3f, 0.9f, 0.999f, 0f, 0f, 1));
        assertRejected(IllegalArgumentException.class, "eps",
                () -> adam(1e-3f, 0.9f, 0.999f, Float.POSITIVE_INFINITY, 0f, 1));
        assertRejected(IllegalArgumentException.class, "weightDecay",
                () -> adam(1e-3f, 0.9f, 0.999f, 1e-8f, -0.01f, 1));
        assertRejected(IllegalArgumentException.class, "step", () -> adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 0));
        assertRejected(IllegalArgumentException.class, "m.length",
                () -> Optimizers.adam(param, grad, new float[3], v, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1));
    }

    @Test
    void adamRefusesSharedElementsEvenAsTheSameWindow() {
        float[] shared = TestData.filled(40);
        float[] before = shared.clone();
        String[][] expected = {{"param", "grad"}, {"m", "grad"}, {"v", "grad"}, {"m", "param"}, {"v", "param"},
            {"v", "m"}};
        Executable[] calls = {
            () -> Optimizers.adam(shared, 0, shared, 4, m, 0, v, 0, 8, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1),
            () -> Optimizers.adam(param, 0, shared, 4, shared, 4, v, 0, 8, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1),
            () -> Optimizers.adam(param, 0, shared, 10, m, 0, shared, 3, 8, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1),
            () -> Optimizers.adam(shared, 0, grad, 0, shared, 7, v, 0, 8, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1),
            () -> Optimizers.adam(shared, 8, grad, 0, m, 0, shared, 1, 8, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1),
            () -> Optimizers.adam(param, 0, grad, 0, shared, 0, shared, 0, 8, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1),
        };
        for (int c = 0; c < calls.length; c++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, calls[c]);
            assertTrue(e.getMessage().startsWith(expected[c][0] + " [") && e.getMessage().contains(" and "
                    + expected[c][1] + " ["), e.getMessage());
            assertArrayEquals(before, shared);
        }
        // side by side in one array: fine
        Optimizers.adam(shared, 0, shared, 8, shared, 16, shared, 24, 8, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1);
    }

    @Test
    void sgdNamesEveryBadArgument() {
        assertRejected(NullPointerException.class, "velocity",
                () -> Optimizers.sgd(param, 0, grad, 0, null, 0, 4, 0.1f, 0.9f, 0f));
        assertRejected(NullPointerException.class, "grad",
                () -> Optimizers.sgd(param, 0, null, 0, m, 0, 4, 0.1f, 0.9f, 0f));
        assertRejected(IllegalArgumentException.class, "length",
                () -> Optimizers.sgd(param, 0, grad, 0, m, 0, -4, 0.1f, 0.9f, 0f));
        assertRejected(IndexOutOfBoundsException.class, "gOffset",
                () -> Optimizers.sgd(param, 0, grad, 17, m, 0, 0, 0.1f, 0.9f, 0f));
        assertRejected(IllegalArgumentException.class, "lr",
                () -> Optimizers.sgd(param, 0, grad, 0, m, 0, 4, Float.POSITIVE_INFINITY, 0.9f, 0f));
        assertRejected(IllegalArgumentException.class, "momentum",
                () -> Optimizers.sgd(param, 0, grad, 0, m, 0, 4, 0.1f, 1f, 0f));
        assertRejected(IllegalArgumentException.class, "weightDecay",
                () -> Optimizers.sgd(param, 0, grad, 0, m, 0, 4, 0.1f, 0.9f, Float.NaN));
        assertRejected(IllegalArgumentException.class, "velocity [",
                () -> Optimizers.sgd(param, 0, grad, 0, param, 0, 4, 0.1f, 0.9f, 0f));
        assertRejected(IllegalArgumentException.class, "param [",
                () -> Optimizers.sgd(param, 0, param, 2, m, 0, 4, 0.1f, 0.9f, 0f));
        assertRejected(IllegalArgumentException.class, "velocity.length",
                () -> Optimizers.sgd(param, grad, new float[2], 0.1f, 0.9f, 0f));
    }

    // ---- helpers

    private static float[] slice(float[] array, int offset, int length) {
        return java.util.Arrays.copyOfRange(array, offset, offset + length);
    }

    private static double ulp(double magnitude) {
        return Math.ulp((float) Math.abs(magnitude));
    }

    private static void assertWithin(double exact, float actual, double tolerance, String what) {
        if (!(Math.abs(actual - exact) <= tolerance)) {
            fail(what + ": " + actual + ", exact " + exact + ", off by " + Math.abs(actual - exact) + " (tolerance "
                    + tolerance + ")");
        }
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (!TestData.same(expected[i], actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
