package dev.lanewise.kernels.internal;

/** The scalar reference implementation of every kernel: plain Java loops, no Vector API. */
final class ScalarKernelProvider extends KernelProvider {
    private final String reason;

    private ScalarKernelProvider(String reason) {
        this.reason = reason;
    }

    static ScalarKernelProvider create(String reason) {
        return new ScalarKernelProvider(reason);
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String species() {
        return "no vector species";
    }

    @Override
    public boolean reproducible() {
        return true;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public ActivationKernels activations() {
        return ScalarActivationKernels.INSTANCE;
    }

    @Override
    public RowVectorKernels rowVectors() {
        return ScalarRowVectorKernels.INSTANCE;
    }

    @Override
    public SoftmaxKernels softmax() {
        return ScalarSoftmaxKernels.INSTANCE;
    }

    @Override
    public GemmKernels gemm() {
        return ScalarGemmKernels.INSTANCE;
    }

    @Override
    public OptimizerKernels optimizers() {
        return ScalarOptimizerKernels.INSTANCE;
    }

    @Override
    public NormalizationKernels normalization() {
        return ScalarNormalizationKernels.INSTANCE;
    }
}
