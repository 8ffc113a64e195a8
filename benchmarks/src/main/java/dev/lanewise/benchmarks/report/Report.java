package dev.lanewise.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import joptsimple.NonOptionArgumentSpec;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * Turns JMH JSON results (one file per JDK, or several) into the suite's report: the machine's
 * roofs, then for every kernel and size each variant's throughput, its share of the roof and
 * lanewise's speedup over it, then lanewise across JDKs. Prints the tables and writes
 * {@code report.md} and its PNG charts ({@link Charts}) into the output folder.
 *
 * <p>{@code java -cp benchmarks.jar dev.lanewise.benchmarks.report.Report --out DIR result.json...}
 */
public final class Report {

    /** Results whose JMH error exceeds this share of the score are flagged. */
    static final double NOISY = 0.10;

    private final List<Result> results;
    private final Map<String, Roofs> roofsByJdk = new TreeMap<>();
    /** Peer variant → what it is ({@code benchmarks/run}'s probe of the natives), from --peers. */
    private final Map<String, String> peers = new TreeMap<>();

    Report(List<Result> results) {
        this.results = results;
        for (String jdk : jdks()) {
            roofsByJdk.put(jdk, Roofs.from(results.stream().filter(r -> r.jdk().equals(jdk)).toList()));
        }
    }

    static final String USAGE = "Report [--out DIR] [--no-charts] [--max-alloc BYTES_PER_OP] [--peers PEERS.tsv] jmh-result.json...";

    /** The parsed command line; peers is null when not given. */
    record Options(Path out, boolean charts, double maxAllocation, Path peers, List<Path> inputs) {}

    /** What each native peer variant is when no probe says more. */
    static final Map<String, String> PEER_LABELS = Map.of(
            "openblas", "OpenBLAS 0.3.31 through org.bytedeco:openblas 1.5.13 (build not recorded)",
            "jblas", "jblas 1.2.5 (old bundled OpenBLAS)");

    /**
     * Reads {@code dev.lanewise.benchmarks.Peers}' lines ({@code name TAB ok|missing TAB text}) into
     * what the report says of each peer.
     */
    Report withPeers(List<String> lines) {
        for (String line : lines) {
            String[] parts = line.split("\t", 3);
            if (parts.length == 3) {
                peers.put(parts[0], parts[1].equals("ok") ? parts[2] : "not run here: " + parts[2]);
            }
        }
        return this;
    }

    /** A variant's name in the tables: the peers say what they are ("jblas (old bundled OpenBLAS)"). */
    static String variantLabel(String variant) {
        return variant.equals("jblas") ? "jblas (old bundled OpenBLAS)" : variant.equals("openblas") ? "openblas (current)" : variant;
    }

    static Options parseOptions(String... args) throws Cli.UsageException {
        OptionParser parser = Cli.parser();
        OptionSpec<String> out = parser.accepts("out").withRequiredArg().defaultsTo("benchmarks/target/report");
        OptionSpec<Void> noCharts = parser.accepts("no-charts");
        OptionSpec<Double> maxAlloc = parser.accepts("max-alloc").withRequiredArg().ofType(Double.class);
        OptionSpec<String> peers = parser.accepts("peers").withRequiredArg();
        NonOptionArgumentSpec<String> files = parser.nonOptions();
        OptionSet options = Cli.parse(parser, args, "Report", USAGE);
        double maxAllocation = options.has(maxAlloc) ? options.valueOf(maxAlloc) : Double.NaN;
        if (options.has(maxAlloc) && !(maxAllocation >= 0)) {
            throw new Cli.UsageException("Report", "--max-alloc takes bytes per op, 0 or more, not " + maxAllocation, USAGE);
        }
        List<Path> inputs = options.valuesOf(files).stream().map(Path::of).toList();
        if (inputs.isEmpty()) {
            throw new Cli.UsageException("Report", "give at least one JMH JSON result", USAGE);
        }
        return new Options(Path.of(options.valueOf(out)), !options.has(noCharts), maxAllocation,
                options.has(peers) ? Path.of(options.valueOf(peers)) : null, inputs);
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Options options;
        List<Result> results = new ArrayList<>();
        try {
            options = parseOptions(args);
            for (Path input : options.inputs()) {
                results.addAll(Compare.read(input, "Report"));
            }
        } catch (Cli.UsageException e) {
            Cli.exit(e);
            return;
        }
        Path out = options.out();
        boolean charts = options.charts();
        double maxAllocation = options.maxAllocation();
        Report report = new Report(results);
        if (options.peers() != null) {
            try {
                report.withPeers(Files.readAllLines(options.peers()));
            } catch (IOException e) {
                System.err.println("Report: cannot read " + options.peers() + " (" + e + "); the peers' builds go unnamed");
            }
        }
        Files.createDirectories(out);
        Map<String, List<Charts.Chart>> written = charts ? report.writeCharts(out) : Map.of();
        String markdown = report.markdown(Machine.describe(), written);
        Files.writeString(out.resolve("report.md"), markdown);
        System.out.println(markdown);
        System.out.println("(written to " + out.resolve("report.md") + ", with "
                + written.values().stream().mapToInt(List::size).sum() + " PNG charts)");
        if (!Double.isNaN(maxAllocation)) {
            List<String> offenders = report.allocatingLanewiseResults(maxAllocation);
            if (!offenders.isEmpty()) {
                System.err.println("lanewise kernels that allocate more than " + maxAllocation
                        + " B/op or 1% of their working set (a Vector API kernel that allocates has fallen off its fast path):");
                offenders.forEach(o -> System.err.println("  " + o));
                System.exit(1);
            }
            System.out.println("allocation check: every lanewise result allocates <= " + maxAllocation
                    + " B/op or 1% of its working set");
        }
    }

