package dev.lanewise.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private final Report report = new Report(Fixtures.results());
    private final String markdown = report.markdown("Machine: test.");

    @Test
    void showsTheRoofsOfEachJdk() {
        // fmaPeak: 1.9e10 lane FMAs/s × 2 flops; copy: 90, 40 and 9 GB/s at L1, L2, memory.
        assertTrue(markdown.contains("| 17 | 38.0 | 90.0 | 40.0 | 9.00 |"), markdown);
        assertTrue(markdown.contains("| 25 | 40.0 | 90.0 | 40.0 | 9.00 |"), markdown);
    }

    @Test
    void showsEveryVariantWithThroughputRoofAndSpeedup() {
        assertTrue(markdown.contains("## Kernels on JDK 17"));
        assertTrue(markdown.contains("## Kernels on JDK 25"));
        // sigmoid lanewise, JDK 17, 4096: 2.1 Gelem/s ± 3%, 2.1 × 8 B = 16.8 GB/s of the 90 GB/s L1 roof.
        assertTrue(markdown.contains("| size=4096 | lanewise | 2.10 Gelem/s | 0.06 | 19% |  | 0.01 |"), markdown);
        // its speedup over the plain loop (0.12 Gelem/s) and the scalar reference (0.30)
        assertTrue(markdown.contains("| size=4096 | plainLoop | 0.12 Gelem/s | 0.00 | 1% | 17.5× | 0.02 |"), markdown);
        assertTrue(markdown.contains("| size=4096 | scalarReference | 0.30 Gelem/s | 0.01 | 3% | 7.00× | 0.02 |"), markdown);
        // 16M elements: 128 MiB of traffic, against the 9 GB/s memory roof: 0.9 × 8 / 9 = 80%.
        assertTrue(markdown.contains("| size=16777216 | lanewise | 0.90 Gelem/s | 0.03 | 80% |"), markdown);
    }

    @Test
    void ordersSizesNumerically() {
        String sigmoid17 = markdown.substring(markdown.indexOf("### sigmoid"));
        int small = sigmoid17.indexOf("size=4096 ");
        int medium = sigmoid17.indexOf("size=65536 ");
        int large = sigmoid17.indexOf("size=16777216 ");
        assertTrue(small < medium && medium < large, sigmoid17);
    }

    @Test
    void flagsNoisyResultsAndUndefinedErrors() {
        // relu_plainLoop on JDK 25 at 16M has a 25% error
        assertTrue(markdown.contains("| size=16777216 | plainLoop | 0.60 Gelem/s | 0.15 ⚠ |"), markdown);
        // JMH's "NaN" error shows as a dash, unflagged
        assertTrue(markdown.contains("| size=4096 | scalarReference | 5.50 Gelem/s | – |"), markdown);
        assertEquals(1, markdown.chars().filter(c -> c == '⚠').count() - 1 /* the legend */, markdown);
    }

    @Test
    void comparesLanewiseAcrossJdks() {
        assertTrue(markdown.contains("## lanewise across JDKs"));
        assertTrue(markdown.contains("| sigmoid | size=4096 | 2.10 Gelem/s | 2.80 Gelem/s |"), markdown);
        assertTrue(markdown.contains("| relu | size=65536 | 3.50 Gelem/s | 3.60 Gelem/s |"), markdown);
    }

    @Test
    void listsKernelsAndJdks() {
        assertEquals(List.of("17", "25"), report.jdks());
        assertEquals(List.of("ActivationsBenchmark.relu", "ActivationsBenchmark.sigmoid", "CalibrationBenchmark.copy",
                "CalibrationBenchmark.fmaPeak"), List.copyOf(report.kernels()));
    }

    @Test
    void allocationCheckFindsLanewiseResultsAboveTheLimit() {
        assertEquals(List.of(), report.allocatingLanewiseResults(1));
        // The fixture's fractions of a byte per op are far below 1% of any working set.
        assertEquals(List.of(), report.allocatingLanewiseResults(0.001));
        // A boxed kernel: 40 000 B/op on a 32 KiB working set (relu, 4096 elements x 8 bytes).
        Result boxed = new Result("25", "ActivationsBenchmark", "relu", "lanewise", java.util.Map.of("size", "4096"),
                1e6, 1e4, 40_000);
        Result jmhOverhead = new Result("25", "ActivationsBenchmark", "sigmoid", "lanewise",
                java.util.Map.of("size", "4096"), 1e6, 1e4, 300);
        List<String> offenders = new Report(List.of(boxed, jmhOverhead)).allocatingLanewiseResults(64);
        assertEquals(1, offenders.size(), offenders.toString());
        assertTrue(offenders.get(0).contains("relu_lanewise"), offenders.get(0));
    }

    @Test
    void roofsConvertToTheKernelsUnit() {
        Roofs roofs = Roofs.from(Fixtures.results().stream().filter(r -> r.jdk().equals("17")).toList());
        assertEquals(38.0, roofs.roofFor(new Workload(1, Workload.FLOPS, 0, 0)), 1e-9);
        // 8 bytes per element in L1 (32 KiB working set): 90 GB/s / 8 B
        assertEquals(11.25, roofs.roofFor(new Workload(4096, Workload.ELEMENTS, 8, 32768)), 1e-9);
        assertEquals(40.0, roofs.roofFor(new Workload(1, Workload.BYTES, 0, 256 * 1024)), 1e-9);
        assertEquals(9.0 / 12, roofs.roofFor(new Workload(1, Workload.ELEMENTS, 12, 1e9)), 1e-9);
    }

    @Test
    void ordersNaturally() {
        assertTrue(Report.naturalOrder("size=4096", "size=65536") < 0);
        assertTrue(Report.naturalOrder("m=64 n=128", "m=64 n=1024") < 0);
        assertEquals(0, Report.naturalOrder("a1", "a1"));
    }
}
