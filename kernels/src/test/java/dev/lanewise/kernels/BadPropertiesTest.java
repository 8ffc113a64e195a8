package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanewise.probe.BadPropertyProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every {@code lanewise.*} property with a bad value fails loudly: an IllegalArgumentException
 * naming the property, the value and what is allowed, at the first call into the library and at
 * every later one, whichever implementation would run, and never a fallback to scalar. Each case
 * runs {@link BadPropertyProbe} in fresh JVMs: with this test variant's flags, without the
 * incubator module, and with the scalar kernels forced. Runs in every test variant.
 */
class BadPropertiesTest {

    @ParameterizedTest(name = "-D{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "lanewise.impl        | simd | is not one of vector, scalar",
        "lanewise.exp         | fast | is not one of polynomial, library",
        "lanewise.relu        | max  | is not one of lanes, loop",
        "lanewise.mask        | bits | is not one of tolong, reduction",
        "lanewise.gemm.shape  | 8x8  | is not one of 4x2, 3x3, 6x4",
        "lanewise.gemm.kc     | abc  | is out of range: it must be a whole number from 1 to 32768",
        "lanewise.gemm.mc     | 0    | is out of range: it must be a whole number from 1 to 32768",
        "lanewise.gemm.nc     | -1   | is out of range: it must be a whole number from 1 to 32768",
        "lanewise.gemm.direct | 1e6  | is out of range: it must be a whole number from 1 to 2147483647",
    })
    void aBadValueFailsEveryUseOnEveryImplementation(String property, String value, String allowed)
            throws IOException, InterruptedException {
        String expected = "java.lang.IllegalArgumentException: -D" + property + "=" + value + " " + allowed;
        List<List<String>> setups = new ArrayList<>();
        setups.add(variantFlagsWithout(property)); // this variant: its width, strategies, implementation, module
        setups.add(List.of()); // no incubator module
        if (!property.equals("lanewise.impl")) {
            setups.add(List.of("--add-modules=jdk.incubator.vector", "-Dlanewise.impl=scalar"));
        }
        for (List<String> flags : setups) {
            String output = probe(flags, "-D" + property + "=" + value);
            List<String> calls = output.lines()
                    .filter(l -> l.matches("(relu|sgemm|softmax|rowVectors|optimizers|normalization|describe): .*")).toList();
            assertEquals(14, calls.size(), output); // 7 entry points (every kernel family), each twice
            for (String call : calls) {
                assertTrue(call.endsWith(": " + expected), "expected " + expected + " from every call, got " + call
                        + "\n" + output);
            }
            // No implementation was chosen, so nothing was logged: no silent scalar kernels.
            assertFalse(output.contains("scalar kernels") || output.contains("vector kernels"), output);
        }
    }

    private static List<String> variantFlagsWithout(String property) {
        List<String> flags = new ArrayList<>(GoldenBitsTest.variantFlags());
        flags.removeIf(flag -> flag.startsWith("-D" + property + "="));
        return flags;
    }

    private static String probe(List<String> flags, String badProperty) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add(badProperty);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BadPropertyProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe did not finish: " + output);
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return String.join(" ", command) + "\n" + output;
    }
}
