package dev.lanewise.benchmarks;

/**
 * The gemm shapes of the suite by name, for {@link GemmBenchmark} and the report: a square size
 * ("1024": n³), or one of the MLP products of the benchmarks' training networks (batch 256 or 100,
 * 784 inputs), or a matrix-vector product. Plain Java with no native or Vector API dependency, so
 * the report can read it.
 */
public final class GemmShapes {
    private GemmShapes() {}

    /**
     * {m, n, k} of a shape parameter: a square size, or one of the MLP products of the
     * (256×784)·(784×512) layer: its forward, the output layer (256×512)·(512×10), and the
     * forward layer's two backward products dY·Wᵀ (256×512)·(512×784) and Xᵀ·dY (784×256)·(256×512);
     * the small network's forward (100×784)·(784×50); one sample through the first layer
     * (1×784)·(784×512); and a matrix times a vector (512×784)·(784×1).
     *
     * @param shape the parameter's value
     * @return {m, n, k}
     * @throws NumberFormatException for a name this table does not have
     */
    public static int[] dimensions(String shape) {
        return switch (shape) {
            case "mlpForward" -> new int[] {256, 512, 784};
            case "mlpSmallForward" -> new int[] {100, 50, 784};
            case "mlpOutput" -> new int[] {256, 10, 512};
            case "mlpBackwardDx" -> new int[] {256, 784, 512};
            case "mlpBackwardDw" -> new int[] {784, 512, 256};
            case "vecMat" -> new int[] {1, 512, 784};
            case "matVec" -> new int[] {512, 1, 784};
            default -> {
                int size = Integer.parseInt(shape);
                yield new int[] {size, size, size};
            }
        };
    }

    /** Whether A is stored transposed (k×m) for this shape: the weight gradient Xᵀ·dY. */
    public static boolean transA(String shape) {
        return shape.equals("mlpBackwardDw");
    }

    /** Whether B is stored transposed (n×k) for this shape: the input gradient dY·Wᵀ. */
    public static boolean transB(String shape) {
        return shape.equals("mlpBackwardDx");
    }

    /** The named shapes, in the order the report lists them (after the squares). */
    public static final java.util.List<String> NAMED = java.util.List.of("mlpForward", "mlpSmallForward", "mlpOutput",
            "mlpBackwardDx", "mlpBackwardDw", "vecMat", "matVec");

    /** Squares by size, then the named shapes in {@link #NAMED}'s order. */
    public static int order(String a, String b) {
        boolean aSquare = !NAMED.contains(a);
        boolean bSquare = !NAMED.contains(b);
        if (aSquare && bSquare) {
            return Integer.compare(dimensions(a)[0], dimensions(b)[0]);
        }
        return aSquare != bSquare ? (aSquare ? -1 : 1) : Integer.compare(NAMED.indexOf(a), NAMED.indexOf(b));
    }

    /** "m×k×n", the way the issues write a shape. */
    public static String mkn(String shape) {
        int[] mnk = dimensions(shape);
        return mnk[0] + "×" + mnk[2] + "×" + mnk[1];
    }
}