    /**
     * The lanewise results whose -prof gc allocation exceeds the limit, or 1% of the op's working
     * set where that is larger (or that were not profiled). A Vector API kernel that boxes
     * allocates a vector object per vector of data, more than the working set itself; what JMH
     * allocates per iteration, spread over the ops of a slow benchmark, stays far below 1% of it.
     */
    List<String> allocatingLanewiseResults(double maxBytesPerOp) {
        return results.stream()
                .filter(r -> r.variant().startsWith("lanewise"))
                .filter(r -> !(r.allocatedBytesPerOp() <= Math.max(maxBytesPerOp, Workload.of(r).workingSetBytes() / 100)))
                .map(r -> "JDK " + r.jdk() + " " + r.benchmarkClass() + "." + r.kernel() + "_" + r.variant() + " "
                        + r.paramText() + ": " + format(r.allocatedBytesPerOp()) + " B/op")
                .toList();
    }

    List<String> jdks() {
        return results.stream().map(Result::jdk).distinct().sorted(Comparator.comparingInt(Integer::parseInt)).toList();
    }

    /** Draws the charts into {@code out}; the map is what {@link #markdown(String, Map)} links. */
    Map<String, List<Charts.Chart>> writeCharts(Path out) throws IOException {
        return new Charts(results, roofsByJdk).write(out);
    }

    String markdown(String machine) {
        return markdown(machine, Map.of());
    }

    /** The report; {@code charts} (from {@link #writeCharts}) are linked under their tables. */
    String markdown(String machine, Map<String, List<Charts.Chart>> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# lanewise benchmark report\n\n");
        md.append(machine).append("\nDate: ").append(LocalDate.now()).append(". JDKs: ")
                .append(String.join(", ", jdks())).append(".\n\n");
        md.append("Throughput: Gelem/s = elements × ops/s / 1e9; GFLOP/s = flops × ops/s / 1e9; ")
                .append("± is JMH's 99.9% error; ⚠ marks an error above ")
                .append(Math.round(NOISY * 100)).append("% of the score. ")
                .append("\"roof\" is the share of the FMA peak (GFLOP/s) or of the copy bandwidth at the working set's ")
                .append("cache level (Gelem/s × bytes per element). \"lanewise ×\" is lanewise's speedup over that row. ")
                .append("Alloc is -prof gc's B/op where it ran.\n\n");
        appendRoofs(md);
        appendPeers(md, charts);
        for (String jdk : jdks()) {
            appendKernels(md, jdk, charts);
        }
        if (jdks().size() > 1) {
            appendJdkComparison(md, charts);
        }
        return md.toString();
    }

    private void appendRoofs(StringBuilder md) {
        md.append("## Roofs (CalibrationBenchmark)\n\n| JDK | FMA peak GFLOP/s | copy L1 GB/s | copy L2 GB/s | copy memory GB/s |\n")
                .append("|---|---|---|---|---|\n");
        roofsByJdk.forEach((jdk, roofs) -> md.append("| ").append(jdk).append(" | ").append(format(roofs.fmaGflops()))
                .append(" | ").append(format(roofs.copyGbps(Roofs.L1))).append(" | ")
                .append(format(roofs.copyGbps(Roofs.L2))).append(" | ")
                .append(format(roofs.copyGbps(Roofs.MEMORY))).append(" |\n"));
        md.append('\n');
    }

    /** The native peers, what they are, and sgemm against the current OpenBLAS with the targets. */
    private void appendPeers(StringBuilder md, Map<String, List<Charts.Chart>> charts) {
        boolean anyPeer = results.stream().anyMatch(r -> PEER_LABELS.containsKey(r.variant()));
        if (!anyPeer && peers.isEmpty()) {
            return;
        }
        md.append("## Native peers\n\n| variant | what it is |\n|---|---|\n");
        for (String peer : List.of("openblas", "jblas")) {
            md.append("| ").append(peer).append(" | ").append(peers.getOrDefault(peer, PEER_LABELS.get(peer))).append(" |\n");
        }
        md.append("\nThe current OpenBLAS is the peer to beat: one thread (`openblas_set_num_threads(1)`), two in ")
                .append("`sgemmParallel_openblas`, with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset so that it picks its own ")
                .append("kernel for this CPU (\"core\" above). jblas is a secondary peer: its bundled OpenBLAS is old ")
                .append("(OPENBLAS_NUM_THREADS=1).\n\n");
        if (results.stream().anyMatch(r -> r.benchmarkClass().equals("GemmBenchmark") && r.variant().equals("openblas"))) {
            md.append("## sgemm against the current OpenBLAS (issue 11's targets)\n\n");
            for (String jdk : jdks()) {
                GemmTargets.append(md, results, jdk, roofsByJdk.get(jdk));
                appendCharts(md, charts.get("openblas|" + jdk));
            }
            List<String> jdks = jdks();
            GemmTargets.appendJdks(md, results, jdks.get(0), jdks.get(jdks.size() - 1));
        }
    }

