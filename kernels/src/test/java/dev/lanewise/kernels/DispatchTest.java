package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider;
import org.junit.jupiter.api.Test;

/**
 * The provider's choice in each test variant the build runs: the Vector API by default, scalar
 * when forced, scalar (with advice) without the incubator module, and the species each
 * -XX:MaxVectorSize asks for, where the hardware has it.
 */
class DispatchTest {

    @Test
    void choiceMatchesTheTestVariant() {
        String variant = Implementations.VARIANT;
        String implementation = Lanewise.implementation();
        switch (variant) {
            case "forced-scalar":
                assertEquals("scalar", implementation);
                assertTrue(Lanewise.reason().contains("lanewise.impl=scalar"), Lanewise.reason());
                break;
            case "no-incubator-module":
                assertEquals("scalar", implementation);
                assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                        "this variant must run without the incubator module");
                assertTrue(Lanewise.reason().contains("--add-modules jdk.incubator.vector"), Lanewise.reason());
                break;
            default:
                assertEquals("vector", implementation, Lanewise.describe());
        }
    }

    @Test
    void speciesFollowsMaxVectorSize() {
        String variant = Implementations.VARIANT;
        if (!variant.startsWith("width-")) {
            return;
        }
        int requestedBits = Integer.parseInt(variant.substring("width-".length()));
        String species = Lanewise.species();
        int bits = Integer.parseInt(species.substring(0, species.indexOf("-bit")));
        // -XX:MaxVectorSize caps the width; a CPU without 512-bit registers stays at 256.
        assertTrue(bits <= requestedBits, species + " is wider than -XX:MaxVectorSize allows");
        if (requestedBits < 512) {
            assertEquals(requestedBits, bits, species);
        }
    }

    @Test
    void scalarProviderIsAlwaysAvailableAndDescribesItself() {
        KernelProvider scalar = KernelProvider.scalar();
        assertEquals("scalar", scalar.name());
        assertTrue(Lanewise.describe().startsWith(Lanewise.implementation()));
    }
}
