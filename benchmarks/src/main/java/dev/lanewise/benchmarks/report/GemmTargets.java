package dev.lanewise.benchmarks.report;

import dev.lanewise.benchmarks.GemmShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * sgemm against the current OpenBLAS, shape by shape, and issue 11's targets for it:
 * <ul>
 *   <li>≥ 1.1× OpenBLAS and ≥ 90% of the FMA roof of the same run at n = 256–2048 and the MLP
 *       forward shapes 256×784×512 and 100×784×50;
 *   <li>≥ 1.0× OpenBLAS at n = 128 and on skinny products (n ≤ 16 or m ≤ 8);
 *   <li>on 2 threads, ≥ 1.85× lanewise's one thread and ≥ 1.0× OpenBLAS on 2 threads, at n = 1024
 *       and 2048;
 *   <li>JDK 17 within 10% of JDK 25 (lanewise, one thread).
 * </ul>
 * Other shapes (n = 64, the backward products) are listed without a target.
 */
final class GemmTargets {
    static final double LEAD = 1.1;
    static final double ROOF_SHARE = 0.90;
    static final double PARITY = 1.0;
    static final double TWO_THREADS = 1.85;
    static final double JDK17_OF_25 = 0.90;

    private GemmTargets() {}

    /** What a shape must reach: a ratio over OpenBLAS and a share of the roof (NaN: none). */
    record Target(double ratio, double roofShare) {
        static final Target NONE = new Target(Double.NaN, Double.NaN);

        boolean exists() {
            return !Double.isNaN(ratio);
        }

        String text() {
            if (!exists()) {
                return "–";
            }
            return "≥ " + Report.format(ratio) + "×" + (Double.isNaN(roofShare) ? "" : ", ≥ " + Report.percent(roofShare) + " of roof");
        }
    }

    /** The target for a GemmBenchmark shape. */
    static Target target(String shape) {
        int[] mnk = GemmShapes.dimensions(shape);
        int m = mnk[0];
        int n = mnk[1];
        int k = mnk[2];
        boolean square = m == n && n == k;
        if ((square && n >= 256 && n <= 2048) || shape.equals("mlpForward") || shape.equals("mlpSmallForward")) {
            return new Target(LEAD, ROOF_SHARE);
        }
        if ((square && n == 128) || n <= 16 || m <= 8) {
            return new Target(PARITY, Double.NaN);
        }
        return Target.NONE;
    }

    /** One shape on one JDK: lanewise and OpenBLAS (either may be missing) against the roof. */
    record Row(String shape, Result lanewise, Result openBlas, double roofGflops) {
        double lanewiseGflops() {
            return gflops(lanewise);
        }

        double openBlasGflops() {
            return gflops(openBlas);
        }

        double ratio() {
            return lanewiseGflops() / openBlasGflops();
        }

        double lanewiseShare() {
            return lanewiseGflops() / roofGflops;
        }

        double openBlasShare() {
            return openBlasGflops() / roofGflops;
        }

        Target target() {
            return GemmTargets.target(shape);
        }

        /** "met", "missed (…)", "–" without a target, "not measured" without both results. */
        String verdict() {
            Target t = target();
            if (!t.exists()) {
                return "–";
            }
            if (Double.isNaN(ratio()) || (!Double.isNaN(t.roofShare()) && Double.isNaN(lanewiseShare()))) {
                return "not measured";
            }
            List<String> misses = new ArrayList<>();
            if (ratio() < t.ratio()) {
                misses.add(Report.format(ratio()) + "× < " + Report.format(t.ratio()) + "×");
            }
            if (!Double.isNaN(t.roofShare()) && lanewiseShare() < t.roofShare()) {
                misses.add(Report.percent(lanewiseShare()) + " < " + Report.percent(t.roofShare()) + " of roof");
            }
            return misses.isEmpty() ? "met" : "**missed** (" + String.join(", ", misses) + ")";
        }
    }

