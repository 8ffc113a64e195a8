package dev.lanewise.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The workloads the benchmark classes declare with @Work, as the report reads them. */
class WorkloadTest {

    private static Workload of(String benchmarkClass, String kernel, String... params) {
        Map<String, String> map = new TreeMap<>();
        for (String p : params) {
            map.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        return Workload.of(new Result("25", benchmarkClass, kernel, "lanewise", map, 1, 0, Double.NaN));
    }

    @Test
    void eachClassDeclaresItsKernelsWork() {
        assertEquals(new Workload(4096, Workload.ELEMENTS, 8, 32768), of("ActivationsBenchmark", "relu", "size=4096"));
        assertEquals(new Workload(4096, Workload.ELEMENTS, 8.125, 33280), of("ActivationsBenchmark", "reluWithMask", "size=4096"));
        assertEquals(new Workload(4096, Workload.ELEMENTS, 12, 49152), of("ActivationsBenchmark", "siluBackward", "size=4096"));
        assertEquals(new Workload(65536, Workload.ELEMENTS, 28, 28 * 65536.0), of("OptimizersBenchmark", "adam", "size=65536"));
        assertEquals(new Workload(65536, Workload.ELEMENTS, 20, 20 * 65536.0), of("OptimizersBenchmark", "sgd", "size=65536"));
        assertEquals(new Workload(2, Workload.FLOPS, 0, 0), of("CalibrationBenchmark", "fmaPeak"));
        assertEquals(new Workload(32768, Workload.BYTES, 0, 32768), of("CalibrationBenchmark", "copy", "size=4096"));
        assertEquals(new Workload(256000, Workload.ELEMENTS, 16, 4096000),
                of("SoftmaxBenchmark", "crossEntropyForwardBackward", "rowsByCols=256x1000"));
        assertEquals(new Workload(2560, Workload.ELEMENTS, 8, 20480), of("SoftmaxBenchmark", "softmax", "rowsByCols=256x10"));
        assertEquals(new Workload(67, Workload.ELEMENTS, 4, 268), of("PortingPatternsBenchmark", "sum", "elements=67"));
        assertEquals(new Workload(67, Workload.ELEMENTS, 8.125, 544.375), of("PortingPatternsBenchmark", "maskBits", "elements=67"));
        assertEquals(new Workload(2.0 * 256 * 512 * 784, Workload.FLOPS, 0, 4.0 * (256 * 784 + 784 * 512 + 256 * 512)),
                of("GemmBenchmark", "sgemm", "shape=mlpForward"));
        assertEquals(new Workload(2.0 * 1024 * 1024 * 1024, Workload.FLOPS, 0, 12.0 * 1024 * 1024),
                of("GemmBenchmark", "sgemmParallel", "parallelShape=1024", "threads=2"));
        assertEquals(new Workload(2.0 * 512 * 784, Workload.FLOPS, 0, 4.0 * (512 * 784 + 784 + 512)),
                of("GemmBenchmark", "sgemm", "shape=matVec"));
        assertEquals(new Workload(2.0 * 64 * 64 * 64, Workload.FLOPS, 0, 12.0 * 64 * 64), of("ArgumentChecksBenchmark", "sgemm", "n=64"));
        assertEquals(new Workload(64, Workload.ELEMENTS, 8, 512), of("ArgumentChecksBenchmark", "softmax", "n=64"));
        assertEquals(new Workload(6.0 * 256 * (784 * 512 + 512 * 10), Workload.FLOPS, 0,
                4.0 * (256 * 784 + 784 * 512 + 512 * 10 + 2 * 256 * 512 + 2 * 256 * 10)),
                of("TrainingStepBenchmark", "step", "network=256x784x512x10"));
    }

    @Test
    void anUndeclaredKernelOrClassIsAnError() {
        IllegalArgumentException kernel = assertThrows(IllegalArgumentException.class,
                () -> of("ActivationsBenchmark", "noSuchKernel", "size=4096"));
        assertTrue(kernel.getMessage().contains("ActivationsBenchmark.noSuchKernel: declare it with @Work"), kernel.getMessage());
        assertThrows(IllegalArgumentException.class, () -> of("NoSuchBenchmark", "relu", "size=4096"));
        IllegalArgumentException param = assertThrows(IllegalArgumentException.class, () -> of("ActivationsBenchmark", "relu"));
        assertTrue(param.getMessage().contains("no parameter size"), param.getMessage());
    }

    @Test
    void expressionsDoArithmeticOverTheParameters() {
        Map<String, String> p = Map.of("size", "4096", "shape", "256x1000", "net", "2x3x4");
        assertEquals(4096 * 3 + 2, Expression.evaluate("size * 3 + 2", p));
        assertEquals(256000, Expression.evaluate("shape", p));
        assertEquals(2 * (3 + 4) / 2.0, Expression.evaluate("net[0] * (net[1] + net[2]) / 2", p));
        assertEquals(-1, Expression.evaluate("1 - 2", p));
        assertThrows(IllegalArgumentException.class, () -> Expression.evaluate("size *", p));
        assertThrows(IllegalArgumentException.class, () -> Expression.evaluate("(size", p));
    }

    /**
     * Every benchmark of the suite (JMH's generated list, with its parameters) has a declared
     * workload that evaluates with every value of its parameters: a new benchmark without its
     * @Work fails here, not in a report.
     */
    @Test
    void everyBenchmarkOfTheSuiteHasAWorkload() throws ClassNotFoundException {
        List<String> checked = new ArrayList<>();
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().getAll(quiet, List.of())) {
            String method = entry.getUsername().substring(entry.getUsername().lastIndexOf('.') + 1);
            String kernel = method.contains("_") ? method.substring(0, method.indexOf('_')) : method;
            Class<?> type = Class.forName(entry.getUserClassQName(), false, getClass().getClassLoader());
            Map<String, String[]> params = entry.getParams().orElse(Map.of());
            for (Map<String, String> combination : eachValue(params)) {
                Workload work = Workload.of(type, kernel, combination);
                assertTrue(work.amount() > 0, entry.getUsername() + " " + combination);
            }
            checked.add(type.getSimpleName() + "." + method);
        }
        assertTrue(checked.contains("GemmBenchmark.sgemm_openblas"), checked.toString());
        assertTrue(checked.contains("TrainingStepBenchmark.step_openblas"), checked.toString());
        assertTrue(checked.contains("CalibrationBenchmark.fmaPeak"), checked.toString());
    }

    /** Each parameter at each of its values, the others at their first (enough to evaluate every value). */
    private static List<Map<String, String>> eachValue(Map<String, String[]> params) {
        Map<String, String> first = new TreeMap<>();
        params.forEach((name, values) -> first.put(name, values[0]));
        List<Map<String, String>> combinations = new ArrayList<>(List.of(first));
        params.forEach((name, values) -> {
            for (String value : values) {
                Map<String, String> one = new TreeMap<>(first);
                one.put(name, value);
                combinations.add(one);
            }
        });
        return combinations;
    }
}
