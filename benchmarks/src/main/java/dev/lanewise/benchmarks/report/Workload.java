package dev.lanewise.benchmarks.report;

import java.util.Map;

/**
 * What one benchmark operation does, so that ops/s becomes a throughput with a unit and a roof:
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

    static Workload of(Result result) {
        Map<String, String> p = result.params();
        switch (result.benchmarkClass()) {
            case "ActivationsBenchmark": {
                double size = Double.parseDouble(p.get("size"));
                double bytes = bytesPerElement(result.kernel());
                return new Workload(size, ELEMENTS, bytes, size * bytes);
            }
            case "OptimizersBenchmark": {
                // Adam reads param, grad, m and v and writes param, m and v (28 bytes per element);
                // SGD reads param, grad and velocity and writes param and velocity (20)
                double size = Double.parseDouble(p.get("size"));
                double bytes = result.kernel().equals("adam") ? 28 : 20;
                return new Workload(size, ELEMENTS, bytes, size * bytes);
            }
            case "CalibrationBenchmark":
                if (result.kernel().equals("fmaPeak")) {
                    return new Workload(2, FLOPS, 0, 0);
                }
                double size = Double.parseDouble(p.get("size"));
                return new Workload(8 * size, BYTES, 0, 8 * size);
            case "SoftmaxBenchmark": {
                // rowsByCols: rows x cols; the row stays in cache across the three passes, so the traffic
                // is one read and one write per element for softmax, two of each for the fused
                // cross-entropy forward + backward (logits in, probabilities out and back in, gradient out).
                double elements = product(p.get("rowsByCols"));
                double bytes = result.kernel().equals("crossEntropyForwardBackward") ? 16 : 8;
                return new Workload(elements, ELEMENTS, bytes, elements * bytes);
            }
            case "PortingPatternsBenchmark": {
                // the guide's patterns, each over `elements` elements: y = f(x), a keep-mask, or a sum
                double elements = Double.parseDouble(p.get("elements"));
                double bytes = patternBytesPerElement(result.kernel());
                return new Workload(elements, ELEMENTS, bytes, elements * bytes);
            }
            case "GemmBenchmark": {
                // 2·m·n·k flops; the working set is A, B and C once each.
                int[] mnk = dev.lanewise.benchmarks.GemmBenchmark.dimensions(
                        p.containsKey("shape") ? p.get("shape") : p.get("parallelShape"));
                double m = mnk[0];
                double n = mnk[1];
                double k = mnk[2];
                return new Workload(2 * m * n * k, FLOPS, 0, 4 * (m * k + k * n + m * n));
            }
            case "ArgumentChecksBenchmark": {
                // relu on n elements and softmax of one row of n (one read, one write each), or an
                // n×n×n sgemm (2·n³ flops over A, B and C)
                double n = Double.parseDouble(p.get("n"));
                if (result.kernel().equals("sgemm")) {
                    return new Workload(2 * n * n * n, FLOPS, 0, 4 * 3 * n * n);
                }
                return new Workload(n, ELEMENTS, 8, 8 * n);
            }
            case "TrainingStepBenchmark": {
                // network: batch x inputs x hidden x classes: each affine layer does three products
                // (forward, dx, dW) of 2 x batch x in x out flops; the element-wise work is negligible.
                String[] d = p.get("network").split("x");
                double batch = Double.parseDouble(d[0]);
                double inputs = Double.parseDouble(d[1]);
                double hidden = Double.parseDouble(d[2]);
                double classes = Double.parseDouble(d[3]);
                // The working set: input batch, both weight matrices and the activations and
                // gradients of the hidden and output layers, 4 bytes each.
                double workingSet = 4 * (batch * inputs + inputs * hidden + hidden * classes
                        + 2 * batch * hidden + 2 * batch * classes);
                return new Workload(6 * batch * (inputs * hidden + hidden * classes), FLOPS, 0, workingSet);
            }
            default:
                throw new IllegalArgumentException("no workload known for " + result.benchmarkClass());
        }
    }

    /** The product of the numbers in a shape such as "256x1000". */
    static double product(String shape) {
        double product = 1;
        for (String dimension : shape.split("x")) {
            product *= Double.parseDouble(dimension);
        }
        return product;
    }

    /** Bytes read and written per element: 4 per float array touched, 1/8 per packed mask bit. */
    private static double bytesPerElement(String kernel) {
        switch (kernel) {
            case "relu":
            case "sigmoid":
            case "tanh":
            case "silu":
            case "gelu":
            case "geluTanh":
            case "leakyRelu":
                return 8;
            case "reluWithMask":
            case "reluBackwardMask":
                return 8.125;
            case "reluBackward":
            case "sigmoidBackward":
            case "tanhBackward":
            case "siluBackward":
            case "geluBackward":
            case "geluTanhBackward":
            case "leakyReluBackward":
                return 12;
            default:
                throw new IllegalArgumentException("no traffic known for kernel " + kernel);
        }
    }

    /** Bytes read and written per element by each pattern of PortingPatternsBenchmark. */
    private static double patternBytesPerElement(String pattern) {
        switch (pattern) {
            case "tail":
            case "relu":
            case "exp":
                return 8;
            case "maskBits":
                return 8.125;
            case "sum":
                return 4;
            default:
                throw new IllegalArgumentException("no traffic known for pattern " + pattern);
        }
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