    private static void appendCharts(StringBuilder md, List<Charts.Chart> charts) {
        if (charts == null) {
            return;
        }
        for (Charts.Chart chart : charts) {
            md.append("![").append(chart.title()).append("](").append(chart.file()).append(")\n");
        }
        md.append('\n');
    }

    private void appendKernels(StringBuilder md, String jdk, Map<String, List<Charts.Chart>> charts) {
        Map<String, List<Result>> byKernel = results.stream()
                .filter(r -> r.jdk().equals(jdk) && !r.benchmarkClass().equals("CalibrationBenchmark"))
                .collect(Collectors.groupingBy(r -> r.benchmarkClass() + "." + r.kernel(), TreeMap::new, Collectors.toList()));
        if (byKernel.isEmpty()) {
            return;
        }
        md.append("## Kernels on JDK ").append(jdk).append("\n\n");
        Roofs roofs = roofsByJdk.get(jdk);
        byKernel.forEach((kernel, kernelResults) -> {
            md.append("### ").append(kernel.substring(kernel.indexOf('.') + 1)).append("\n\n");
            md.append("| params | variant | throughput | ± | roof | lanewise × | alloc B/op |\n|---|---|---|---|---|---|---|\n");
            Map<String, List<Result>> byParams = kernelResults.stream()
                    .collect(Collectors.groupingBy(Result::paramText, () -> new TreeMap<>(Report::naturalOrder), Collectors.toList()));
            byParams.forEach((params, rows) -> {
                Result lanewise = rows.stream().filter(r -> r.variant().equals("lanewise")).findFirst().orElse(null);
                rows.sort(Comparator.comparingDouble(Result::opsPerSecond).reversed());
                for (Result row : rows) {
                    Workload work = Workload.of(row);
                    double throughput = work.throughput(row.opsPerSecond());
                    md.append("| ").append(params).append(" | ").append(variantLabel(row.variant())).append(" | ")
                            .append(format(throughput)).append(' ').append(work.unit()).append(" | ")
                            .append(format(work.throughput(row.error())))
                            .append(row.relativeError() > NOISY ? " ⚠" : "").append(" | ")
                            .append(roofs == null ? "" : percent(roofs.shareOf(work, throughput))).append(" | ")
                            .append(lanewise == null || row == lanewise ? ""
                                    : format(lanewise.opsPerSecond() / row.opsPerSecond()) + "×")
                            .append(" | ").append(Double.isNaN(row.allocatedBytesPerOp()) ? "" : format(row.allocatedBytesPerOp()))
                            .append(" |\n");
                }
            });
            md.append('\n');
            appendCharts(md, charts.get(jdk + "|" + kernel));
        });
    }

    private void appendJdkComparison(StringBuilder md, Map<String, List<Charts.Chart>> charts) {
        md.append("## lanewise across JDKs\n\n| kernel | params |");
        List<String> jdks = jdks();
        jdks.forEach(jdk -> md.append(" JDK ").append(jdk).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(jdks.size())).append('\n');
        Map<String, Map<String, Result>> table = new TreeMap<>(Report::naturalOrder);
        for (Result r : results) {
            if (r.variant().equals("lanewise")) {
                table.computeIfAbsent(r.benchmarkClass() + "." + r.kernel() + "|" + r.paramText(), k -> new TreeMap<>())
                        .put(r.jdk(), r);
            }
        }
        table.forEach((key, byJdk) -> {
            String[] parts = key.split("\\|", -1);
            md.append("| ").append(parts[0].substring(parts[0].indexOf('.') + 1)).append(" | ").append(parts[1]).append(" |");
            for (String jdk : jdks) {
                Result r = byJdk.get(jdk);
                if (r == null) {
                    md.append(" |");
                } else {
                    Workload work = Workload.of(r);
                    md.append(' ').append(format(work.throughput(r.opsPerSecond()))).append(' ').append(work.unit())
                            .append(r.relativeError() > NOISY ? " ⚠" : "").append(" |");
                }
            }
            md.append('\n');
        });
        md.append('\n');
        charts.forEach((key, kernelCharts) -> {
            if (key.startsWith("jdks|")) {
                appendCharts(md, kernelCharts);
            }
        });
    }

    /** Orders "size=4096" before "size=65536": numbers inside the text compare as numbers. */
    static int naturalOrder(String a, String b) {
        String[] x = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        String[] y = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d+") && y[i].matches("\\d+")
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** Used by tests: the set of kernels in the results. */
    TreeSet<String> kernels() {
        return results.stream().map(r -> r.benchmarkClass() + "." + r.kernel()).collect(Collectors.toCollection(TreeSet::new));
    }
}
