package dev.lanewise.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.Lanewise;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Backward against central differences of the loss, for every weight, bias and input element of
 * Affine → Relu → Affine → Sigmoid → Affine → SoftmaxWithLoss (and of networks with the newer
 * activation and normalisation layers, every gamma and beta included), on whichever implementation this
 * JVM runs (the CI matrix runs it on the Vector API and on the scalar reference).
 *
 * <p>Step and tolerance for float: the loss (about 1) is computed in float, so each evaluation
 * carries rounding noise of a few 1e-7, which a central difference divides by 2h; the truncation
 * error of a central difference is h²/6 times the third derivative (order 1 here). h = 1e-2
 * balances the two at about 1e-5 each, so analytic and numeric gradients must agree within
 * 1e-3 absolute plus 1e-2 relative — an order of magnitude of margin, yet a wrong transpose, a
 * missing 1/N or a sign error misses it by far. ReLU has a kink at 0: the data is drawn so that no
 * ReLU input lies within 0.1 of it, further than any ±h perturbation can move it.
 */
class GradientCheckTest {
    private static final float STEP = 1e-2f;
    private static final double ABSOLUTE = 1e-3;
    private static final double RELATIVE = 1e-2;
    private static final int BATCH = 4;

    private Affine first;
    private Affine second;
    private Affine third;
    private Relu relu;
    private Sequential net;
    private final SoftmaxWithLoss head = new SoftmaxWithLoss();
    private Matrix x;
    private final int[] labels = {0, 2, 1, 2};

    private float loss() {
        return head.forward(net.forward(x), labels);
    }

    private void build(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        first = new Affine(gaussian(random, 4, 5, 0.8), gaussian(random, 1, 5, 0.3).data());
        relu = new Relu();
        second = new Affine(gaussian(random, 5, 6, 0.8), gaussian(random, 1, 6, 0.3).data());
        third = new Affine(gaussian(random, 6, 3, 1.0), gaussian(random, 1, 3, 0.3).data());
        net = new Sequential(first, relu, second, new Sigmoid(), third);
        x = gaussian(random, BATCH, 4, 1.0);
    }

    /** The first seed whose ReLU inputs all lie at least 0.1 from the kink. */
    private void buildAwayFromTheKink() {
        for (long seed = 1; ; seed++) {
            build(seed);
            Matrix reluInput = first.forward(x);
            boolean clear = true;
            for (float z : reluInput.data()) {
                clear &= Math.abs(z) >= 0.1f;
            }
            if (clear) {
                return;
            }
        }
    }

