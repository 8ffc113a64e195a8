package dev.lanewise.layers;

/**
 * A layer of a feed-forward network: {@code forward} computes the output
 * of a batch (one sample per row) and keeps what {@code backward} needs; {@code backward} takes the
 * gradient of the loss with respect to that output and returns the gradient with respect to the
 * input, storing the gradients of the layer's own parameters.
 *
 * <p>Buffers: a layer returns matrices it owns and reuses them while the batch size stays the same.
 * A matrix returned by {@code forward} stays valid until the next {@code forward}; one returned by
 * {@code backward} until the next {@code backward}. Callers must not modify them (the layer may
 * read its forward output again in backward). Neither method ever writes into its argument.
 *
 * <p>Failures: a layer checks every argument before it changes anything, so a {@code forward}
 * or {@code backward} that throws leaves the layer as it was. The layers of this package keep
 * the state of their last successful forward (a later backward gives that batch's gradient) and
 * the gradients of their last successful backward. {@link Sequential}, whose earlier layers may
 * already have run when a later one throws, refuses backward instead (IllegalStateException) until
 * its next successful forward.
 *
 * <p>A layer keeps the state of one forward for its backward, so one instance cannot stand at two
 * places of a network: {@link Sequential} refuses an instance that appears twice.
 *
 * <p>Layers are not thread-safe: use one instance per thread. The kernels underneath are.
 */
public interface Layer {

    /**
     * The output for a batch.
     *
     * @param x the batch, one sample per row; not modified
     * @return the output, a buffer of the layer valid until the next forward
     * @throws IllegalArgumentException if x has a shape the layer cannot take
     * @throws NullPointerException if x is null
     */
    Matrix forward(Matrix x);

    /**
     * The gradient with respect to the last forward's input, from the gradient {@code dout} with
     * respect to its output (same shape as that output).
     *
     * @param dout the gradient of the loss with respect to the last forward's output; not modified
     * @return the gradient with respect to the last forward's input, a buffer of the layer valid
     *     until the next backward
     * @throws IllegalStateException before the first forward
     * @throws IllegalArgumentException if dout does not have the shape of the last forward's output
     * @throws NullPointerException if dout is null
     */
    Matrix backward(Matrix dout);
}
