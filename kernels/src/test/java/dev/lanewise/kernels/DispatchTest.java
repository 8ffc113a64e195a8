package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
                assertEquals(KernelProvider.Why.FORCED_SCALAR, Kernels.get().why());
                assertTrue(Lanewise.reason().contains("lanewise.impl=scalar"), Lanewise.reason());
                break;
            case "no-incubator-module":
                assertEquals("scalar", implementation);
                assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                        "this variant must run without the incubator module");
                assertEquals(KernelProvider.Why.MODULE_MISSING, Kernels.get().why());
                assertTrue(Lanewise.reason().contains("--add-modules jdk.incubator.vector"), Lanewise.reason());
                break;
            default:
                assertEquals("vector", implementation, Lanewise.describe());
                assertEquals(KernelProvider.Why.VECTOR_AVAILABLE, Kernels.get().why());
        }
    }

    @Test
    void avx2VariantRunsAsAnAvx2Machine() {
        if (!Implementations.VARIANT.equals("avx2") || !System.getProperty("os.arch").equals("amd64")) {
            return;
        }
        String species = Lanewise.species();
        int bits = Integer.parseInt(species.substring(0, species.indexOf("-bit")));
        assertTrue(bits <= 256, species + " under -XX:UseAVX=2");
        assertTrue(!Lanewise.cpuFeatures().contains("AVX-512"), Lanewise.cpuFeatures());
    }

    @Test
    void speciesFollowsMaxVectorSize() {
        String variant = Implementations.VARIANT;
        if (!variant.startsWith("width-")) {
            return;
        }
        int requestedBits = Integer.parseInt(variant.substring("width-".length()));
        String species = Lanewise.species();
        int bits = Kernels.get().vectorBits();
        assertTrue(species.startsWith(bits + "-bit, " + Kernels.get().lanes() + " float lanes"), species);
        assertTrue(Lanewise.describe().contains(Lanewise.cpuFeatures()), Lanewise.describe());
        // -XX:MaxVectorSize caps the width; a CPU without 512-bit registers stays at 256.
        assertTrue(bits <= requestedBits, species + " is wider than -XX:MaxVectorSize allows");
        if (requestedBits < 512) {
            assertEquals(requestedBits, bits, species);
        }
    }

    @Test
    void scalarProviderIsAlwaysAvailableAndDescribesItself() {
        KernelProvider scalar = Kernels.scalar();
        assertEquals("scalar", scalar.name());
        assertTrue(Lanewise.describe().startsWith(Lanewise.implementation()));
    }

    @Test
    void onlyTheLibraryExpGivesUpReproducibility() {
        assertTrue(Kernels.scalar().reproducible());
        Kernels.vector().ifPresent(vector -> assertEquals(
                !"library".equals(System.getProperty("lanewise.exp")), vector.reproducible(), vector.reason()));
    }

    /**
     * Without hardware FMA (emulated with -XX:-UseFMA) the library says so once at WARNING and
     * names it in describe(); the results are the same bits (Math.fma is exact either way), which
     * the golden digests of a small case confirm here.
     */
    @Test
    void withoutHardwareFmaTheLibraryWarnsAndKeepsItsBits() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(GoldenBitsTest.variantFlags()); // this variant's width, strategies, implementation
        command.add("-XX:-UseFMA");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NoFmaProbe.class.getName());
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(120, TimeUnit.SECONDS), "probe did not finish: " + output);
        assertEquals(0, probe.exitValue(), output);
        assertTrue(output.contains("WARNING") && output.contains("no fused multiply-add instruction"), output);
        assertTrue(output.contains("no hardware FMA"), output);
        if (!Kernels.get().reproducible()) {
            return; // -Dlanewise.exp=library: not bit-reproducible anyway
        }
        String expected = NoFmaProbe.digest();
        assertTrue(output.contains("digest " + expected), "bits differ without hardware FMA: " + output + " vs " + expected);
    }
}