    private static double gflops(Result r) {
        return r == null ? Double.NaN : Workload.of(r).throughput(r.opsPerSecond());
    }

    /** sgemm_lanewise and sgemm_openblas on one JDK, one row per shape, in GemmShapes' order. */
    static List<Row> rows(List<Result> results, String jdk, Roofs roofs) {
        Map<String, List<Result>> byShape = new java.util.TreeMap<>(GemmShapes::order);
        for (Result r : results) {
            if (r.jdk().equals(jdk) && r.benchmarkClass().equals("GemmBenchmark") && r.kernel().equals("sgemm")
                    && (r.variant().equals("lanewise") || r.variant().equals("openblas"))) {
                byShape.computeIfAbsent(r.params().get("shape"), s -> new ArrayList<>()).add(r);
            }
        }
        double roof = roofs == null ? Double.NaN : roofs.fmaGflops();
        List<Row> rows = new ArrayList<>();
        byShape.forEach((shape, rs) -> rows.add(new Row(shape, find(rs, "lanewise"), find(rs, "openblas"), roof)));
        return rows;
    }

    private static Result find(List<Result> results, String variant) {
        return results.stream().filter(r -> r.variant().equals(variant)).findFirst().orElse(null);
    }

    /** The markdown section for one JDK: per shape, the 2-thread targets, the training step. */
    static void append(StringBuilder md, List<Result> results, String jdk, Roofs roofs) {
        List<Row> rows = rows(results, jdk, roofs);
        if (rows.isEmpty()) {
            return;
        }
        md.append("### JDK ").append(jdk).append("\n\n")
                .append("One thread each. Ratio = lanewise ÷ OpenBLAS in the same run; roof = the FMA peak of the same run")
                .append(roofs == null || Double.isNaN(roofs.fmaGflops()) ? " (not measured: run the calibration)"
                        : " (" + Report.format(roofs.fmaGflops()) + " GFLOP/s)")
                .append(". The targets are stated for JDK 25; JDK 17 is to stay within 10% of it (the last table).")
                .append("\n\n| shape | m×k×n | lanewise GFLOP/s | OpenBLAS GFLOP/s | ratio | lanewise % of roof | OpenBLAS % of roof | target | verdict |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.shape()).append(" | ").append(GemmShapes.mkn(row.shape())).append(" | ")
                    .append(Report.format(row.lanewiseGflops())).append(" | ").append(Report.format(row.openBlasGflops()))
                    .append(" | ").append(Double.isNaN(row.ratio()) ? "–" : Report.format(row.ratio()) + "×").append(" | ")
                    .append(Report.percent(row.lanewiseShare())).append(" | ").append(Report.percent(row.openBlasShare()))
                    .append(" | ").append(row.target().text()).append(" | ").append(row.verdict()).append(" |\n");
        }
        md.append('\n');
        appendParallel(md, results, jdk);
        appendTrainingStep(md, results, jdk);
    }

    private static void appendParallel(StringBuilder md, List<Result> results, String jdk) {
        Map<String, Map<String, Result>> byShape = new java.util.TreeMap<>(GemmShapes::order);
        for (Result r : results) {
            if (r.jdk().equals(jdk) && r.benchmarkClass().equals("GemmBenchmark") && r.kernel().equals("sgemmParallel")) {
                byShape.computeIfAbsent(r.params().get("parallelShape"), s -> new java.util.TreeMap<>())
                        .put(r.variant() + "|" + r.params().get("threads"), r);
            }
        }
        if (byShape.isEmpty()) {
            return;
        }
        md.append("| parallel shape | lanewise 1 thread | lanewise 2 threads | OpenBLAS 2 threads | 2 threads ÷ 1 (≥ ")
                .append(Report.format(TWO_THREADS)).append("×) | lanewise ÷ OpenBLAS, 2 threads (≥ ")
                .append(Report.format(PARITY)).append("×) |\n|---|---|---|---|---|---|\n");
        byShape.forEach((shape, r) -> {
            double one = gflops(r.get("lanewise|1"));
            double two = gflops(r.get("lanewise|2"));
            double blasTwo = gflops(r.get("openblas|2"));
            md.append("| ").append(GemmShapes.mkn(shape)).append(" | ").append(Report.format(one)).append(" | ")
                    .append(Report.format(two)).append(" | ").append(Report.format(blasTwo)).append(" | ")
                    .append(verdict(two / one, TWO_THREADS)).append(" | ").append(verdict(two / blasTwo, PARITY))
                    .append(" |\n");
        });
        md.append('\n');
    }

