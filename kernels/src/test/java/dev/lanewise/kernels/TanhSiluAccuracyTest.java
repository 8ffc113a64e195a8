package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tanh and SiLU promises over 5·10^6 inputs each, spread evenly across every exponent of the
 * floats (both signs, subnormals included), against double precision; the exhaustive check over
 * all 2^32 inputs is the opt-in {@link TanhSiluExhaustiveTest}.
 */
class TanhSiluAccuracyTest {

    static java.util.List<KernelProvider> implementations() {
        return Implementations.all();
    }

    private static final int PER_EXPONENT_AND_SIGN = 10_000;

    @ParameterizedTest
    @MethodSource("implementations")
    void tanhWithinItsUlpBoundAcrossEveryExponent(KernelProvider provider) {
        double worst = sweep(provider, true);
        System.out.printf("%s tanh: max %.3f ulp over sampled inputs%n", provider.name(), worst);
        assertTrue(worst <= TanhSiluLeakyReluTest.TANH_ULP, provider.name() + " worst " + worst + " ulp");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void siluWithinItsUlpBoundAcrossEveryExponent(KernelProvider provider) {
        double worst = sweep(provider, false);
        System.out.printf("%s silu: max %.3f ulp over sampled inputs from FLUSH_BELOW up%n", provider.name(), worst);
        assertTrue(worst <= TanhSiluLeakyReluTest.SILU_ULP, provider.name() + " worst " + worst + " ulp");
    }

    /** Checks every sampled result against its promise and returns the worst ulp error seen. */
    private static double sweep(KernelProvider provider, boolean tanh) {
        float[] x = new float[PER_EXPONENT_AND_SIGN];
        float[] y = new float[PER_EXPONENT_AND_SIGN];
        SplittableRandom random = new SplittableRandom(tanh ? 14 : 15);
        double worst = 0;
        for (int biasedExponent = 0; biasedExponent <= 254; biasedExponent++) {
            for (int sign = 0; sign <= 1; sign++) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = Float.intBitsToFloat(sign << 31 | biasedExponent << 23 | random.nextInt(1 << 23));
                }
                if (tanh) {
                    provider.activations().tanh(x, 0, y, 0, x.length);
                } else {
                    provider.activations().silu(x, 0, y, 0, x.length);
                }
                for (int i = 0; i < x.length; i++) {
                    if (tanh) {
                        TanhSiluLeakyReluTest.assertTanh(x[i], y[i], provider.name());
                        worst = Math.max(worst, TestData.ulpError(y[i], TanhSiluLeakyReluTest.tanhExact(x[i])));
                    } else {
                        TanhSiluLeakyReluTest.assertSilu(x[i], y[i], provider.name());
                        if (x[i] >= TanhSiluLeakyReluTest.FLUSH_BELOW && x[i] != 0) {
                            worst = Math.max(worst, TestData.ulpError(y[i], TanhSiluLeakyReluTest.siluExact(x[i])));
                        }
                    }
                }
            }
        }
        return worst;
    }
}