    @Test
    void backwardMatchesCentralDifferencesForEveryParameterAndInput() {
        buildAwayFromTheKink();
        loss();
        Matrix dx = net.backward(head.backward());
        float[] inputGradient = dx.data().clone();

        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Parameter parameter : net.parameters()) {
            checked += check(parameter.name(), parameter.values(), parameter.gradient().clone(), failures);
        }
        checked += check("input x", x.data(), inputGradient, failures);
        assertTrue(checked == 4 * 5 + 5 + 5 * 6 + 6 + 6 * 3 + 3 + BATCH * 4, "checked " + checked);
        assertTrue(failures.isEmpty(), Lanewise.implementation() + ": " + failures.size() + " gradients off:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }

    /**
     * Affine → Tanh → Affine → Silu → Affine → LeakyRelu → Affine → SoftmaxWithLoss, the same way:
     * the data is drawn so that no LeakyRelu input lies within 0.1 of its kink.
     */
    @Test
    void theNewActivationLayersMatchCentralDifferences() {
        Affine[] affines = new Affine[4];
        for (long seed = 1; ; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int[] widths = {4, 5, 6, 5, 3};
            for (int i = 0; i < affines.length; i++) {
                affines[i] = new Affine(gaussian(random, widths[i], widths[i + 1], 0.8),
                        gaussian(random, 1, widths[i + 1], 0.3).data());
            }
            Tanh tanh = new Tanh();
            Silu silu = new Silu();
            net = new Sequential(affines[0], tanh, affines[1], silu, affines[2], new LeakyRelu(0.1f), affines[3]);
            x = gaussian(random, BATCH, 4, 1.0);
            // the LeakyRelu input, computed by the same layers the network holds
            Matrix hidden = silu.forward(affines[1].forward(tanh.forward(affines[0].forward(x))));
            Matrix leakyInput = affines[2].forward(hidden);
            boolean clear = true;
            for (float z : leakyInput.data()) {
                clear &= Math.abs(z) >= 0.1f;
            }
            if (clear) {
                break;
            }
        }
        loss();
        float[] inputGradient = net.backward(head.backward()).data().clone();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Parameter parameter : net.parameters()) {
            checked += check(parameter.name(), parameter.values(), parameter.gradient().clone(), failures);
        }
        checked += check("input x", x.data(), inputGradient, failures);
        assertTrue(checked == 4 * 5 + 5 + 5 * 6 + 6 + 6 * 5 + 5 + 5 * 3 + 3 + BATCH * 4, "checked " + checked);
        assertTrue(failures.isEmpty(), Lanewise.implementation() + ": " + failures.size() + " gradients off:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }

    /**
     * Affine → LayerNorm → Tanh → Affine → RmsNorm → Affine → SoftmaxWithLoss, the same way, with
     * gamma and beta away from their initial 1 and 0 so that every term of the backward counts.
     * The normalised rows are 6 and 5 wide; their inputs spread over about ±1, where the
     * normalisations' third derivatives stay of order 1, so the same step and tolerance hold.
     */
    @Test
    void theNormalizationLayersMatchCentralDifferences() {
        SplittableRandom random = new SplittableRandom(5);
        Affine a1 = new Affine(gaussian(random, 4, 6, 0.8), gaussian(random, 1, 6, 0.3).data());
        LayerNorm layerNorm = new LayerNorm(gaussian(random, 1, 6, 0.3).data(), gaussian(random, 1, 6, 0.3).data(),
                1e-5f);
        for (int i = 0; i < 6; i++) {
            layerNorm.gamma()[i] += 1f;
        }
        Affine a2 = new Affine(gaussian(random, 6, 5, 0.8), gaussian(random, 1, 5, 0.3).data());
        RmsNorm rmsNorm = new RmsNorm(gaussian(random, 1, 5, 0.3).data(), 1e-6f);
        for (int i = 0; i < 5; i++) {
            rmsNorm.gamma()[i] += 1f;
        }
        Affine a3 = new Affine(gaussian(random, 5, 3, 1.0), gaussian(random, 1, 3, 0.3).data());
        net = new Sequential(a1, layerNorm, new Tanh(), a2, rmsNorm, a3);
        x = gaussian(random, BATCH, 4, 1.0);
        loss();
        float[] inputGradient = net.backward(head.backward()).data().clone();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Parameter parameter : net.parameters()) {
            checked += check(parameter.name(), parameter.values(), parameter.gradient().clone(), failures);
        }
        checked += check("input x", x.data(), inputGradient, failures);
        assertTrue(checked == 4 * 6 + 6 + 6 + 6 + 6 * 5 + 5 + 5 + 5 * 3 + 3 + BATCH * 4, "checked " + checked);
        assertTrue(failures.isEmpty(), Lanewise.implementation() + ": " + failures.size() + " gradients off:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }

    private int check(String name, float[] values, float[] analytic, List<String> failures) {
        for (int i = 0; i < values.length; i++) {
            float saved = values[i];
            values[i] = saved + STEP;
            double plus = loss();
            values[i] = saved - STEP;
            double minus = loss();
            values[i] = saved;
            double numeric = (plus - minus) / (2 * STEP);
            if (Math.abs(numeric - analytic[i]) > ABSOLUTE + RELATIVE * Math.abs(numeric)) {
                failures.add(name + "[" + i + "]: backward " + analytic[i] + ", central difference " + numeric);
            }
        }
        return values.length;
    }

    private static Matrix gaussian(SplittableRandom random, int rows, int cols, double scale) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = (float) (random.nextGaussian() * scale);
        }
        return m;
    }
}
