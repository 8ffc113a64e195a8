package dev.lanewise.layers;

/**
 * A trainable array and the gradient the last backward pass stored for it, of the same length.
 *
 * @param name for messages, such as "weights"
 * @param values the parameter itself (the layer's own array: updating it updates the layer)
 * @param gradient the layer's gradient buffer, overwritten by every backward
 */
public record Parameter(String name, float[] values, float[] gradient) {
    /**
     * A parameter and its gradient buffer.
     *
     * @param name for messages, such as "weights"
     * @param values the parameter itself
     * @param gradient the gradient buffer, as long as values
     * @throws IllegalArgumentException if values and gradient differ in length
     * @throws NullPointerException if an argument is null
     */
    public Parameter {
        Shapes.requireNonNull(name, "Parameter: name");
        Shapes.requireNonNull(values, "Parameter: values");
        Shapes.requireNonNull(gradient, "Parameter: gradient");
        if (values.length != gradient.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values but " + gradient.length + " gradients");
        }
    }
}
