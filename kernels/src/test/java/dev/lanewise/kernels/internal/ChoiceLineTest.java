package dev.lanewise.kernels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The line KernelProvider logs once per JVM, built for each case it distinguishes. What the JVM
 * really logs, at which level, and how often, is checked in child JVMs by ModuleModeTest.
 */
class ChoiceLineTest {

    private static final String CPU = "AVX2, FMA, vectors up to 32 bytes, amd64";

    @Test
    void vectorLineNamesVersionSpeciesAndCpu() {
        String line = KernelProvider.choiceLine("0.1.0", named("vector", "256-bit, 8 float lanes", "ignored"), "", false, CPU);
        assertEquals("lanewise 0.1.0: vector kernels, 256-bit, 8 float lanes (AVX2, FMA, vectors up to 32 bytes, amd64)", line);
    }

    @Test
    void missingModuleLineGivesTheExactFlag() {
        String line = KernelProvider.choiceLine("0.1.0", KernelProvider.scalar(), "", true, CPU);
        assertEquals("lanewise 0.1.0: scalar kernels, 10-50x slower: jdk.incubator.vector is missing;"
                + " add --add-modules jdk.incubator.vector to the java command", line);
    }

    @Test
    void forcedScalarSaysSo() {
        String line = KernelProvider.choiceLine("unknown", KernelProvider.scalar(), "scalar", true, CPU);
        assertEquals("lanewise unknown: scalar kernels, forced by -Dlanewise.impl=scalar", line);
    }

    @Test
    void otherReasonsAreQuotedInAscii() {
        String line = KernelProvider.choiceLine("0.1.0", named("scalar", "no vector species", "tile 6\u00d74, \u201cquoted\u201d"),
                "vector", false, CPU);
        assertEquals("lanewise 0.1.0: scalar kernels although -Dlanewise.impl=vector: tile 6x4, ?quoted?", line);
    }

    @Test
    void theRealProvidersGiveShortAsciiLines() {
        String cpu = CpuFeatures.summary();
        // The line this JVM logged, in whichever test variant runs.
        String forced = System.getProperty(KernelProvider.IMPL_PROPERTY, "").trim();
        boolean moduleMissing = ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty();
        assertAsciiAndShort(KernelProvider.choiceLine(KernelProvider.version(), KernelProvider.get(), forced, moduleMissing, cpu));
        assertAsciiAndShort(KernelProvider.choiceLine(KernelProvider.version(), KernelProvider.scalar(), "", true, cpu));
        // The vector provider's reason() is long and has a multiplication sign; the line quotes neither.
        KernelProvider.vector().ifPresent(vector -> assertAsciiAndShort(
                KernelProvider.choiceLine(KernelProvider.version(), vector, "", false, cpu)));
    }

    @Test
    void versionIsUnknownFromClassFolders() {
        // Surefire runs these tests from target/classes on the class path: no manifest, no module.
        assertEquals("unknown", KernelProvider.version());
    }

    private static void assertAsciiAndShort(String line) {
        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), line);
        assertTrue(line.length() <= 150, line.length() + " characters: " + line);
    }

    private static KernelProvider named(String name, String species, String reason) {
        // Only what choiceLine reads; the kernels are never called.
        return new KernelProvider() {
            @Override public String name() { return name; }
            @Override public String species() { return species; }
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
