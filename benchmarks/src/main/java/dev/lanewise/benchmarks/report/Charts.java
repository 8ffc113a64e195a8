package dev.lanewise.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG charts, drawn with XChart (headless). Per JDK and kernel: throughput against
 * size on log–log axes, one series per variant, with the roof (FMA peak, or the copy bandwidth of
 * the working set's cache level converted to the kernel's unit) as a step line; and lanewise's
 * speedup over each peer against size. With more than one JDK, also lanewise's throughput per JDK.
 * Sizes come from {@link Workload#size()}, so a benchmark class needs nothing here beyond its
 * {@link Workload} case.
 */
final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    private static final Color ROOF = new Color(0x55, 0x55, 0x55);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A chart written to the report folder: its file name (relative) and what it shows. */
    record Chart(String file, String title) {}


    /** One point of a series: a size and a value. */
    private record Point(double size, double value) {}

    private final List<Result> results;
    private final Map<String, Roofs> roofsByJdk;

    Charts(List<Result> results, Map<String, Roofs> roofsByJdk) {
        this.results = results;
        this.roofsByJdk = roofsByJdk;
    }

    /**
     * Writes every chart into {@code out} and returns them by key: {@code "jdk|Class.kernel"} for a
     * JDK's charts of one kernel, {@code "jdks|Class.kernel"} for the comparison across JDKs.
     */
    Map<String, List<Chart>> write(Path out) throws IOException {
        Files.createDirectories(out);
        Map<String, List<Chart>> charts = new LinkedHashMap<>();
        Map<String, Map<String, List<Result>>> byJdk = kernelResults();
        for (Map.Entry<String, Map<String, List<Result>>> jdk : byJdk.entrySet()) {
            for (Map.Entry<String, List<Result>> kernel : jdk.getValue().entrySet()) {
                List<Chart> written = new ArrayList<>();
                Chart throughput = throughputChart(out, jdk.getKey(), kernel.getKey(), kernel.getValue());
                if (throughput != null) {
                    written.add(throughput);
                }
                Chart speedup = speedupChart(out, jdk.getKey(), kernel.getKey(), kernel.getValue());
                if (speedup != null) {
                    written.add(speedup);
                }
                if (!written.isEmpty()) {
                    charts.put(jdk.getKey() + "|" + kernel.getKey(), written);
                }
            }
        }
        for (String jdk : byJdk.keySet()) {
            List<Chart> peer = openBlasCharts(out, jdk);
            if (!peer.isEmpty()) {
                charts.put("openblas|" + jdk, peer);
            }
        }
        if (byJdk.size() > 1) {
            Map<String, Map<String, List<Result>>> lanewiseByKernel = new TreeMap<>();
            byJdk.forEach((jdk, kernels) -> kernels.forEach((kernel, rows) -> lanewiseByKernel
                    .computeIfAbsent(kernel, k -> new TreeMap<>(Comparator.comparingInt(Integer::parseInt)))
                    .put(jdk, rows.stream().filter(r -> r.variant().equals("lanewise")).toList())));
            for (Map.Entry<String, Map<String, List<Result>>> kernel : lanewiseByKernel.entrySet()) {
                Chart chart = jdkChart(out, kernel.getKey(), kernel.getValue());
                if (chart != null) {
                    charts.put("jdks|" + kernel.getKey(), List.of(chart));
                }
            }
        }
        return charts;
    }

    /** JDK → "Class.kernel" → results, calibration left out. */
    private Map<String, Map<String, List<Result>>> kernelResults() {
        return results.stream()
                .filter(r -> !r.benchmarkClass().equals("CalibrationBenchmark"))
                .collect(Collectors.groupingBy(Result::jdk,
                        () -> new TreeMap<>(Comparator.comparingInt(Integer::parseInt)),
                        Collectors.groupingBy(r -> r.benchmarkClass() + "." + r.kernel(), TreeMap::new,
                                Collectors.toList())));
    }

    private Chart throughputChart(Path out, String jdk, String kernel, List<Result> rows) throws IOException {
        Workload first = Workload.of(rows.get(0));
        XYChart chart = chart(shortName(kernel) + " on JDK " + jdk + ": throughput", first.sizeAxis(), first.unit());
        chart.getStyler().setYAxisLogarithmic(true);
        Map<String, List<Point>> byVariant = new TreeMap<>(Charts::variantOrder);
        Map<Double, Double> roof = new TreeMap<>();
        Roofs roofs = roofsByJdk.get(jdk);
        for (Result r : rows) {
            Workload work = Workload.of(r);
            byVariant.computeIfAbsent(Report.variantLabel(r.variant()), v -> new ArrayList<>())
                    .add(new Point(work.size(), work.throughput(r.opsPerSecond())));
            if (roofs != null) {
                roof.put(work.size(), roofs.roofFor(work));
            }
        }
        int series = 0;
        for (Map.Entry<String, List<Point>> variant : byVariant.entrySet()) {
            series += addSeries(chart, variant.getKey(), variant.getValue()) ? 1 : 0;
        }
        if (series == 0) {
            return null;
        }
        List<Point> roofPoints = roof.entrySet().stream().map(e -> new Point(e.getKey(), e.getValue())).toList();
        XYSeries roofSeries = addSeries(chart, "roof", roofPoints) ? chart.getSeriesMap().get("roof") : null;
        if (roofSeries != null) {
            roofSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            roofSeries.setMarker(roofPoints.size() > 1 ? SeriesMarkers.NONE : SeriesMarkers.RECTANGLE);
            roofSeries.setLineColor(ROOF);
            roofSeries.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 6f}, 0f));
        }
        return save(chart, out, "jdk" + jdk + "-" + slug(kernel) + ".png",
                shortName(kernel) + " on JDK " + jdk + ": throughput vs size, with the roof");
    }

    private Chart speedupChart(Path out, String jdk, String kernel, List<Result> rows) throws IOException {
        Map<String, Result> lanewiseByParams = new TreeMap<>();
        rows.stream().filter(r -> r.variant().equals("lanewise")).forEach(r -> lanewiseByParams.put(r.paramText(), r));
        Map<String, List<Point>> byPeer = new TreeMap<>(Charts::variantOrder);
        for (Result r : rows) {
            Result lanewise = lanewiseByParams.get(r.paramText());
            if (r.variant().equals("lanewise") || lanewise == null) {
                continue;
            }
            byPeer.computeIfAbsent("over " + Report.variantLabel(r.variant()), v -> new ArrayList<>())
                    .add(new Point(Workload.of(r).size(), lanewise.opsPerSecond() / r.opsPerSecond()));
        }
        if (byPeer.isEmpty()) {
            return null;
        }
        XYChart chart = chart(shortName(kernel) + " on JDK " + jdk + ": lanewise speedup",
                Workload.of(rows.get(0)).sizeAxis(), "lanewise ÷ peer (×)");
        int series = 0;
        double minSize = Double.MAX_VALUE;
        double maxSize = 0;
        for (Map.Entry<String, List<Point>> peer : byPeer.entrySet()) {
            series += addSeries(chart, peer.getKey(), peer.getValue()) ? 1 : 0;
            for (Point p : peer.getValue()) {
                minSize = Math.min(minSize, p.size());
                maxSize = Math.max(maxSize, p.size());
            }
        }
        if (series == 0) {
            return null;
        }
        if (addSeries(chart, "parity (1×)", List.of(new Point(minSize, 1), new Point(maxSize, 1)))) {
            XYSeries parity = chart.getSeriesMap().get("parity (1×)");
            parity.setMarker(SeriesMarkers.NONE);
            parity.setLineColor(ROOF);
            parity.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {4f, 4f}, 0f));
        }
        return save(chart, out, "jdk" + jdk + "-" + slug(kernel) + "-speedup.png",
                shortName(kernel) + " on JDK " + jdk + ": lanewise's speedup over each peer");
    }

    private Chart jdkChart(Path out, String kernel, Map<String, List<Result>> lanewiseByJdk) throws IOException {
        List<Result> any = lanewiseByJdk.values().stream().filter(l -> !l.isEmpty()).findFirst().orElse(null);
        if (any == null) {
            return null;
        }
        Workload first = Workload.of(any.get(0));
        XYChart chart = chart(shortName(kernel) + ": lanewise across JDKs", first.sizeAxis(), first.unit());
        chart.getStyler().setYAxisLogarithmic(true);
        int series = 0;
        for (Map.Entry<String, List<Result>> jdk : lanewiseByJdk.entrySet()) {
            List<Point> points = jdk.getValue().stream().map(r -> {
                Workload work = Workload.of(r);
                return new Point(work.size(), work.throughput(r.opsPerSecond()));
            }).toList();
            series += addSeries(chart, "JDK " + jdk.getKey(), points) ? 1 : 0;
        }
        return series < 2 ? null
                : save(chart, out, "jdks-" + slug(kernel) + ".png", shortName(kernel) + ": lanewise on each JDK");
    }

    /**
     * sgemm against the current OpenBLAS per shape on one JDK: GFLOP/s with the FMA roof, the ratio
     * lanewise ÷ OpenBLAS with the 1.1× and 1.0× targets, and each one's share of the roof
     * with the 90% target. None when no shape has both results.
     */
    private List<Chart> openBlasCharts(Path out, String jdk) throws IOException {
        List<GemmTargets.Row> rows = GemmTargets.rows(results, jdk, roofsByJdk.get(jdk)).stream()
                .filter(r -> r.lanewise() != null && r.openBlas() != null).toList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> shapes = rows.stream().map(r -> dev.lanewise.benchmarks.GemmShapes.NAMED.contains(r.shape())
                ? r.shape() + " " + dev.lanewise.benchmarks.GemmShapes.mkn(r.shape())
                : dev.lanewise.benchmarks.GemmShapes.mkn(r.shape())).toList();
        List<Chart> written = new ArrayList<>();
        double roof = rows.get(0).roofGflops();

        CategoryChart gflops = categoryChart("sgemm vs OpenBLAS on JDK " + jdk + ": GFLOP/s per shape (one thread)",
                "GFLOP/s");
        gflops.addSeries("lanewise", shapes, values(rows, GemmTargets.Row::lanewiseGflops));
        gflops.addSeries("OpenBLAS", shapes, values(rows, GemmTargets.Row::openBlasGflops));
        if (Double.isFinite(roof)) {
            line(gflops.addSeries("FMA roof", shapes, values(rows, r -> roof)), ROOF);
            line(gflops.addSeries("90% of roof", shapes, values(rows, r -> GemmTargets.ROOF_SHARE * roof)), Color.GRAY);
        }
        written.add(save(gflops, out, "jdk" + jdk + "-gemm-vs-openblas.png",
                "sgemm vs OpenBLAS on JDK " + jdk + ": GFLOP/s per shape, with the FMA roof"));

        CategoryChart ratio = categoryChart("sgemm on JDK " + jdk + ": lanewise ÷ OpenBLAS per shape", "lanewise ÷ OpenBLAS (×)");
        ratio.addSeries("lanewise ÷ OpenBLAS", shapes, values(rows, GemmTargets.Row::ratio));
        line(ratio.addSeries("target 1.1× (n = 256–2048, MLP forward)", shapes, values(rows, r -> GemmTargets.LEAD)), ROOF);
        line(ratio.addSeries("target 1.0× (n = 128, skinny)", shapes, values(rows, r -> GemmTargets.PARITY)), Color.GRAY);
        written.add(save(ratio, out, "jdk" + jdk + "-gemm-vs-openblas-ratio.png",
                "sgemm on JDK " + jdk + ": lanewise ÷ OpenBLAS per shape, with the targets"));

        if (Double.isFinite(roof)) {
            CategoryChart share = categoryChart("sgemm on JDK " + jdk + ": share of the FMA roof (" + Report.format(roof)
                    + " GFLOP/s)", "% of the FMA roof");
            share.addSeries("lanewise", shapes, values(rows, r -> 100 * r.lanewiseShare()));
            share.addSeries("OpenBLAS", shapes, values(rows, r -> 100 * r.openBlasShare()));
            line(share.addSeries("target 90%", shapes, values(rows, r -> 100 * GemmTargets.ROOF_SHARE)), ROOF);
            written.add(save(share, out, "jdk" + jdk + "-gemm-vs-openblas-roof.png",
                    "sgemm on JDK " + jdk + ": lanewise's and OpenBLAS's share of the FMA roof per shape"));
        }
        return written;
    }

    private static List<Double> values(List<GemmTargets.Row> rows, java.util.function.ToDoubleFunction<GemmTargets.Row> f) {
        return rows.stream().map(r -> {
            double v = f.applyAsDouble(r);
            return Double.isFinite(v) ? v : 0.0;
        }).toList();
    }

    private static void line(CategorySeries series, Color color) {
        series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
    }

    private static CategoryChart categoryChart(String title, String yAxis) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("shape (m×k×n)").yAxisTitle(yAxis).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    private static XYChart chart(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxis + ", log scale").yAxisTitle(yAxis).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setAntiAlias(true);
        styler.setMarkerSize(7);
        styler.setXAxisLogarithmic(true);
        // log ticks at powers of ten (a custom label function would make XChart space them linearly)
        styler.setXAxisDecimalPattern("#,##0");
        return chart;
    }

    /**
     * Adds a series of the finite, positive points (log axes take no others), sorted by size;
     * false when none is left.
     */
    private static boolean addSeries(XYChart chart, String name, List<Point> points) {
        List<Point> usable = points.stream()
                .filter(p -> p.size() > 0 && p.value() > 0 && Double.isFinite(p.size()) && Double.isFinite(p.value()))
                .sorted(Comparator.comparingDouble(Point::size))
                .toList();
        if (usable.isEmpty()) {
            return false;
        }
        chart.addSeries(name, usable.stream().mapToDouble(Point::size).toArray(),
                usable.stream().mapToDouble(Point::value).toArray());
        return true;
    }

    private static Chart save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path out, String file, String title)
            throws IOException {
        try (OutputStream stream = Files.newOutputStream(out.resolve(file))) {
            BitmapEncoder.saveBitmap(chart, stream, BitmapEncoder.BitmapFormat.PNG);
        }
        return new Chart(file, title);
    }

    /** lanewise first, then the peers by name. */
    private static int variantOrder(String a, String b) {
        boolean aLanewise = a.equals("lanewise");
        boolean bLanewise = b.equals("lanewise");
        return aLanewise != bLanewise ? (aLanewise ? -1 : 1) : a.compareTo(b);
    }

    /** "ActivationsBenchmark.sigmoid" → "sigmoid". */
    static String shortName(String kernel) {
        return kernel.substring(kernel.indexOf('.') + 1);
    }

    /** "ActivationsBenchmark.sigmoid" → "activations-sigmoid", safe as a file name. */
    static String slug(String kernel) {
        String className = kernel.substring(0, kernel.indexOf('.')).replaceFirst("Benchmark$", "");
        return (className.toLowerCase(Locale.ROOT) + "-" + shortName(kernel)).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
