package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sgemm blocking properties ({@code -Dlanewise.gemm.kc, .mc, .nc, .direct}) are read once,
 * when the kernels load, so each case runs in a fresh JVM with the Vector API kernels: a value out
 * of range stops the JVM with an IllegalArgumentException naming the property, the value and the
 * allowed range (no overflow, no silent fallback to scalar); the largest values work.
 */
class GemmBlockingPropertiesTest {

    @ParameterizedTest(name = "-Dlanewise.gemm.{0}={1}")
    @CsvSource({
        "mc, 2147483647, 32768",
        "kc, 0, 32768",
        "nc, 32769, 32768",
        "kc, -5, 32768",
        "mc, abc, 32768",
        "direct, 3000000000, 2147483647",
    })
    void aValueOutOfRangeIsRefusedNamingThePropertyTheValueAndTheRange(String name, String value, String max)
            throws IOException, InterruptedException {
        Child child = run("-Dlanewise.gemm." + name + "=" + value);
        assertNotEquals(0, child.exitValue, child.output);
        assertTrue(child.output.contains("IllegalArgumentException: -Dlanewise.gemm." + name + "=" + value
                + " is out of range: it must be a whole number from 1 to " + max), child.output);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // MC is rounded up to whole micro-panels of 4 or 6 rows, NC to whole ones of the tile width
        "-Dlanewise.gemm.kc=32768 -Dlanewise.gemm.mc=32768 -Dlanewise.gemm.nc=32768, 'KC 32768, MC 327(68|72), NC 32768,'",
        "-Dlanewise.gemm.kc=1 -Dlanewise.gemm.mc=1 -Dlanewise.gemm.nc=1, 'KC 1, MC [46], NC (8|16|32|64),'",
        "-Dlanewise.gemm.direct=2147483647, 'KC 256, MC 19[26], NC 4096, unpacked below 2147483647 multiply-adds'",
    })
    void theExtremeValuesInRangeWork(String properties, String describes) throws IOException, InterruptedException {
        Child child = run(properties.split(" "));
        assertEquals(0, child.exitValue, child.output);
        assertTrue(child.output.contains("vector (") && Pattern.compile(describes).matcher(child.output).find(),
                "describe() should say " + describes + ": " + child.output);
        assertTrue(child.output.contains("wrong elements 0"), child.output);
    }

    private record Child(int exitValue, String output) {}

    /** {@link GemmBlockingProbe} in a fresh JVM with the incubator module and the given properties. */
    private static Child run(String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules=jdk.incubator.vector");
        command.addAll(List.of(properties));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GemmBlockingProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe did not finish: " + output);
        return new Child(process.exitValue(), output);
    }
}
