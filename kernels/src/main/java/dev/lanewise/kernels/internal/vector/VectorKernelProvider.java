package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.GemmBlocking;
import dev.lanewise.kernels.internal.GemmKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.NormalizationKernels;
import dev.lanewise.kernels.internal.OptimizerKernels;
import dev.lanewise.kernels.internal.RowVectorKernels;
import dev.lanewise.kernels.internal.VectorUnavailableException;
import dev.lanewise.kernels.internal.SoftmaxKernels;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels. Loaded only by reflection from {@link KernelProvider}, so that a JVM
 * without {@code jdk.incubator.vector} never links a class of this package.
 *
 * <p>The Vector API's code generation differs a lot between JDKs, so some kernels pick their
 * strategy by the JDK's feature version, from measurements on JDK 17 and 25 (see
 * benchmarks/RESULTS.md). Each choice is a static final boolean, which C2 folds, and each is
 * named with its reason in {@link #reason()}.
 */
public final class VectorKernelProvider extends KernelProvider {

    /** {@code -Dlanewise.gemm.shape=4x2|3x3|6x4} forces the sgemm register tile (rows x vectors). */
    public static final String GEMM_SHAPE_PROPERTY = "lanewise.gemm.shape";
    /** {@code -Dlanewise.gemm.kc=, .mc=, .nc=, .direct=} override the sgemm blocking, for tuning. */
    public static final String GEMM_BLOCKING_PREFIX = "lanewise.gemm.";

    /**
     * Built on first use, after {@link #create()} has read the sgemm properties: a bad value must
     * fail create() with its own message, not this class's initialisation (which the loader would
     * report as an unexplained ExceptionInInitializerError and fall back to scalar).
     */
    private static final class ChosenGemm {
        static final GemmKernels GEMM = chooseGemm();
    }

    private VectorKernelProvider() {}

    /** Called reflectively by {@link KernelProvider}; fails when the species is too narrow. */
    public static KernelProvider create() {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        if (species.length() < 4) {
            throw new VectorUnavailableException("the preferred float species has " + species.length()
                    + " lanes (" + species.vectorBitSize() + " bits); SIMD needs at least 4");
        }
        // Read the strategy and sgemm properties now, so that a misspelt or out-of-range value
        // fails here, loudly (the sgemm built here is dropped; ChosenGemm builds the one in use).
        VectorStrategies.checkProperties();
        chooseGemm();
        return new VectorKernelProvider();
    }

    /**
     * The register tile follows the register file, not only the lane count: a 512-bit species
     * means AVX-512 and its 32 vector registers, which hold a 6 × 4-vector tile (24 accumulators +
     * 6 broadcasts + 2 B vectors); everything narrower is assumed to have 16 (AVX2 ymm, SSE xmm),
     * where 4 × 2 vectors (8 + 4 + 2 = 14) is the tile C2 compiles without spills and the 6 × 2
     * BLAS shape spills every k step. Verified in C2's code for each JDK; see RESULTS-gemm.md.
     *
     * <p>Blocking (4 bytes per float), from the cache sizes of the AMD EPYC (Zen 4) this was
     * measured on, 32 KiB L1d and 1 MiB L2 per core, 32 MiB L3: KC 256 makes one packed kc×16
     * micro-panel of B 16 KiB, half the L1d, so it stays there while the A micro-panels (4 KiB
     * each) stream past; MC 192 makes the packed A block 192 KiB, a fifth of the L2, leaving room
     * for the B block's lines passing through; NC 4096 keeps the packed kc×nc block of B (up to
     * 4 MiB) in the L3. k is cut into equal blocks of at most KC. Measured alternatives on this
     * shared machine (KC 384, MC 96, a 3 × 3-vector tile, a k loop unrolled by hand) were within
     * its noise or slower; see benchmarks/RESULTS-gemm.md. The unpacked path for m·n·k up to 96³
     * beat packing at n = 64 (58 vs 46 GFLOP/s) and lost at n = 128.
     */
    private static GemmKernels chooseGemm() {
        String forced = System.getProperty(GEMM_SHAPE_PROPERTY, "").trim();
        VectorGemmKernels.Shape shape = switch (forced) {
            case "4x2" -> VectorGemmKernels.Shape.ROWS_4_BY_2_VECTORS;
            case "3x3" -> VectorGemmKernels.Shape.ROWS_3_BY_3_VECTORS;
            case "6x4" -> VectorGemmKernels.Shape.ROWS_6_BY_4_VECTORS;
            case "" -> VectorGemmKernels.SPECIES.vectorBitSize() >= 512
                    ? VectorGemmKernels.Shape.ROWS_6_BY_4_VECTORS
                    : VectorGemmKernels.Shape.ROWS_4_BY_2_VECTORS;
            default -> throw new IllegalArgumentException(
                    "-D" + GEMM_SHAPE_PROPERTY + "=" + forced + " is not one of 4x2, 3x3, 6x4");
        };
        return withDefaultBlocking(shape);
    }

    /** The register tile {@code shape} with the default (or -D overridden) cache blocking. */
    private static VectorGemmKernels withDefaultBlocking(VectorGemmKernels.Shape shape) {
        int kc = GemmBlocking.kc(); // shared with the scalar kernels, which must cut k the same way
        int mc = blocking("mc", 192, MAX_BLOCK);
        int nc = blocking("nc", 4096, MAX_BLOCK);
        // Only compared with m·n·k (in long): any positive int is safe.
        long direct = blocking("direct", 96 * 96 * 96, Integer.MAX_VALUE);
        return new VectorGemmKernels(shape, kc, mc, nc, direct);
    }

    /**
     * The largest KC, MC and NC accepted: 2^15. Far past any cache (a 2^15-wide block of floats is
     * 128 KiB per row), and small enough that rounding MC or NC up to whole micro-panels (at most
     * 6 rows, 64 columns) cannot overflow int, nor can a packing buffer, (MC + 5) × KC or
     * KC × (NC + 63) floats, which stays below 2^31.
     */
    static final int MAX_BLOCK = GemmBlocking.KC_LIMIT;

    private static int blocking(String name, int defaultValue, int max) {
        String value = System.getProperty(GEMM_BLOCKING_PREFIX + name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed < 1 || parsed > max) {
            throw new IllegalArgumentException("-D" + GEMM_BLOCKING_PREFIX + name + "=" + value
                    + " is out of range: it must be a whole number from 1 to " + max);
        }
        return (int) parsed;
    }

    /**
     * For the tests, which reach it reflectively (they may not link Vector API types): the sgemm
     * in use, then every register tile with tiny blocks (KC 37, MC 10, NC 2 tiles) so that small
     * test matrices cross every block edge, then every register tile at the default blocking.
     */
    public static List<GemmKernels> gemmVariantsForTests() {
        List<GemmKernels> variants = new ArrayList<>();
        variants.add(ChosenGemm.GEMM);
        for (VectorGemmKernels.Shape shape : VectorGemmKernels.Shape.values()) {
            variants.add(new VectorGemmKernels(shape, 37, 10, 2 * shape.columns(), 20 * 20 * 20));
        }
        for (VectorGemmKernels.Shape shape : VectorGemmKernels.Shape.values()) {
            variants.add(withDefaultBlocking(shape));
        }
        return variants;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String species() {
        VectorSpecies<Float> species = VectorExp.SPECIES;
        return species.vectorBitSize() + "-bit, " + species.length() + " float lanes";
    }

    @Override
    public boolean reproducible() {
        return !VectorExp.USE_LIBRARY_EXP;
    }

    @Override
    public String reason() {
        return "jdk.incubator.vector is present and C2 is on; on JDK " + Runtime.version().feature() + ": exp by "
                + (VectorExp.USE_LIBRARY_EXP ? "lanewise(EXP) (not bit-reproducible: SVML when compiled, Math.exp before)" : "range reduction + degree-6 polynomial")
                + forcedBy(VectorStrategies.EXP_PROPERTY)
                + ", relu by " + (VectorActivationKernels.RELU_ON_LANES ? "compare+blend on lanes" : "the auto-vectorized scalar loop")
                + forcedBy(VectorStrategies.RELU_PROPERTY)
                + ", keep-mask bits by " + (VectorActivationKernels.MASK_BITS_BY_TO_LONG ? "VectorMask.toLong()" : "OR-reduction")
                + forcedBy(VectorStrategies.MASK_PROPERTY)
                + ", " + ChosenGemm.GEMM.describe() + forcedBy(GEMM_SHAPE_PROPERTY)
                + " (strategies measured per JDK; see benchmarks/RESULTS.md)";
    }

    private static String forcedBy(String property) {
        return System.getProperty(property) == null ? "" : " (forced by -D" + property + ")";
    }

    @Override
    public ActivationKernels activations() {
        return VectorActivationKernels.INSTANCE;
    }

    @Override
    public RowVectorKernels rowVectors() {
        return VectorRowVectorKernels.INSTANCE;
    }

    @Override
    public SoftmaxKernels softmax() {
        return VectorSoftmaxKernels.INSTANCE;
    }

    @Override
    public GemmKernels gemm() {
        return ChosenGemm.GEMM;
    }

    @Override
    public OptimizerKernels optimizers() {
        return VectorOptimizerKernels.INSTANCE;
    }

    @Override
    public NormalizationKernels normalization() {
        return VectorNormalizationKernels.INSTANCE;
    }
}
