package dev.lanewise.benchmarks.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JMH result, named the suite's way: benchmark methods are {@code kernel_variant} (for example
 * {@code sigmoid_lanewise}, {@code sigmoid_plainLoop}), so every kernel's variants group together.
 *
 * @param jdk the feature version of the JVM that ran it, such as "25"
 * @param benchmarkClass the simple class name, such as "ActivationsBenchmark"
 * @param kernel the part of the method name before the first underscore
 * @param variant the part after it ("lanewise", "scalarReference", a peer's name)
 * @param params JMH parameters, in name order
 * @param opsPerSecond the score, in operations per second
 * @param error JMH's 99.9% confidence half-width, same unit (NaN when undefined)
 * @param allocatedBytesPerOp from {@code -prof gc}, or NaN when not profiled
 */
record Result(String jdk, String benchmarkClass, String kernel, String variant, Map<String, String> params,
        double opsPerSecond, double error, double allocatedBytesPerOp) {

    /** The results in a JMH JSON file. */
    @SuppressWarnings("unchecked")
    static List<Result> fromJmhJson(String json) {
        List<Object> runs = (List<Object>) Json.parse(json);
        return runs.stream().map(run -> fromRun((Map<String, Object>) run)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Result fromRun(Map<String, Object> run) {
        String benchmark = (String) run.get("benchmark");
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
        className = className.substring(className.lastIndexOf('.') + 1);
        int underscore = method.indexOf('_');
        String kernel = underscore < 0 ? method : method.substring(0, underscore);
        String variant = underscore < 0 ? "" : method.substring(underscore + 1);

        Map<String, String> params = new TreeMap<>();
        Object rawParams = run.get("params");
        if (rawParams instanceof Map) {
            ((Map<String, Object>) rawParams).forEach((k, v) -> params.put(k, String.valueOf(v)));
        }
        Map<String, Object> primary = (Map<String, Object>) run.get("primaryMetric");
        String unit = (String) primary.get("scoreUnit");
        double scale = perSecond(unit);
        double score = Json.number(primary.get("score")) * scale;
        double error = Json.number(primary.get("scoreError")) * scale;
        double allocated = Double.NaN;
        Object secondary = run.get("secondaryMetrics");
        if (secondary instanceof Map) {
            Object alloc = ((Map<String, Object>) secondary).get("gc.alloc.rate.norm");
            if (alloc instanceof Map) {
                allocated = Json.number(((Map<String, Object>) alloc).get("score"));
            }
        }
        String jdk = String.valueOf(run.get("jdkVersion"));
        int dot = jdk.indexOf('.');
        String feature = dot < 0 ? jdk : jdk.substring(0, dot);
        feature = feature.replaceAll("[^0-9].*", "");
        return new Result(feature, className, kernel, variant, params, score, error, allocated);
    }

    /** The factor from JMH's throughput unit to operations per second. */
    private static double perSecond(String unit) {
        switch (unit) {
            case "ops/s": return 1;
            case "ops/ms": return 1e3;
            case "ops/us": return 1e6;
            case "ops/ns": return 1e9;
            case "ops/min": return 1.0 / 60;
            default: throw new IllegalArgumentException("the report reads throughput results; unit " + unit);
        }
    }

    /** The parameters as text, such as "size=4096". */
    String paramText() {
        return params.isEmpty() ? "" : params.toString().replaceAll("[{}]", "").replace(", ", " ");
    }

    /** Relative error of the score, as JMH measured it. */
    double relativeError() {
        return error / opsPerSecond;
    }
}
