package dev.lanewise.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path out;

    @Test
    void writesThroughputSpeedupAndJdkChartsAsPngs() throws IOException {
        Report report = new Report(Fixtures.results());
        Map<String, List<Charts.Chart>> charts = report.writeCharts(out);

        List<String> files = charts.values().stream().flatMap(List::stream).map(Charts.Chart::file).sorted().toList();
        assertEquals(List.of(
                "jdk17-activations-relu-speedup.png", "jdk17-activations-relu.png",
                "jdk17-activations-sigmoid-speedup.png", "jdk17-activations-sigmoid.png",
                "jdk25-activations-relu-speedup.png", "jdk25-activations-relu.png",
                "jdk25-activations-sigmoid-speedup.png", "jdk25-activations-sigmoid.png",
                "jdks-activations-relu.png", "jdks-activations-sigmoid.png"), files);
        try (Stream<Path> written = Files.list(out)) {
            assertEquals(files, written.map(p -> p.getFileName().toString()).sorted().toList(), "nothing else written");
        }
        for (String file : files) {
            Path png = out.resolve(file);
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 5_000, file + " has " + bytes.length + " bytes");
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), file);
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(Charts.WIDTH, image.getWidth(), file);
            assertEquals(Charts.HEIGHT, image.getHeight(), file);
        }
    }

    @Test
    void reportLinksEveryChartUnderItsTable() throws IOException {
        Report report = new Report(Fixtures.results());
        Map<String, List<Charts.Chart>> charts = report.writeCharts(out);
        String markdown = report.markdown("Machine: test.", charts);
        charts.values().stream().flatMap(List::stream)
                .forEach(chart -> assertTrue(markdown.contains("](" + chart.file() + ")"), chart.file()));
        String sigmoid25 = markdown.substring(markdown.indexOf("## Kernels on JDK 25"));
        sigmoid25 = sigmoid25.substring(sigmoid25.indexOf("### sigmoid"));
        assertTrue(sigmoid25.indexOf("(jdk25-activations-sigmoid.png)") < sigmoid25.indexOf("## lanewise across JDKs"),
                "the chart follows its table");
    }

    @Test
    void drawsASingleSizeWithoutFailing() throws IOException {
        // a smoke run has one size per kernel and JMH's "NaN" errors
        List<Result> oneSize = Fixtures.results().stream()
                .filter(r -> r.jdk().equals("25") && "4096".equals(r.params().get("size")) || r.kernel().equals("fmaPeak"))
                .filter(r -> r.jdk().equals("25"))
                .toList();
        Map<String, List<Charts.Chart>> charts = new Report(oneSize).writeCharts(out);
        assertEquals(2, charts.size());
        charts.values().stream().flatMap(List::stream)
                .forEach(chart -> assertTrue(Files.isRegularFile(out.resolve(chart.file())), chart.file()));
    }

    @Test
    void namesFilesAfterClassAndKernel() {
        assertEquals("activations-sigmoid", Charts.slug("ActivationsBenchmark.sigmoid"));
    }
}
