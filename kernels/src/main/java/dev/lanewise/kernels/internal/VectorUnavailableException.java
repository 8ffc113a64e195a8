package dev.lanewise.kernels.internal;

/**
 * The Vector API kernels cannot run in this JVM; the message says why. Thrown while the
 * {@link Kernels} chooses, and answered by choosing the scalar reference.
 *
 * <p>Internal API: it may change in any release.
 */
public final class VectorUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final KernelProvider.Why why;

    public VectorUnavailableException(KernelProvider.Why why, String reason) {
        super(reason);
        this.why = why;
    }

    public VectorUnavailableException(KernelProvider.Why why, String reason, Throwable cause) {
        super(reason, cause);
        this.why = why;
    }

    /** What is missing, as data. */
    public KernelProvider.Why why() {
        return why;
    }
}
