package dev.lanewise.kernels.internal;

/** The scalar reference implementation of every kernel: plain Java loops, no Vector API. */
final class ScalarKernelProvider implements KernelProvider {
    private final Why why;
    private final String reason;

    private ScalarKernelProvider(Why why, String reason) {
        this.why = why;
        this.reason = reason;
    }

    static ScalarKernelProvider create(Why why, String reason) {
        return new ScalarKernelProvider(why, reason);
    }

    @Override
    public Implementation implementation() {
        return Implementation.SCALAR;
    }

    @Override
    public int vectorBits() {
        return 0;
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public Why why() {
        return why;
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
