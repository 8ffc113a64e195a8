package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in: sigmoid of all 2^32 float bit patterns, against the double-precision logistic, on the
 * implementation the provider chose. Run with {@code ./mvnw -pl kernels test -Pexhaustive}
 * (a few minutes on 2 cores); it prints the maximum ulp error, which README.md records.
 */
@EnabledIfSystemProperty(named = "lanewise.test.exhaustive", matches = "true")
class SigmoidExhaustiveTest {

    @Test
    void everyFloatInput() {
        KernelProvider provider = Kernels.get();
        int chunkBits = 16;
        AtomicLong worstBits = new AtomicLong(); // ulp error * 1e6 in the high part, input bits in the low
        double[] worst = new double[1];
        Object lock = new Object();
        IntStream.range(0, 1 << (32 - chunkBits)).parallel().forEach(chunk -> {
            float[] x = new float[1 << chunkBits];
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = Float.intBitsToFloat(chunk << chunkBits | i);
            }
            provider.activations().sigmoid(x, 0, y, 0, x.length);
            double localWorst = 0;
            float localInput = 0;
            for (int i = 0; i < x.length; i++) {
                ActivationsTest.assertSigmoid(x[i], y[i], provider.name());
                double exact = ActivationsTest.sigmoidExact(x[i]);
                if (!Float.isNaN(x[i]) && exact >= Float.MIN_NORMAL) {
                    double error = TestData.ulpError(y[i], exact);
                    if (error > localWorst) {
                        localWorst = error;
                        localInput = x[i];
                    }
                }
            }
            synchronized (lock) {
                if (localWorst > worst[0]) {
                    worst[0] = localWorst;
                    worstBits.set(Float.floatToRawIntBits(localInput));
                }
            }
        });
        System.out.printf("exhaustive sigmoid on %s (%s), JDK %d: max %.4f ulp at x = %s over all 2^32 inputs%n",
                provider.name(), provider.species(), Runtime.version().feature(), worst[0],
                Float.intBitsToFloat((int) worstBits.get()));
        assertTrue(worst[0] <= 3.0);
    }
}
