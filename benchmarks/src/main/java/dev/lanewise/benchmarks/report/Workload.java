package dev.lanewise.benchmarks.report;

import dev.lanewise.benchmarks.Work;
import java.util.Map;

/**
 * What one benchmark operation does, so that ops/s becomes a throughput with a unit and a roof,
 * as the benchmark class declares it ({@link Work}):
 * elements per op for the element-wise kernels and softmax (reported in Gelem/s, with the bytes
 * each element moves for the bandwidth roof), flops per op for sgemm and the FMA calibration
 * (GFLOP/s, against the FMA roof), bytes per op for the copy calibration (GB/s).
 *
 * @param amount units of work in one op
 * @param unit "Gelem/s", "GFLOP/s" or "GB/s": how the report shows amount × ops/s / 1e9
 * @param bytesPerElement memory traffic per element (element-wise units only), for the bandwidth roof
 * @param workingSetBytes the bytes one op touches, to pick the cache level whose copy bandwidth is the roof
 */
record Workload(double amount, String unit, double bytesPerElement, double workingSetBytes) {

    static final String ELEMENTS = "Gelem/s";
    static final String FLOPS = "GFLOP/s";
    static final String BYTES = "GB/s";

    /** The benchmarks' package: a result's class is looked up there for its {@link Work} declarations. */
    static final String BENCHMARKS = "dev.lanewise.benchmarks.";

    /**
     * What one op of the result's kernel does, as its benchmark class declares with {@link Work}.
     *
     * @throws IllegalArgumentException if the class is not in the suite or declares nothing for the kernel
     */
    static Workload of(Result result) {
        Class<?> type;
        try {
            type = Class.forName(BENCHMARKS + result.benchmarkClass(), false, Workload.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("no workload known for " + result.benchmarkClass() + " (not in the suite)");
        }
        return of(type, result.kernel(), result.params());
    }

    /** The declaration on {@code type} for {@code kernel}, evaluated with the given parameters. */
    static Workload of(Class<?> type, String kernel, Map<String, String> params) {
        Work work = declaration(type, kernel);
        Map<String, String> variables = new java.util.HashMap<>(params);
        for (String name : work.gemmShape()) {
            if (params.containsKey(name)) {
                int[] mnk = dev.lanewise.benchmarks.GemmShapes.dimensions(params.get(name));
                variables.put("m", String.valueOf(mnk[0]));
                variables.put("n", String.valueOf(mnk[1]));
                variables.put("k", String.valueOf(mnk[2]));
                break;
            }
        }
        String where = type.getSimpleName() + "." + kernel + " @Work ";
        try {
            double amount = Expression.evaluate(work.amount(), variables);
            String unit = switch (work.unit()) {
                case ELEMENTS -> ELEMENTS;
                case FLOPS -> FLOPS;
                case BYTES -> BYTES;
            };
            double workingSet = !work.workingSet().isEmpty() ? Expression.evaluate(work.workingSet(), variables)
                    : work.unit() == Work.Unit.ELEMENTS ? amount * work.bytesPerElement()
                    : work.unit() == Work.Unit.BYTES ? amount : 0;
            return new Workload(amount, unit, work.bytesPerElement(), workingSet);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    private static Work declaration(Class<?> type, String kernel) {
        Work fallback = null;
        for (Work work : type.getAnnotationsByType(Work.class)) {
            if (java.util.Arrays.asList(work.kernels()).contains(kernel)) {
                return work;
            }
            if (work.kernels().length == 0 && fallback == null) {
                fallback = work;
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("no workload known for " + type.getSimpleName() + "." + kernel
                    + ": declare it with @Work on the class");
        }
        return fallback;
    }

    /**
     * Where a result sits on a chart's size axis: its working set in bytes, which also picks its
     * bandwidth roof, or, for a workload that does not state one, its work per op.
     */
    double size() {
        return workingSetBytes > 0 ? workingSetBytes : amount;
    }

    /** The title of the size axis for {@link #size()}. */
    String sizeAxis() {
        return workingSetBytes > 0 ? "working set (bytes)"
                : unit.equals(FLOPS) ? "flops per op" : unit.equals(ELEMENTS) ? "elements per op" : "bytes per op";
    }

    /** Throughput in this workload's unit. */
    double throughput(double opsPerSecond) {
        return amount * opsPerSecond / 1e9;
    }
}
