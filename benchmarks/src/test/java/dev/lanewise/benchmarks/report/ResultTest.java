package dev.lanewise.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTest {

    private static String run(String benchmark, String jdkVersion, String params, String score, String error,
            String unit, String secondary) {
        return "[{\"benchmark\": \"" + benchmark + "\", \"jdkVersion\": \"" + jdkVersion + "\"" + params
                + ", \"primaryMetric\": {\"score\": " + score + ", \"scoreError\": " + error + ", \"scoreUnit\": \""
                + unit + "\"}, \"secondaryMetrics\": {" + secondary + "}}]";
    }

    @Test
    void splitsKernelAndVariantAtTheFirstUnderscore() {
        Result r = Result.fromJmhJson(run("dev.lanewise.benchmarks.ActivationsBenchmark.sigmoid_plainLoop", "25.0.3",
                ", \"params\": {\"size\": \"4096\"}", "1000", "10", "ops/s", "")).get(0);
        assertEquals("25", r.jdk());
        assertEquals("ActivationsBenchmark", r.benchmarkClass());
        assertEquals("sigmoid", r.kernel());
        assertEquals("plainLoop", r.variant());
        assertEquals(Map.of("size", "4096"), r.params());
        assertEquals("size=4096", r.paramText());
        assertEquals(1000, r.opsPerSecond());
        assertEquals(0.01, r.relativeError(), 1e-12);
        assertTrue(Double.isNaN(r.allocatedBytesPerOp()));

        Result variantWithUnderscore = Result.fromJmhJson(run("p.GemmBenchmark.sgemm_ejml_blocked", "17", "",
                "1", "1", "ops/s", "")).get(0);
        assertEquals("sgemm", variantWithUnderscore.kernel());
        assertEquals("ejml_blocked", variantWithUnderscore.variant());
        assertEquals("", variantWithUnderscore.paramText());

        Result noUnderscore = Result.fromJmhJson(run("p.CalibrationBenchmark.fmaPeak", "17.0.17", "", "1", "1",
                "ops/s", "")).get(0);
        assertEquals("fmaPeak", noUnderscore.kernel());
        assertEquals("", noUnderscore.variant());
    }

    @Test
    void readsJdkFeatureVersionsOfEveryShape() {
        assertEquals("17", jdkOf("17.0.17"));
        assertEquals("25", jdkOf("25"));
        assertEquals("26", jdkOf("26-ea"));
        assertEquals("21", jdkOf("21.0.2+13-LTS"));
    }

    private static String jdkOf(String version) {
        return Result.fromJmhJson(run("p.C.k_v", version, "", "1", "1", "ops/s", "")).get(0).jdk();
    }

    @Test
    void convertsThroughputUnitsToOpsPerSecond() {
        Result r = Result.fromJmhJson(run("p.C.k_v", "25", "", "2.5", "\"NaN\"", "ops/ms", "")).get(0);
        assertEquals(2500, r.opsPerSecond(), 1e-9);
        assertTrue(Double.isNaN(r.error()));
        assertEquals(3e6, Result.fromJmhJson(run("p.C.k_v", "25", "", "3", "0", "ops/us", "")).get(0).opsPerSecond(), 1e-6);
        assertThrows(IllegalArgumentException.class,
                () -> Result.fromJmhJson(run("p.C.k_v", "25", "", "3", "0", "ns/op", "")));
    }

    @Test
    void sortsParamsByNameAndReadsAllocation() {
        Result r = Result.fromJmhJson(run("p.SoftmaxBenchmark.softmax_lanewise", "25",
                ", \"params\": {\"rows\": \"64\", \"cols\": \"1024\"}", "1", "0", "ops/s",
                "\"gc.alloc.rate.norm\": {\"score\": 16.0, \"scoreUnit\": \"B/op\"}")).get(0);
        assertEquals("cols=1024 rows=64", r.paramText());
        assertEquals(16.0, r.allocatedBytesPerOp());
    }

    @Test
    void normalizationResultsAreElementsWithTheirTraffic() {
        String params = ", \"params\": {\"rowsByCols\": \"64x4096\"}";
        Workload forward = Workload.of(Result.fromJmhJson(run("p.NormalizationBenchmark.layerNorm_lanewise", "25",
                params, "1", "0", "ops/s", "")).get(0));
        assertEquals(64 * 4096, forward.amount());
        assertEquals(Workload.ELEMENTS, forward.unit());
        assertEquals(8, forward.bytesPerElement());
        Workload backward = Workload.of(Result.fromJmhJson(run("p.NormalizationBenchmark.rmsNormBackward_plainLoop",
                "17", params, "1", "0", "ops/s", "")).get(0));
        assertEquals(12, backward.bytesPerElement());
    }

    @Test
    void readsTheFixture() {
        List<Result> results = Fixtures.results();
        assertEquals(50, results.size());
        assertEquals(List.of("17", "25"), results.stream().map(Result::jdk).distinct().toList());
    }
}
