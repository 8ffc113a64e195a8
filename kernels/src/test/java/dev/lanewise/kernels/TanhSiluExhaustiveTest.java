package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in: tanh and SiLU of all 2^32 float bit patterns, against double precision, on the
 * implementation the provider chose; every result must keep its promise (see
 * {@link TanhSiluLeakyReluTest}) and the maximum ulp error is printed for README.md. Run with
 * {@code ./mvnw -pl kernels test -Pexhaustive} (with sigmoid's; a few minutes each on 2 cores).
 */
@EnabledIfSystemProperty(named = "lanewise.test.exhaustive", matches = "true")
class TanhSiluExhaustiveTest {

    @Test
    void tanhOfEveryFloat() {
        double worst = everyFloat(true);
        assertTrue(worst <= TanhSiluLeakyReluTest.TANH_ULP, "worst " + worst);
    }

    @Test
    void siluOfEveryFloat() {
        double worst = everyFloat(false);
        assertTrue(worst <= TanhSiluLeakyReluTest.SILU_ULP, "worst " + worst);
    }

    private static double everyFloat(boolean tanh) {
        KernelProvider provider = Kernels.get();
        int chunkBits = 16;
        double[] worst = new double[1];
        float[] worstInput = new float[1];
        Object lock = new Object();
        IntStream.range(0, 1 << (32 - chunkBits)).parallel().forEach(chunk -> {
            float[] x = new float[1 << chunkBits];
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = Float.intBitsToFloat(chunk << chunkBits | i);
            }
            if (tanh) {
                provider.activations().tanh(x, 0, y, 0, x.length);
            } else {
                provider.activations().silu(x, 0, y, 0, x.length);
            }
            double localWorst = 0;
            float localInput = 0;
            for (int i = 0; i < x.length; i++) {
                double error;
                if (tanh) {
                    TanhSiluLeakyReluTest.assertTanh(x[i], y[i], provider.name());
                    error = Float.isNaN(x[i]) ? 0 : TestData.ulpError(y[i], TanhSiluLeakyReluTest.tanhExact(x[i]));
                } else {
                    TanhSiluLeakyReluTest.assertSilu(x[i], y[i], provider.name());
                    boolean ulpRegion = x[i] >= TanhSiluLeakyReluTest.FLUSH_BELOW && x[i] != 0 && !Float.isInfinite(x[i]);
                    error = ulpRegion ? TestData.ulpError(y[i], TanhSiluLeakyReluTest.siluExact(x[i])) : 0;
                }
                if (error > localWorst) {
                    localWorst = error;
                    localInput = x[i];
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
                tanh ? "tanh" : "silu", provider.name(), provider.species(), Runtime.version().feature(), worst[0],
                worstInput[0]);
        return worst[0];
    }
}
