package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.Config;
import dev.lanewise.kernels.internal.GemmKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.NormalizationKernels;
import dev.lanewise.kernels.internal.OptimizerKernels;
import dev.lanewise.kernels.internal.RowVectorKernels;
import dev.lanewise.kernels.internal.VectorUnavailableException;
import dev.lanewise.kernels.internal.vector.gemm.VectorGemmKernels;
import dev.lanewise.kernels.internal.SoftmaxKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * The Vector API kernels. Loaded only by reflection from {@code Kernels}, so that a JVM without
 * {@code jdk.incubator.vector} never links a class of this package. The per-JDK strategies are
 * {@link VectorStrategies}'; each is named with its reason in {@link #reason()}.
 */
public final class VectorKernelProvider implements KernelProvider {

    /** Built on first use, after {@link #create()} has checked the species. */
    private static final class ChosenGemm {
        static final GemmKernels GEMM = chooseGemm();
    }

    private VectorKernelProvider() {}

    /**
     * Called reflectively by {@code Kernels}, which has checked the properties ({@link Config});
     * fails when the species is too narrow.
     */
    public static KernelProvider create() {
        if (Species.LANES < 4) {
            throw new VectorUnavailableException(Why.NARROW_SPECIES, "the preferred float species has " + Species.LANES
                    + " lanes (" + Species.FLOAT.vectorBitSize() + " bits); SIMD needs at least 4");
        }
        return new VectorKernelProvider();
    }

    /**
     * The register tile follows the register file, not only the lane count: a 512-bit species
     * means AVX-512 and its 32 vector registers, which hold the 6 × 4-vector tile; everything
     * narrower is assumed to have 16 (AVX2 ymm, SSE xmm), which hold 4 × 2 without spills (the
     * register counts are in {@link VectorGemmKernels}; the measurements in benchmarks/RESULTS-gemm.md).
     */
    private static GemmKernels chooseGemm() {
        Config.GemmShape forced = Config.get().gemmShape();
        Config.GemmShape chosen = forced != null ? forced
                : Species.WIDE ? Config.GemmShape.ROWS_6_BY_4_VECTORS : Config.GemmShape.ROWS_4_BY_2_VECTORS;
        VectorGemmKernels.Shape shape = switch (chosen) {
            case ROWS_4_BY_2_VECTORS -> VectorGemmKernels.Shape.ROWS_4_BY_2_VECTORS;
            case ROWS_3_BY_3_VECTORS -> VectorGemmKernels.Shape.ROWS_3_BY_3_VECTORS;
            case ROWS_6_BY_4_VECTORS -> VectorGemmKernels.Shape.ROWS_6_BY_4_VECTORS;
        };
        return withDefaultBlocking(shape);
    }

    /**
     * The register tile {@code shape} with the default (or -D overridden) cache blocking: why
     * KC 256, MC 192, NC 4096 and the unpacked path below 96³ multiply-adds is in the porting
     * guide's sgemm section; the figures are in benchmarks/RESULTS-gemm.md.
     */
    private static VectorGemmKernels withDefaultBlocking(VectorGemmKernels.Shape shape) {
        Config config = Config.get();
        // KC is shared with the scalar kernels, which must cut k the same way.
        return new VectorGemmKernels(shape, config.gemmKc(), config.gemmMc(), config.gemmNc(), config.gemmDirect());
    }

    /**
     * The sgemm in use, then every register tile with tiny blocks (KC 37, MC 10, NC 2 tiles) so
     * that small test matrices cross every block edge, then every register tile at the default
     * blocking.
     */
    @Override
    public List<GemmKernels> gemmVariants() {
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
    public Implementation implementation() {
        return Implementation.VECTOR;
    }

    @Override
    public int vectorBits() {
        return Species.FLOAT.vectorBitSize();
    }

    @Override
    public int lanes() {
        return Species.LANES;
    }

    @Override
    public Why why() {
        return Why.VECTOR_AVAILABLE;
    }

    @Override
    public boolean reproducible() {
        return !VectorExp.USE_LIBRARY_EXP;
    }

    @Override
    public String reason() {
        return "jdk.incubator.vector is present and C2 is on; on JDK " + Runtime.version().feature() + ": exp by "
                + (VectorExp.USE_LIBRARY_EXP ? "lanewise(EXP) (not bit-reproducible: SVML when compiled, Math.exp before)" : "range reduction + degree-6 polynomial")
                + forcedBy(Config.get().exp())
                + ", relu by " + (VectorActivationKernels.RELU_ON_LANES ? "compare+blend on lanes" : "the auto-vectorized scalar loop")
                + forcedBy(Config.get().relu())
                + ", keep-mask bits by " + (VectorActivationKernels.MASK_BITS_BY_TO_LONG ? "VectorMask.toLong()" : "OR-reduction")
                + forcedBy(Config.get().mask())
                + ", " + ChosenGemm.GEMM.describe() + forcedBy(Config.get().gemmShape())
                + " (strategies measured per JDK; see benchmarks/RESULTS.md)";
    }

    private static String forcedBy(Enum<?> forced) {
        return forced == null ? "" : " (forced by -D" + propertyOf(forced) + ")";
    }

    private static String propertyOf(Enum<?> forced) {
        return forced instanceof Config.Exp ? Config.EXP : forced instanceof Config.Relu ? Config.RELU
                : forced instanceof Config.Mask ? Config.MASK : Config.GEMM_SHAPE;
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
