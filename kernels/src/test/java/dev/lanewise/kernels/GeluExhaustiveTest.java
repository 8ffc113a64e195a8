package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in: GELU, exact and tanh form, of all 2^32 float bit patterns, against double precision
 * (the oracles of {@link GeluTest}), on the implementation the provider chose; every result must
 * keep its promise and the maximum ulp error (from the tail bound up) is printed for README.md.
 * Run with {@code ./mvnw -pl kernels test -Pexhaustive} (with sigmoid's, tanh's and SiLU's).
 */
@EnabledIfSystemProperty(named = "lanewise.test.exhaustive", matches = "true")
class GeluExhaustiveTest {

    @Test
    void geluOfEveryFloat() {
        double worst = everyFloat(true);
        assertTrue(worst <= GeluTest.GELU_ULP, "worst " + worst);
    }

    @Test
    void geluTanhOfEveryFloat() {
        double worst = everyFloat(false);
        assertTrue(worst <= GeluTest.GELU_TANH_ULP, "worst " + worst);
    }

    private static double everyFloat(boolean exactForm) {
        KernelProvider provider = Kernels.get();
        int chunkBits = 16;
        double[] worst = new double[1];
        float[] worstInput = new float[1];
        Object lock = new Object();
        float tail = exactForm ? GeluTest.GELU_TAIL : GeluTest.GELU_TANH_TAIL;
        IntStream.range(0, 1 << (32 - chunkBits)).parallel().forEach(chunk -> {
            float[] x = new float[1 << chunkBits];
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = Float.intBitsToFloat(chunk << chunkBits | i);
            }
            if (exactForm) {
                provider.activations().gelu(x, 0, y, 0, x.length);
            } else {
                provider.activations().geluTanh(x, 0, y, 0, x.length);
            }
            double localWorst = 0;
            float localInput = 0;
            for (int i = 0; i < x.length; i++) {
                float v = x[i];
                if (exactForm) {
                    GeluTest.assertGelu(v, y[i], provider.name());
                } else {
                    GeluTest.assertGeluTanh(v, y[i], provider.name());
                }
                boolean ulpRegion = v >= tail && v != 0 && v < GeluTest.GELU_IS_X_FROM;
                double error = ulpRegion
                        ? TestData.ulpError(y[i], exactForm ? GeluTest.geluExact(v) : GeluTest.geluTanhExact(v))
                        : 0;
                if (error > localWorst) {
                    localWorst = error;
                    localInput = v;
                }
            }
            synchronized (lock) {
                if (localWorst > worst[0]) {
                    worst[0] = localWorst;
                    worstInput[0] = localInput;
                }
            }
        });
        System.out.printf("exhaustive %s on %s (%s), JDK %d: max %.4f ulp at x = %s over all 2^32 inputs%n",
                exactForm ? "gelu" : "geluTanh", provider.name(), provider.species(), Runtime.version().feature(),
                worst[0], worstInput[0]);
        return worst[0];
    }
}
