package dev.lanewise.layers;

import dev.lanewise.kernels.Activations;

/**
 * GELU: {@code y = x·Φ(x)} (the exact form, {@link Activations#gelu}) or its tanh approximation
 * {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))} ({@link Activations#geluTanh}), chosen by
 * the constructor; backward from the last forward input x, which the layer keeps a reference to
 * (as {@link Affine} does): it must not change before backward.
 *
 * <p>Not thread-safe. Buffers and failures as described in {@link Layer}.
 */
public final class Gelu implements Layer {

    /** Which GELU the layer computes. */
    public enum Form {
        /** {@code x·Φ(x) = 0.5·x·(1 + erf(x/√2))}. */
        EXACT,
        /** {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, as in GPT-2 and BERT's original code. */
        TANH
    }

    private final Form form;
    private Matrix input;
    private Matrix output;
    private Matrix inputGradient;

    /** An exact GELU layer; its buffers are made by the first forward. */
    public Gelu() {
        this(Form.EXACT);
    }

    /**
     * A GELU layer of the given form; its buffers are made by the first forward.
     *
     * @param form {@link Form#EXACT} or {@link Form#TANH}
     * @throws NullPointerException if form is null
     */
    public Gelu(Form form) {
        Shapes.requireNonNull(form, "Gelu: form");
        this.form = form;
    }

    /**
     * The form this layer computes.
     *
     * @return {@link Form#EXACT} or {@link Form#TANH}
     */
    public Form form() {
        return form;
    }

    @Override
    public Matrix forward(Matrix x) {
        Shapes.requireNonNull(x, "Gelu.forward: x");
        // backward reads x: never compute into it (x is this layer's own output if fed back in)
        Matrix result = Matrix.reuse(output == x ? null : output, x.rows(), x.cols());
        if (form == Form.EXACT) {
            Activations.gelu(x.data(), 0, result.data(), 0, x.rows() * x.cols());
        } else {
            Activations.geluTanh(x.data(), 0, result.data(), 0, x.rows() * x.cols());
        }
        output = result; // only once the kernel has succeeded (it checks before it writes)
        input = x;
        return output;
    }

    @Override
    public Matrix backward(Matrix dout) {
        Shapes.requireForward(output != null, "Gelu");
        Shapes.requireShape("Gelu.backward: dout", dout, input.rows(), input.cols(), "the forward output");
        Matrix result = Matrix.reuse(inputGradient, input.rows(), input.cols());
        int length = input.rows() * input.cols();
        if (form == Form.EXACT) {
            Activations.geluBackward(input.data(), 0, dout.data(), 0, result.data(), 0, length);
        } else {
            Activations.geluTanhBackward(input.data(), 0, dout.data(), 0, result.data(), 0, length);
        }
        inputGradient = result;
        return inputGradient;
    }
}
