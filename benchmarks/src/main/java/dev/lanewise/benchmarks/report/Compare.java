package dev.lanewise.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import joptsimple.NonOptionArgumentSpec;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * The regression compare: given an old and a new JMH JSON result, lists the benchmarks (per JDK
 * and parameters) whose score moved by more than a threshold, with the ratio new/old and whether
 * the move exceeds the two runs' combined JMH errors (a move within them may be noise). Always
 * exits 0 once it has compared; 2 on a usage or input error.
 *
 * <p>{@code java -cp benchmarks.jar dev.lanewise.benchmarks.report.Compare old.json new.json [--threshold 0.1]}
 */
public final class Compare {

    static final double DEFAULT_THRESHOLD = 0.10;

    /**
     * One benchmark found in both runs.
     *
     * @param key "JDK 25 ActivationsBenchmark.sigmoid_lanewise size=4096"
     * @param before the old result
     * @param after the new result
     */
    record Change(String key, Result before, Result after) {
        /** new / old: above 1 is faster (throughput). */
        double ratio() {
            return after.opsPerSecond() / before.opsPerSecond();
        }

        /** Whether |new − old| exceeds the sum of the two JMH errors; null when either is undefined. */
        Boolean beyondErrors() {
            double errors = before.error() + after.error();
            if (Double.isNaN(errors)) {
                return null;
            }
            return Math.abs(after.opsPerSecond() - before.opsPerSecond()) > errors;
        }

        boolean movedMoreThan(double threshold) {
            return Math.abs(ratio() - 1) > threshold;
        }
    }

    /**
     * The comparison of two runs.
     *
     * @param threshold the relative move that counts, such as 0.1
     * @param moved the changes beyond the threshold, largest slowdown first
     * @param unchanged how many benchmarks in both runs moved less
     * @param onlyBefore benchmarks only in the old run
     * @param onlyAfter benchmarks only in the new run
     */
    record Comparison(double threshold, List<Change> moved, int unchanged, List<String> onlyBefore,
            List<String> onlyAfter) {

        String render(String beforeName, String afterName) {
            StringBuilder out = new StringBuilder();
            out.append("Compare ").append(beforeName).append(" (old) with ").append(afterName)
                    .append(" (new): moves above ").append(Report.percent(threshold)).append("\n\n");
            if (!moved.isEmpty()) {
                out.append("| JDK | benchmark | params | old | new | new/old | beyond JMH errors |\n")
                        .append("|---|---|---|---|---|---|---|\n");
                for (Change c : moved) {
                    Result r = c.after();
                    Boolean beyond = c.beyondErrors();
                    out.append("| ").append(r.jdk()).append(" | ").append(r.benchmarkClass()).append('.')
                            .append(r.kernel()).append(r.variant().isEmpty() ? "" : "_" + r.variant())
                            .append(" | ").append(r.paramText()).append(" | ").append(score(c.before()))
                            .append(" | ").append(score(c.after())).append(" | ")
                            .append(String.format(Locale.ROOT, "%.2f× (%+.0f%%)", c.ratio(), (c.ratio() - 1) * 100))
                            .append(" | ").append(beyond == null ? "unknown (no error)" : beyond ? "yes" : "no (noise?)")
                            .append(" |\n");
                }
                out.append('\n');
            }
            long slower = moved.stream().filter(c -> c.ratio() < 1).count();
            out.append(moved.size()).append(" of ").append(moved.size() + unchanged).append(" benchmarks moved by more than ")
                    .append(Report.percent(threshold)).append(" (").append(slower).append(" slower, ")
                    .append(moved.size() - slower).append(" faster); ").append(unchanged).append(" within it.\n");
            appendList(out, "only in the old run", onlyBefore);
            appendList(out, "only in the new run", onlyAfter);
            return out.toString();
        }

        private static void appendList(StringBuilder out, String what, List<String> keys) {
            if (!keys.isEmpty()) {
                out.append(keys.size()).append(' ').append(what).append(":\n");
                keys.forEach(k -> out.append("  ").append(k).append('\n'));
            }
        }
    }

    private Compare() {}

    static final String USAGE = "Compare old.json new.json [--threshold 0.1]";

