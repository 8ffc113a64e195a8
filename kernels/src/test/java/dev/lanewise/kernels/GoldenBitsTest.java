package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The promise "the same bits on every vector width, JDK, JIT tier and thread count, and with the
 * scalar fallback", checked against digests committed in the repository: every test variant of
 * the build (each width, JDK 17 and the newest, forced scalar, no incubator module) must
 * reproduce them, so a machine without AVX-512 checks the code that runs on one with it, and the
 * other way round. {@code -Dlanewise.updateGolden=true} rewrites the file; do that only for a
 * deliberate change of the arithmetic, and say so in the commit.
 *
 * <p>The one documented exception, {@code -Dlanewise.exp=library} (not reproducible), is checked
 * only on the cases that do not use exp.
 */
class GoldenBitsTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden-digests.txt");

    @Test
    void everyKernelReproducesTheCommittedDigests() throws IOException {
        Map<String, String> actual = GoldenBits.digests();
        if (Boolean.getBoolean("lanewise.updateGolden")) {
            StringBuilder text = new StringBuilder("# GoldenBits digests: see GoldenBitsTest before changing\n");
            actual.forEach((name, digest) -> text.append(name).append('=').append(digest).append('\n'));
            Files.writeString(GOLDEN, text, StandardCharsets.UTF_8);
        }
        Map<String, String> golden = golden();
        assertEquals(golden.keySet(), actual.keySet(), "the cases changed: rerun with -Dlanewise.updateGolden=true");
        List<String> mismatches = new ArrayList<>();
        for (GoldenBits.Case c : GoldenBits.cases()) {
            if (c.usesExp() && !Kernels.get().reproducible()) {
                continue;
            }
            if (!golden.get(c.name()).equals(actual.get(c.name()))) {
                mismatches.add(c.name());
            }
        }
        if (!mismatches.isEmpty()) {
            fail("outputs differ from the committed digests (" + Lanewise.describe() + "): " + mismatches);
        }
    }

    @Test
    void parallelSgemmGivesTheBitsOfOneThread() {
        Map<String, String> golden = golden();
        for (String transposes : new String[] {"NN", "NT", "TN", "TT"}) {
            assertEquals(golden.get("sgemm " + transposes), golden.get("sgemm " + transposes + " on 2 and 3 threads"),
                    transposes);
        }
    }

    /**
     * In a fresh JVM with this variant's flags, each case called cold (its kernels interpreted)
     * and again after C2 has compiled them: both must be the committed digest.
     */
    @Test
    void coldAndCompiledCallsGiveTheCommittedDigests() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(variantFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GoldenBits.class.getName());
        command.add("25");
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(180, TimeUnit.SECONDS), "probe did not finish: " + output);
        assertEquals(0, probe.exitValue(), output);
        Map<String, String> golden = golden();
        boolean reproducible = Kernels.get().reproducible();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (GoldenBits.Case c : GoldenBits.cases()) {
            String line = output.lines().filter(l -> l.startsWith(c.name() + "=")).findFirst().orElse(null);
            if (line == null) {
                problems.add(c.name() + ": no line from the probe");
                continue;
            }
            String[] coldAndWarm = line.substring(c.name().length() + 1).split(" ");
            if (c.usesExp() && !reproducible) {
                continue;
            }
            checked++;
            if (!coldAndWarm[0].equals(coldAndWarm[1])) {
                problems.add(c.name() + ": cold and compiled calls differ");
            } else if (!coldAndWarm[0].equals(golden.get(c.name()))) {
                problems.add(c.name() + ": differs from the committed digest");
            }
        }
        assertTrue(checked > 0);
        if (!problems.isEmpty()) {
            fail(problems + "\n" + output);
        }
    }

    /** The JVM flags of this test variant (width, strategies, implementation, module) for a child JVM. */
    static List<String> variantFlags() {
        List<String> flags = new ArrayList<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-XX:") || argument.startsWith("-Dlanewise.") || argument.startsWith("--add-modules")) {
                flags.add(argument);
            }
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && flags.stream().noneMatch(a -> a.startsWith("--add-modules"))) {
            flags.add("--add-modules=jdk.incubator.vector");
        }
        return flags;
    }

    static Map<String, String> golden() {
        Map<String, String> golden = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int split = line.lastIndexOf('=');
                    golden.put(line.substring(0, split), line.substring(split + 1));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + GOLDEN.toAbsolutePath(), e);
        }
        return golden;
    }
}
