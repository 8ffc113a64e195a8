package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sigmoid promise over 10^7+ inputs spread evenly across every exponent of the normal floats
 * (both signs), plus every subnormal exponent band, against the double-precision logistic.
 */
class SigmoidAccuracyTest {

    static java.util.List<KernelProvider> implementations() {
        return Implementations.all();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void atMostThreeUlpAcrossEveryExponent(KernelProvider provider) {
        int perExponentAndSign = 20_000;
        float[] x = new float[perExponentAndSign];
        float[] y = new float[perExponentAndSign];
        SplittableRandom random = new SplittableRandom(2024);
        double worstUlp = 0;
        float worstInput = 0;
        long checked = 0;
        for (int biasedExponent = 0; biasedExponent <= 254; biasedExponent++) {
            for (int sign = 0; sign <= 1; sign++) {
                for (int i = 0; i < perExponentAndSign; i++) {
                    int mantissa = random.nextInt(1 << 23);
                    x[i] = Float.intBitsToFloat(sign << 31 | biasedExponent << 23 | mantissa);
                }
                provider.activations().sigmoid(x, 0, y, 0, perExponentAndSign);
                for (int i = 0; i < perExponentAndSign; i++) {
                    ActivationsTest.assertSigmoid(x[i], y[i], provider.name());
                    double exact = ActivationsTest.sigmoidExact(x[i]);
                    if (exact >= Float.MIN_NORMAL) {
                        double error = TestData.ulpError(y[i], exact);
                        if (error > worstUlp) {
                            worstUlp = error;
                            worstInput = x[i];
                        }
                    }
                }
                checked += perExponentAndSign;
            }
        }
        System.out.printf("%s sigmoid: max %.3f ulp (at x = %s) over %d inputs%n",
                provider.name(), worstUlp, worstInput, checked);
        assertTrue(checked >= 10_000_000, "checked " + checked);
        assertTrue(worstUlp <= 3.0, provider.name() + " worst " + worstUlp + " ulp at " + worstInput);
    }
}
