package dev.lanewise.kernels.internal;

import java.util.List;

/**
 * One implementation of every kernel family: the Vector API one (package
 * {@code dev.lanewise.kernels.internal.vector}) or the scalar reference. {@link Kernels} chooses
 * which one the public API calls; this interface knows nothing of the choice.
 *
 * <p>Internal API: it may change in any release.
 */
public interface KernelProvider {

    /** Which implementation a provider is. */
    enum Implementation {
        VECTOR, SCALAR;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Why a provider is the one in use (or was made), as data; {@link #reason()} says it in words. */
    enum Why {
        /** The incubator module is present, the VM compiles with C2 and the species is wide enough. */
        VECTOR_AVAILABLE,
        /** {@code -Dlanewise.impl=scalar}. */
        FORCED_SCALAR,
        /** Asked for by name ({@link Kernels#scalar()}), as tests and benchmarks do. */
        REQUESTED,
        /** The JVM was started without {@code --add-modules jdk.incubator.vector}. */
        MODULE_MISSING,
        /** No C2 to compile the Vector API (another VM, -Xint, C1 only, the JIT off): vectors would be boxed. */
        NO_C2,
        /** The preferred float species has fewer than 4 lanes. */
        NARROW_SPECIES,
        /** The Vector API classes failed to load or link. */
        LOAD_FAILED
    }

    Implementation implementation();

    /** "vector" or "scalar". */
    default String name() {
        return implementation().toString();
    }

    /** The bits of the float vectors the kernels run on; 0 for the scalar reference. */
    int vectorBits();

    /** The float lanes of those vectors; 1 for the scalar reference. */
    int lanes();

    /** The float species the kernels run on, such as "256-bit, 8 float lanes", or "no vector species". */
    default String species() {
        return vectorBits() == 0 ? "no vector species" : vectorBits() + "-bit, " + lanes() + " float lanes";
    }

    Why why();

    /** Why this provider was chosen, and per-kernel choices it made (as logged). */
    String reason();

    /**
     * True when the same call on the same inputs gives the same bits every time, in the
     * interpreter and in compiled code alike. False only for the vector kernels with
     * {@code -Dlanewise.exp=library}, whose exp differs in the last bit between compiled (SVML)
     * and interpreted ({@code Math.exp}) code; each result still meets its error promise.
     */
    boolean reproducible();

    ActivationKernels activations();

    RowVectorKernels rowVectors();

    SoftmaxKernels softmax();

    GemmKernels gemm();

    /**
     * For tests: {@link #gemm()}, then any other sgemm this provider can build (every register
     * tile with tiny blocks, so that small matrices cross every block edge, then every tile at
     * the default blocking). The scalar provider has only its one.
     */
    default List<GemmKernels> gemmVariants() {
        return List.of(gemm());
    }

    OptimizerKernels optimizers();

    NormalizationKernels normalization();
}
