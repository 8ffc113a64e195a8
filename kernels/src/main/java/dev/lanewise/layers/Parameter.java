package dev.lanewise.layers;

/**
 * A trainable array and the gradient the last backward pass stored for it, of the same length.
 *
 * @param name for messages, such as "weights"
 * @param values the parameter itself (the layer's own array: updating it updates the layer)
 * @param gradient the layer's gradient buffer, overwritten by every backward
 */
public record Parameter(String name, float[] values, float[] gradient) {
    public Parameter {
        if (values.length != gradient.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values but " + gradient.length + " gradients");
        }
    }
}