    private static void appendTrainingStep(StringBuilder md, List<Result> results, String jdk) {
        List<String> lines = new ArrayList<>();
        results.stream()
                .filter(r -> r.jdk().equals(jdk) && r.benchmarkClass().equals("TrainingStepBenchmark")
                        && r.variant().equals("lanewise"))
                .sorted(java.util.Comparator.comparing(Result::paramText, Report::naturalOrder))
                .forEach(lanewise -> {
                    Optional<Result> peer = results.stream().filter(r -> r.jdk().equals(jdk)
                            && r.benchmarkClass().equals("TrainingStepBenchmark") && r.variant().equals("openblas")
                            && r.params().equals(lanewise.params())).findFirst();
                    peer.ifPresent(p -> lines.add("| " + lanewise.paramText() + " | " + Report.format(gflops(lanewise))
                            + " | " + Report.format(gflops(p)) + " | " + Report.format(gflops(lanewise) / gflops(p)) + "× |"));
                });
        if (!lines.isEmpty()) {
            md.append("| training step (gemms on OpenBLAS in the peer) | lanewise GFLOP/s | with OpenBLAS's gemm | ratio |\n")
                    .append("|---|---|---|---|\n");
            lines.forEach(l -> md.append(l).append('\n'));
            md.append('\n');
        }
    }

    /** lanewise on the oldest JDK against the newest (17 against 25), per shape. */
    static void appendJdks(StringBuilder md, List<Result> results, String oldest, String newest) {
        List<Row> old = rows(results, oldest, null);
        List<Row> current = rows(results, newest, null);
        if (oldest.equals(newest) || old.isEmpty() || current.isEmpty()) {
            return;
        }
        md.append("### sgemm on JDK ").append(oldest).append(" against JDK ").append(newest).append(" (target: ≥ ")
                .append(Report.percent(JDK17_OF_25)).append(")\n\n| shape | m×k×n | JDK ").append(oldest)
                .append(" GFLOP/s | JDK ").append(newest).append(" GFLOP/s | ").append(oldest).append(" ÷ ").append(newest)
                .append(" |\n|---|---|---|---|---|\n");
        for (Row o : old) {
            current.stream().filter(c -> c.shape().equals(o.shape())).findFirst().ifPresent(c -> md.append("| ")
                    .append(o.shape()).append(" | ").append(GemmShapes.mkn(o.shape())).append(" | ")
                    .append(Report.format(o.lanewiseGflops())).append(" | ").append(Report.format(c.lanewiseGflops()))
                    .append(" | ").append(verdictPercent(o.lanewiseGflops() / c.lanewiseGflops(), JDK17_OF_25)).append(" |\n"));
        }
        md.append('\n');
    }

    private static String verdict(double ratio, double target) {
        if (Double.isNaN(ratio)) {
            return "not measured";
        }
        return Report.format(ratio) + "× " + (ratio >= target ? "met" : "**missed**");
    }

    private static String verdictPercent(double share, double target) {
        if (Double.isNaN(share)) {
            return "not measured";
        }
        return String.format(Locale.ROOT, "%.0f%% ", share * 100) + (share >= target ? "met" : "**missed**");
    }
}
