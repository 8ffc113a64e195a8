package dev.lanewise.layers;

import java.util.List;

/** A layer with parameters that an optimiser such as {@link Sgd} updates from their gradients. */
public interface Trainable {

    /**
     * The parameters with their gradient buffers.
     *
     * @return the same list of the same objects on every call
     */
    List<Parameter> parameters();
}
