package dev.lanewise.benchmarks.report;

import java.util.List;

/**
 * One JDK's roofs from {@code CalibrationBenchmark}: FMA peak and copy bandwidth at three working
 * set sizes. An element-wise result's roof is the copy bandwidth of the smallest level its working
 * set fits in (L1 up to 32 KiB, L2 up to 1 MiB — the per-core L1d and L2 of every machine in
 * benchmarks/RESULTS.md, AVX2 and AVX-512 alike — else memory).
 */
record Roofs(double fmaGflops, double[] copy) {
    static final int L1 = 0;
    static final int L2 = 1;
    static final int MEMORY = 2;
    private static final double L1_BYTES = 32 * 1024;
    private static final double L2_BYTES = 1024 * 1024;

    static Roofs from(List<Result> jdkResults) {
        double fma = Double.NaN;
        double[] copy = {Double.NaN, Double.NaN, Double.NaN};
        for (Result r : jdkResults) {
            if (!r.benchmarkClass().equals("CalibrationBenchmark")) {
                continue;
            }
            Workload work = Workload.of(r);
            double throughput = work.throughput(r.opsPerSecond());
            if (r.kernel().equals("fmaPeak")) {
                fma = throughput;
            } else {
                copy[level(work.workingSetBytes())] = throughput;
            }
        }
        return new Roofs(fma, copy);
    }

    static int level(double workingSetBytes) {
        return workingSetBytes <= L1_BYTES ? L1 : workingSetBytes <= L2_BYTES ? L2 : MEMORY;
    }

    double copyGbps(int level) {
        return copy[level];
    }

    /** The share of its roof a throughput reaches, or NaN when the roof was not measured. */
    double shareOf(Workload work, double throughput) {
        return throughput / roofFor(work);
    }

    /**
     * The roof in the workload's own unit: the FMA peak for GFLOP/s; for Gelem/s the copy bandwidth
     * of the working set's cache level divided by the bytes each element moves; for GB/s that
     * bandwidth itself. NaN when the roof was not measured or the unit has none.
     */
    double roofFor(Workload work) {
        switch (work.unit()) {
            case Workload.FLOPS:
                return fmaGflops;
            case Workload.ELEMENTS:
                return copy[level(work.workingSetBytes())] / work.bytesPerElement();
            case Workload.BYTES:
                return copy[level(work.workingSetBytes())];
            default:
                return Double.NaN;
        }
    }
}
