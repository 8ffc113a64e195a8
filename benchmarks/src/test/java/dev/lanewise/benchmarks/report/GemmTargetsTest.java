package dev.lanewise.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sgemm against OpenBLAS with issue 11's targets, on {@code jmh-fixture-gemm.json}: made-up
 * scores (JDK 25, and JDK 17 at 0.85× lanewise's JDK 25 figures) with a 117 GFLOP/s roof; in
 * GFLOP/s, lanewise / OpenBLAS: 64³ 70/60, 128³ 80/78, 256³ 96/90, 512³ 110/95, MLP forward
 * 106/96, MLP output 30/46, matVec 20/18; on 2 threads at 1024³ lanewise 100 → 190 and
 * OpenBLAS 180, at 2048³ 100 → 170 and 200; the training step 90 against 85.
 */
class GemmTargetsTest {

    private final List<Result> results = Result.fromJmhJson(Fixtures.text("jmh-fixture-gemm.json"));
    private final Report report = new Report(results).withPeers(List.of(
            "openblas\tok\tOpenBLAS 0.3.31 DYNAMIC_ARCH Cooperlake; core Cooperlake",
            "jblas\tmissing\tlibgfortran.so.5: cannot open shared object file"));
    private final String markdown = report.markdown("Machine: test.");

    @Test
    void targetsFollowTheIssue() {
        assertEquals(new GemmTargets.Target(1.1, 0.9), GemmTargets.target("256"));
        assertEquals(new GemmTargets.Target(1.1, 0.9), GemmTargets.target("2048"));
        assertEquals(new GemmTargets.Target(1.1, 0.9), GemmTargets.target("mlpForward"));
        assertEquals(new GemmTargets.Target(1.1, 0.9), GemmTargets.target("mlpSmallForward"));
        assertEquals(new GemmTargets.Target(1.0, Double.NaN), GemmTargets.target("128"));
        assertEquals(new GemmTargets.Target(1.0, Double.NaN), GemmTargets.target("mlpOutput"));
        assertEquals(new GemmTargets.Target(1.0, Double.NaN), GemmTargets.target("vecMat"));
        assertEquals(new GemmTargets.Target(1.0, Double.NaN), GemmTargets.target("matVec"));
        assertEquals(GemmTargets.Target.NONE, GemmTargets.target("64"));
        assertEquals(GemmTargets.Target.NONE, GemmTargets.target("mlpBackwardDw"));
    }

    @Test
    void namesThePeers() {
        assertTrue(markdown.contains("| openblas | OpenBLAS 0.3.31 DYNAMIC_ARCH Cooperlake; core Cooperlake |"), markdown);
        assertTrue(markdown.contains("| jblas | not run here: libgfortran.so.5"), markdown);
        assertTrue(markdown.contains("| shape=512 | jblas (old bundled OpenBLAS) |"), markdown);
    }

    @Test
    void givesEachShapeItsVerdict() {
        String jdk25 = markdown.substring(markdown.indexOf("### JDK 25"));
        assertTrue(jdk25.contains("| 64 | 64×64×64 | 70.0 | 60.0 | 1.17× | 60% | 51% | – | – |"), jdk25);
        assertTrue(jdk25.contains("| 128 | 128×128×128 | 80.0 | 78.0 | 1.03× | 68% | 67% | ≥ 1.00× | met |"), jdk25);
        assertTrue(jdk25.contains("| 256 | 256×256×256 | 96.0 | 90.0 | 1.07× | 82% | 77% | ≥ 1.10×, ≥ 90% of roof | "
                + "**missed** (1.07× < 1.10×, 82% < 90% of roof) |"), jdk25);
        assertTrue(jdk25.contains("| 512 | 512×512×512 | 110 | 95.0 | 1.16× | 94% | 81% | ≥ 1.10×, ≥ 90% of roof | met |"), jdk25);
        assertTrue(jdk25.contains("| mlpOutput | 256×512×10 | 30.0 | 46.0 | 0.65× | 26% | 39% | ≥ 1.00× | **missed** (0.65× < 1.00×) |"),
                jdk25);
        assertTrue(jdk25.contains("| 1024×1024×1024 | 100 | 190 | 180 | 1.90× met | 1.06× met |"), jdk25);
        assertTrue(jdk25.contains("| 2048×2048×2048 | 100 | 170 | 200 | 1.70× **missed** | 0.85× **missed** |"), jdk25);
        assertTrue(jdk25.contains("| network=256x784x512x10 | 90.0 | 85.0 | 1.06× |"), jdk25);
        assertTrue(markdown.contains("| 512 | 512×512×512 | 93.5 | 110 | 85% **missed** |"), markdown);
    }

    @Test
    void drawsTheOpenBlasChartsPerJdk(@TempDir Path out) throws IOException {
        Map<String, List<Charts.Chart>> charts = report.writeCharts(out);
        for (String jdk : List.of("17", "25")) {
            List<String> files = charts.get("openblas|" + jdk).stream().map(Charts.Chart::file).toList();
            assertEquals(List.of("jdk" + jdk + "-gemm-vs-openblas.png", "jdk" + jdk + "-gemm-vs-openblas-ratio.png",
                    "jdk" + jdk + "-gemm-vs-openblas-roof.png"), files);
            for (String file : files) {
                assertTrue(Files.size(out.resolve(file)) > 5_000, file);
            }
        }
        String linked = report.markdown("Machine: test.", charts);
        assertTrue(linked.indexOf("(jdk25-gemm-vs-openblas-ratio.png)") > linked.indexOf("### JDK 25"), linked);
    }

    @Test
    void readsThePeersOption() throws Exception {
        assertEquals(Path.of("p.tsv"), Report.parseOptions("--peers", "p.tsv", "a.json").peers());
        assertEquals(null, Report.parseOptions("a.json").peers());
    }
}
