package dev.lanewise.layers;

/**
 * A layer of a feed-forward network, as in the reference note: {@code forward} computes the output
 * of a batch (one sample per row) and keeps what {@code backward} needs; {@code backward} takes the
 * gradient of the loss with respect to that output and returns the gradient with respect to the
 * input, storing the gradients of the layer's own parameters.
 *
 * <p>Buffers: a layer returns matrices it owns and reuses them while the batch size stays the same.
 * A matrix returned by {@code forward} stays valid until the next {@code forward}; one returned by
 * {@code backward} until the next {@code backward}. Callers must not modify them (the layer may
 * read its forward output again in backward). Neither method ever writes into its argument.
 *
 * <p>Layers are not thread-safe: use one instance per thread. The kernels underneath are.
 */
public interface Layer {

    /** The output for the batch {@code x}; throws IllegalArgumentException on a shape mismatch. */
    Matrix forward(Matrix x);

    /**
     * The gradient with respect to the last forward's input, from the gradient {@code dout} with
     * respect to its output (same shape as that output). Throws IllegalStateException before the
     * first forward, IllegalArgumentException on a shape mismatch.
     */
    Matrix backward(Matrix dout);
}
