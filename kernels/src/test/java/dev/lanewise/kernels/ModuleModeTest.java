package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanewise.probe.BadPropertyProbe;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library as a named module and its startup log line, each in a fresh JVM of the JDK running
 * the tests: on the module path (the compiled classes with their module-info) and on the class
 * path, with and without jdk.incubator.vector, and with only java.base beside it (what a minimal
 * jlink image has: no java.logging, no java.management). Runs in the default test variant only;
 * the variants change flags of this JVM, not of the children.
 */
class ModuleModeTest {

    private static final String FLAG_ADVICE = "add --add-modules jdk.incubator.vector to the java command";
    private static Path classes;

    @BeforeAll
    static void onlyInTheDefaultVariant() throws URISyntaxException {
        assumeTrue(Implementations.VARIANT.equals("default"), "child JVMs are started in the default variant only");
        classes = Path.of(Lanewise.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(classes.resolve("module-info.class")), classes + " has no module-info.class");
    }

    @Test
    void descriptorExportsOnlyThePublicPackages() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        assertEquals("dev.lanewise.kernels", module.name());
        Set<String> exports = module.exports().stream().map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("dev.lanewise.kernels", "dev.lanewise.layers"), exports);
        assertTrue(module.opens().isEmpty(), module.opens().toString());
        Set<String> optional = module.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("jdk.incubator.vector", "jdk.management"), optional);
        assertEquals(Set.of("java.base", "jdk.incubator.vector", "jdk.management"),
                module.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()),
                "no other module may be required: the jar has no runtime dependency");
    }

    @Test
    void namedModuleWithTheIncubatorModuleRunsVector() throws Exception {
        Run run = java("--module-path", classes.toString(), "--add-modules", "jdk.incubator.vector",
                "-m", "dev.lanewise.kernels/dev.lanewise.kernels.Lanewise");
        assertTrue(run.stdout.startsWith("lanewise vector ("), run.toString());
        String expected = "INFO: lanewise " + System.getProperty("lanewise.test.version") + ": vector kernels, ";
        assertEquals(1, run.linesStartingWith(expected), "one INFO line with the module's version: " + run);
        // A full JDK resolves jdk.management by service binding: the module reads the VM flags.
        assertFalse(run.stderr.contains("FMA unknown"), "HotSpot flags unread in a named module: " + run);
    }

    @Test
    void namedModuleWithoutTheIncubatorModuleWarnsOnceAndRunsScalar() throws Exception {
        Run run = java("--module-path", classes.toString(), "-m", "dev.lanewise.kernels/dev.lanewise.kernels.Lanewise");
        assertTrue(run.stdout.startsWith("lanewise scalar ("), run.toString());
        assertEquals(1, run.linesStartingWith("WARNING: lanewise "), run.toString());
        assertTrue(run.stderr.contains(FLAG_ADVICE), run.toString());
        assertEquals(0, run.linesStartingWith("INFO: lanewise"), run.toString());
    }

    @Test
    void classPathWithoutTheIncubatorModuleWarnsOnceAndRunsScalar() throws Exception {
        Run run = java("-cp", classes.toString(), "dev.lanewise.kernels.Lanewise");
        assertTrue(run.stdout.startsWith("lanewise scalar ("), run.toString());
        // From class folders there is no manifest: the version reads "unknown".
        assertEquals(1, run.linesStartingWith("WARNING: lanewise unknown: scalar kernels, 10-50x slower: "), run.toString());
        assertTrue(run.stderr.contains(FLAG_ADVICE), run.toString());
    }

    @Test
    void classPathWithTheIncubatorModuleLogsOneAsciiInfoLine() throws Exception {
        Run run = java("--add-modules", "jdk.incubator.vector", "-cp", classes.toString(), "dev.lanewise.kernels.Lanewise");
        assertTrue(run.stdout.startsWith("lanewise vector ("), run.toString());
        // java.util.logging's default format: a line with the time and the caller, then LEVEL: message.
        List<String> lines = run.stderr.lines().filter(l -> l.matches("[A-Z]+: lanewise .*")).collect(Collectors.toList());
        assertEquals(1, lines.size(), run.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("INFO: lanewise unknown: vector kernels, " + Lanewise.species() + " ("), line);
        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), "not ASCII: " + line);
    }

    @Test
    void onlyJavaBaseBesideItRunsScalarAndStillWarns() throws Exception {
        // What a jlink image of an application and this module alone has: no java.logging (the
        // System.Logger falls back to the JDK's simple console logger), no management beans.
        Run run = java("--module-path", classes.toString(), "--limit-modules", "dev.lanewise.kernels",
                "-m", "dev.lanewise.kernels/dev.lanewise.kernels.Lanewise");
        assertTrue(run.stdout.startsWith("lanewise scalar ("), run.toString());
        assertEquals(1, run.linesStartingWith("WARNING: lanewise "), run.toString());
    }

    @Test
    void withoutManagementTheVectorKernelsStillRunAndTheCpuIsUnknown() throws Exception {
        Run run = java("--module-path", classes.toString(), "--limit-modules", "dev.lanewise.kernels,jdk.incubator.vector",
                "--add-modules", "jdk.incubator.vector", "-m", "dev.lanewise.kernels/dev.lanewise.kernels.Lanewise");
        assertTrue(run.stdout.startsWith("lanewise vector ("), run.toString());
        assertEquals(1, run.linesStartingWith("INFO: lanewise "), run.toString());
        assertTrue(run.stderr.contains("(unknown, FMA unknown, "), "HotSpot flags cannot be read here: " + run);
    }

    @Test
    void namedModuleWithABadPropertyFailsEveryCallWithItsMessage() throws Exception {
        // The probe on the class path calls the module's exported API: every kernel family that a
        // bad property leaves unusable must fail inside the named module too, and stay failing.
        Path testClasses = Path.of(BadPropertyProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Run run = java("--module-path", classes.toString(), "--add-modules", "dev.lanewise.kernels,jdk.incubator.vector",
                "-Dlanewise.gemm.shape=5x5", "-cp", testClasses.toString(), BadPropertyProbe.class.getName());
        String expected = ": java.lang.IllegalArgumentException: -Dlanewise.gemm.shape=5x5 is not one of 4x2, 3x3, 6x4";
        assertEquals(14, run.stdout.lines().filter(l -> l.endsWith(expected)).count(), run.toString());
    }

    private static Run java(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(arguments));
        Path err = Files.createTempFile("lanewise-child", ".err");
        try {
            Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish: " + command);
            Run run = new Run(command, child.exitValue(), stdout, Files.readString(err));
            assertEquals(0, run.exit, run.toString());
            return run;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static final class Run {
        final List<String> command;
        final int exit;
        final String stdout;
        final String stderr;

        Run(List<String> command, int exit, String stdout, String stderr) {
            this.command = command;
            this.exit = exit;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        long linesStartingWith(String prefix) {
            return stderr.lines().filter(l -> l.startsWith(prefix)).count();
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exit + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
        }
    }
}
