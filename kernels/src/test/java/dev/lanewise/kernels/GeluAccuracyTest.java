package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GELU promises (both forms, forward and backward) over 5·10^6 inputs each, spread evenly
 * across every exponent of the floats (both signs, subnormals included), against double
 * precision; the exhaustive check of the forwards over all 2^32 inputs is the opt-in
 * {@link GeluExhaustiveTest}.
 */
class GeluAccuracyTest {

    static java.util.List<KernelProvider> implementations() {
        return Implementations.all();
    }

    private static final int PER_EXPONENT_AND_SIGN = 10_000;

    @ParameterizedTest
    @MethodSource("implementations")
    void geluWithinItsUlpBoundAcrossEveryExponent(KernelProvider provider) {
        double worst = sweep(provider, 0);
        System.out.printf("%s gelu: max %.3f ulp over sampled inputs from the tail up%n", provider.name(), worst);
        assertTrue(worst <= GeluTest.GELU_ULP, provider.name() + " worst " + worst + " ulp");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void geluTanhWithinItsUlpBoundAcrossEveryExponent(KernelProvider provider) {
        double worst = sweep(provider, 1);
        System.out.printf("%s geluTanh: max %.3f ulp over sampled inputs from the tail up%n", provider.name(), worst);
        assertTrue(worst <= GeluTest.GELU_TANH_ULP, provider.name() + " worst " + worst + " ulp");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void bothGradientsWithinTheirBoundsAcrossEveryExponent(KernelProvider provider) {
        sweep(provider, 2);
    }

    /** Checks every sampled result against its promise; returns the worst ulp error of a forward. */
    private static double sweep(KernelProvider provider, int kind) {
        float[] x = new float[PER_EXPONENT_AND_SIGN];
        float[] y = new float[PER_EXPONENT_AND_SIGN];
        float[] dy = new float[PER_EXPONENT_AND_SIGN];
        float[] dxTanh = new float[PER_EXPONENT_AND_SIGN];
        SplittableRandom random = new SplittableRandom(140 + kind);
        double worst = 0;
        for (int biasedExponent = 0; biasedExponent <= 254; biasedExponent++) {
            for (int sign = 0; sign <= 1; sign++) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = Float.intBitsToFloat(sign << 31 | biasedExponent << 23 | random.nextInt(1 << 23));
                    dy[i] = (float) (random.nextDouble() * 4 - 2);
                }
                switch (kind) {
                    case 0 -> provider.activations().gelu(x, 0, y, 0, x.length);
                    case 1 -> provider.activations().geluTanh(x, 0, y, 0, x.length);
                    default -> {
                        provider.activations().geluBackward(x, 0, dy, 0, y, 0, x.length);
                        provider.activations().geluTanhBackward(x, 0, dy, 0, dxTanh, 0, x.length);
                    }
                }
                for (int i = 0; i < x.length; i++) {
                    String where = provider.name();
                    if (kind == 0) {
                        GeluTest.assertGelu(x[i], y[i], where);
                        if (x[i] >= GeluTest.GELU_TAIL && x[i] != 0) {
                            worst = Math.max(worst, TestData.ulpError(y[i], GeluTest.geluExact(x[i])));
                        }
                    } else if (kind == 1) {
                        GeluTest.assertGeluTanh(x[i], y[i], where);
                        if (x[i] >= GeluTest.GELU_TANH_TAIL && x[i] != 0) {
                            worst = Math.max(worst, TestData.ulpError(y[i], GeluTest.geluTanhExact(x[i])));
                        }
                    } else {
                        GeluTest.assertGeluGradient(x[i], dy[i], y[i], where);
                        GeluTest.assertGeluTanhGradient(x[i], dy[i], dxTanh[i], where);
                    }
                }
            }
        }
        return worst;
    }
}