    /** The parsed command line. */
    record Options(Path before, Path after, double threshold) {}

    static Options parseOptions(String... args) throws Cli.UsageException {
        OptionParser parser = Cli.parser();
        OptionSpec<Double> threshold = parser.accepts("threshold").withRequiredArg().ofType(Double.class)
                .defaultsTo(DEFAULT_THRESHOLD);
        NonOptionArgumentSpec<String> files = parser.nonOptions();
        OptionSet options = Cli.parse(parser, args, "Compare", USAGE);
        List<String> inputs = options.valuesOf(files);
        if (inputs.size() != 2) {
            throw new Cli.UsageException("Compare", "give two JMH JSON files, old then new (got " + inputs.size() + ")", USAGE);
        }
        double share = options.valueOf(threshold);
        if (!(share >= 0)) {
            throw new Cli.UsageException("Compare", "the threshold is a share, 0 or more, such as 0.1 for 10%, not " + share, USAGE);
        }
        return new Options(Path.of(inputs.get(0)), Path.of(inputs.get(1)), share);
    }

    public static void main(String[] args) throws IOException {
        try {
            Options options = parseOptions(args);
            List<Result> before = read(options.before(), "Compare");
            List<Result> after = read(options.after(), "Compare");
            Comparison comparison = compare(before, after, options.threshold());
            System.out.print(comparison.render(options.before().toString(), options.after().toString()));
        } catch (Cli.UsageException e) {
            Cli.exit(e);
        }
    }

    /** The results in a JMH JSON file; a missing or unreadable file is a usage error, in one line. */
    static List<Result> read(Path input, String tool) throws Cli.UsageException {
        String usage = tool.equals("Compare") ? USAGE : Report.USAGE;
        try {
            return Result.fromJmhJson(Files.readString(input));
        } catch (NoSuchFileException e) {
            throw new Cli.UsageException(tool, "no such file: " + input, usage);
        } catch (IOException | RuntimeException e) {
            throw new Cli.UsageException(tool, "cannot read " + input + " as JMH JSON: " + e.toString().replace('\n', ' '), usage);
        }
    }

    /** Matches the runs' results by JDK, benchmark and parameters and sorts out what moved. */
    static Comparison compare(List<Result> before, List<Result> after, double threshold) {
        Map<String, Result> old = byKey(before);
        Map<String, Result> now = byKey(after);
        List<Change> moved = new ArrayList<>();
        int unchanged = 0;
        List<String> onlyBefore = new ArrayList<>();
        for (Map.Entry<String, Result> e : old.entrySet()) {
            Result next = now.get(e.getKey());
            if (next == null) {
                onlyBefore.add(e.getKey());
                continue;
            }
            Change change = new Change(e.getKey(), e.getValue(), next);
            if (change.movedMoreThan(threshold)) {
                moved.add(change);
            } else {
                unchanged++;
            }
        }
        List<String> onlyAfter = now.keySet().stream().filter(k -> !old.containsKey(k)).toList();
        moved.sort(Comparator.comparingDouble(Change::ratio));
        return new Comparison(threshold, moved, unchanged, onlyBefore, onlyAfter);
    }

    private static Map<String, Result> byKey(List<Result> results) {
        Map<String, Result> map = new LinkedHashMap<>();
        for (Result r : results) {
            map.put(key(r), r);
        }
        return map;
    }

    static String key(Result r) {
        String method = r.kernel() + (r.variant().isEmpty() ? "" : "_" + r.variant());
        return ("JDK " + r.jdk() + " " + r.benchmarkClass() + "." + method + " " + r.paramText()).trim();
    }

    /** The score in its workload's unit when the report knows the benchmark, else in ops/s. */
    static String score(Result r) {
        try {
            Workload work = Workload.of(r);
            return Report.format(work.throughput(r.opsPerSecond())) + " " + work.unit()
                    + " ± " + Report.format(work.throughput(r.error()));
        } catch (RuntimeException unknownBenchmark) {
            return String.format(Locale.ROOT, "%.4g ops/s ± %s", r.opsPerSecond(),
                    Double.isNaN(r.error()) ? "–" : String.format(Locale.ROOT, "%.2g", r.error()));
        }
    }
}
