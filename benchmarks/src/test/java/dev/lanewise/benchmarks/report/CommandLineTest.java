package dev.lanewise.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report tools' command lines: what they accept, and one line plus exit 2 for what they do not. */
class CommandLineTest {

    @Test
    void reportTakesItsOptionsAnywhere() throws Exception {
        Report.Options options = Report.parseOptions("a.json", "--no-charts", "--max-alloc", "64", "b.json", "--out=dir");
        assertEquals(Path.of("dir"), options.out());
        assertFalse(options.charts());
        assertEquals(64.0, options.maxAllocation());
        assertEquals(List.of(Path.of("a.json"), Path.of("b.json")), options.inputs());
        Report.Options defaults = Report.parseOptions("a.json");
        assertEquals(Path.of("benchmarks/target/report"), defaults.out());
        assertTrue(defaults.charts());
        assertTrue(Double.isNaN(defaults.maxAllocation()));
    }

    @Test
    void reportRefusesBadCommandLinesInOneLine() {
        assertUsage("Report: Option out requires an argument", () -> Report.parseOptions("a.json", "--out"));
        assertUsage("Report: Cannot parse argument 'abc' of option max-alloc", () -> Report.parseOptions("--max-alloc", "abc", "a.json"));
        assertUsage("Report: --max-alloc takes bytes per op, 0 or more, not -1.0", () -> Report.parseOptions("--max-alloc", "-1", "a.json"));
        assertUsage("Report: give at least one JMH JSON result", () -> Report.parseOptions("--no-charts"));
        assertUsage("Report: charts is not a recognized option", () -> Report.parseOptions("--charts", "a.json"));
    }

    @Test
    void compareTakesTwoFilesAndAThreshold() throws Exception {
        Compare.Options options = Compare.parseOptions("old.json", "new.json", "--threshold=0.2");
        assertEquals(Path.of("old.json"), options.before());
        assertEquals(Path.of("new.json"), options.after());
        assertEquals(0.2, options.threshold());
        assertEquals(0.3, Compare.parseOptions("--threshold", "0.3", "o", "n").threshold());
        assertEquals(Compare.DEFAULT_THRESHOLD, Compare.parseOptions("o", "n").threshold());
    }

    @Test
    void compareRefusesBadCommandLinesInOneLine() {
        assertUsage("Compare: Option threshold requires an argument", () -> Compare.parseOptions("o", "n", "--threshold"));
        assertUsage("Compare: Cannot parse argument 'ten' of option threshold", () -> Compare.parseOptions("--threshold", "ten", "o", "n"));
        assertUsage("Compare: the threshold is a share, 0 or more", () -> Compare.parseOptions("--threshold", "-0.1", "o", "n"));
        assertUsage("Compare: give two JMH JSON files, old then new (got 1)", () -> Compare.parseOptions("o"));
        assertUsage("Compare: thresh is not a recognized option", () -> Compare.parseOptions("--thresh", "0.1", "o", "n"));
    }

    @Test
    void aMissingOrBadFileIsOneLineToo(@TempDir Path dir) throws IOException {
        assertUsage("Compare: no such file: " + dir.resolve("none.json"), () -> Compare.read(dir.resolve("none.json"), "Compare"));
        Path notJson = Files.writeString(dir.resolve("bad.json"), "{ not json");
        assertUsage("Report: cannot read " + notJson + " as JMH JSON", () -> Compare.read(notJson, "Report"));
    }

    /** The tools themselves, in a child JVM: one line on stderr, no stack trace, exit code 2. */
    @Test
    void theToolsExitWithTwoAndPrintOneLine() throws IOException, InterruptedException {
        assertOneLineAndExit2(Report.class, "Report: Option out requires an argument", "a.json", "--out");
        assertOneLineAndExit2(Report.class, "Report: Cannot parse argument 'abc' of option max-alloc", "--max-alloc", "abc", "a.json");
        assertOneLineAndExit2(Report.class, "Report: no such file: missing.json", "missing.json");
        assertOneLineAndExit2(Compare.class, "Compare: give two JMH JSON files", "only-one.json");
    }

    private static void assertUsage(String expectedStart, org.junit.jupiter.api.function.Executable parse) {
        Cli.UsageException e = assertThrows(Cli.UsageException.class, parse);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(usage: " + (expectedStart.startsWith("Report") ? Report.USAGE : Compare.USAGE) + ")"),
                e.getMessage());
    }

    private static void assertOneLineAndExit2(Class<?> tool, String expectedStart, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), tool.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "did not finish: " + command);
        assertEquals(2, process.exitValue(), stderr);
        List<String> lines = stderr.lines().toList();
        assertEquals(1, lines.size(), stderr);
        assertTrue(lines.get(0).startsWith(expectedStart), stderr);
    }
}
