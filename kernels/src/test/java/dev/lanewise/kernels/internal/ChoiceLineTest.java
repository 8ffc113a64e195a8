package dev.lanewise.kernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.kernels.internal.KernelProvider.Why;
import org.junit.jupiter.api.Test;

/**
 * The line Kernels logs once per JVM, built for each case it distinguishes. What the JVM
 * really logs, at which level, and how often, is checked in child JVMs by ModuleModeTest.
 */
class ChoiceLineTest {

    private static final String CPU = "AVX2, FMA, vectors up to 32 bytes, amd64";

    @Test
    void vectorLineNamesVersionSpeciesAndCpu() {
        String line = Kernels.choiceLine("0.1.0", named(KernelProvider.Implementation.VECTOR, 256, 8, Why.VECTOR_AVAILABLE, "ignored"),
                Config.Impl.AUTO, CPU);
        assertEquals("lanewise 0.1.0: vector kernels, 256-bit, 8 float lanes (AVX2, FMA, vectors up to 32 bytes, amd64)", line);
    }

    @Test
    void missingModuleLineGivesTheExactFlag() {
        String line = Kernels.choiceLine("0.1.0", ScalarKernelProvider.create(Why.MODULE_MISSING, "no module"), Config.Impl.AUTO, CPU);
        assertEquals("lanewise 0.1.0: scalar kernels, 10-50x slower: jdk.incubator.vector is missing;"
                + " add --add-modules jdk.incubator.vector to the java command", line);
    }

    @Test
    void forcedScalarSaysSo() {
        String line = Kernels.choiceLine("unknown", ScalarKernelProvider.create(Why.FORCED_SCALAR, "forced"), Config.Impl.SCALAR, CPU);
        assertEquals("lanewise unknown: scalar kernels, forced by -Dlanewise.impl=scalar", line);
    }

    @Test
    void otherReasonsAreQuotedInAscii() {
        String line = Kernels.choiceLine("0.1.0", named(KernelProvider.Implementation.SCALAR, 0, 1, Why.NO_C2,
                "tile 6\u00d74, \u201cquoted\u201d"), Config.Impl.VECTOR, CPU);
        assertEquals("lanewise 0.1.0: scalar kernels although -Dlanewise.impl=vector: tile 6x4, ?quoted?", line);
    }

    @Test
    void theRealProvidersGiveShortAsciiLines() {
        String cpu = CpuFeatures.summary();
        // The line this JVM logged, in whichever test variant runs.
        Config.Impl forced = Config.get().impl();
        assertAsciiAndShort(Kernels.choiceLine(Kernels.version(), Kernels.get(), forced, cpu));
        assertAsciiAndShort(Kernels.choiceLine(Kernels.version(), ScalarKernelProvider.create(Why.MODULE_MISSING, "none"),
                Config.Impl.AUTO, cpu));
        // The vector provider's reason() is long and has a multiplication sign; the line quotes neither.
        Kernels.vector().ifPresent(vector -> assertAsciiAndShort(
                Kernels.choiceLine(Kernels.version(), vector, Config.Impl.AUTO, cpu)));
    }

    @Test
    void versionIsUnknownFromClassFolders() {
        // Surefire runs these tests from target/classes on the class path: no manifest, no module.
        assertEquals("unknown", Kernels.version());
    }

    private static void assertAsciiAndShort(String line) {
        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), line);
        assertTrue(line.length() <= 150, line.length() + " characters: " + line);
    }

    private static KernelProvider named(KernelProvider.Implementation implementation, int bits, int lanes, Why why,
            String reason) {
        // Only what choiceLine reads; the kernels are never called.
        return new KernelProvider() {
            @Override public Implementation implementation() { return implementation; }
            @Override public int vectorBits() { return bits; }
            @Override public int lanes() { return lanes; }
            @Override public Why why() { return why; }
            @Override public String reason() { return reason; }
            @Override public boolean reproducible() { return true; }
            @Override public ActivationKernels activations() { throw new UnsupportedOperationException(); }
            @Override public RowVectorKernels rowVectors() { throw new UnsupportedOperationException(); }
            @Override public SoftmaxKernels softmax() { throw new UnsupportedOperationException(); }
            @Override public GemmKernels gemm() { throw new UnsupportedOperationException(); }
            @Override public OptimizerKernels optimizers() { throw new UnsupportedOperationException(); }
            @Override public NormalizationKernels normalization() { throw new UnsupportedOperationException(); }
        };
    }
}
