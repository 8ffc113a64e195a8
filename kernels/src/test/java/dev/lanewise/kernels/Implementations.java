package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The implementations every kernel test runs against: the scalar reference always, and the Vector
 * API one wherever this JVM can run it. In the test variants that start the JVM with the
 * incubator module (all but "no-incubator-module"), a missing vector provider is a failure, not a
 * skip, so the vector kernels can never go untested by accident.
 */
final class Implementations {
    private Implementations() {}

    static final String VARIANT = System.getProperty("lanewise.test.variant", "default");

    static boolean vectorExpected() {
        return !VARIANT.equals("no-incubator-module");
    }

    static List<KernelProvider> all() {
        List<KernelProvider> providers = new ArrayList<>();
        providers.add(Kernels.scalar());
        Optional<KernelProvider> vector = Kernels.vector();
        if (vectorExpected()) {
            assertTrue(vector.isPresent(), "test variant " + VARIANT + " expects the Vector API kernels to load");
        }
        vector.ifPresent(providers::add);
        return providers;
    }

    /** Lanes of the preferred species when the vector provider is here, else 16 (covers every width). */
    static int lanes() {
        return Kernels.vector().map(KernelProvider::lanes).orElse(16);
    }

    /** Every length 0 ... 4 * lanes + 3, then several vector lengths apart and odd and prime sizes. */
    static int[] lengths() {
        int lanes = lanes();
        List<Integer> sizes = new ArrayList<>();
        for (int n = 0; n <= 4 * lanes + 3; n++) {
            sizes.add(n);
        }
        for (int n : new int[] {63, 64, 65, 127, 128, 129, 191, 257, 1021, 4099, 65537}) {
            if (n > 4 * lanes + 3) {
                sizes.add(n);
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
}
