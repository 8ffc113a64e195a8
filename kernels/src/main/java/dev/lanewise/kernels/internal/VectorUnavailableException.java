package dev.lanewise.kernels.internal;

/**
 * The Vector API kernels cannot run in this JVM; the message says why. Thrown while the
 * {@link KernelProvider} chooses, and answered by choosing the scalar reference.
 *
 * <p>Internal API: it may change in any release.
 */
public final class VectorUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VectorUnavailableException(String reason) {
        super(reason);
    }

    public VectorUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
