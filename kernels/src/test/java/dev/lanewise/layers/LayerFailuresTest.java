package dev.lanewise.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad calls between good ones: every layer checks its arguments before it changes anything, so a
 * later backward gives the last good forward's gradient (or, for Sequential, refuses until the
 * next good forward); null arguments are named; one instance cannot appear twice in a network.
 */
class LayerFailuresTest {

    /** The case: a new batch size with a label out of range, between good batches. */
    @Test
    void softmaxWithLossKeepsTheLastGoodBatchWhenABadOneIsRefused() {
        SoftmaxWithLoss head = new SoftmaxWithLoss();
        Matrix goodLogits = Matrix.of(2, 3, 1f, 2f, 3f, -1f, 0.5f, 4f);
        int[] goodLabels = {0, 2};
        float goodLoss = head.forward(goodLogits, goodLabels);
        float[] goodProbabilities = head.output().data().clone();
        float[] goodGradient = head.backward().data().clone();

        Matrix newBatch = Matrix.of(4, 3, 1f, 1f, 1f, 2f, 2f, 2f, 3f, 3f, 3f, 4f, 4f, 4f);
        assertThrows(IndexOutOfBoundsException.class, () -> head.forward(newBatch, new int[] {0, 1, 5, 2}));
        assertKeeps(head, goodLoss, goodProbabilities, goodGradient, "after a label out of range");
        assertThrows(IllegalArgumentException.class, () -> head.forward(newBatch, new int[] {0, 1, 2}));
        assertKeeps(head, goodLoss, goodProbabilities, goodGradient, "after too few labels");
        assertThrows(IllegalArgumentException.class, () -> head.forward(newBatch, new Matrix(3, 3)));
        assertKeeps(head, goodLoss, goodProbabilities, goodGradient, "after targets of the wrong shape");
        Matrix ownOutput = head.output();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> head.forward(goodLogits, ownOutput));
        assertTrue(e.getMessage().contains("targets is this layer's own output()"), e.getMessage());
        assertKeeps(head, goodLoss, goodProbabilities, goodGradient, "after its own output as targets");
        assertThrows(IllegalArgumentException.class, () -> head.forward(new Matrix(0, 3), new int[0]));
        assertKeeps(head, goodLoss, goodProbabilities, goodGradient, "after a batch of no rows");
        assertNamesNull("SoftmaxWithLoss.forward: logits", () -> head.forward(null, goodLabels));
        assertNamesNull("SoftmaxWithLoss.forward: labels", () -> head.forward(goodLogits, (int[]) null));
        assertNamesNull("SoftmaxWithLoss.forward: targets", () -> head.forward(goodLogits, (Matrix) null));
        assertKeeps(head, goodLoss, goodProbabilities, goodGradient, "after null arguments");

        // the next good batch replaces everything
        float newLoss = head.forward(newBatch, new int[] {0, 1, 2, 0});
        assertEquals(4, head.output().rows());
        assertEquals((float) Math.log(3), newLoss, 1e-6f);
        assertEquals(-(2f / 3) / 4, head.backward().get(0, 0), 1e-7f);
    }

    private static void assertKeeps(SoftmaxWithLoss head, float loss, float[] probabilities, float[] gradient,
            String when) {
        assertEquals(loss, head.loss(), when + ": loss");
        assertArrayEquals(probabilities, head.output().data(), when + ": output()");
        assertArrayEquals(gradient, head.backward().data(), when + ": backward()");
    }

    @Test
    void affineKeepsItsStateWhenForwardOrBackwardIsRefused() {
        Affine affine = new Affine(Matrix.of(2, 2, 1f, 2f, 3f, 4f), new float[] {0.5f, -0.5f});
        Matrix x = Matrix.of(2, 2, 1f, 1f, 2f, -1f);
        float[] goodOutput = affine.forward(x).data().clone();
        Matrix dout = Matrix.of(2, 2, 1f, 0f, -1f, 2f);
        Gradients good = Gradients.of(affine, affine.backward(dout));

        assertNamesNull("Affine.forward: x", () -> affine.forward(null));
        assertThrows(IllegalArgumentException.class, () -> affine.forward(new Matrix(5, 3)));
        Matrix ownOutput = affine.forward(x); // x·W + b again, same buffer
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> affine.forward(ownOutput));
        assertTrue(e.getMessage().contains("own buffers"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> affine.forward(affine.weightGradient()));
        assertArrayEquals(goodOutput, ownOutput.data(), "a refused forward wrote the output");
        good.assertBackwardGivesThem(affine, dout, "after refused forwards");

        // refused backwards leave the gradients of the last good backward
        assertNamesNull("Affine.backward: dout", () -> affine.backward(null));
        assertThrows(IllegalArgumentException.class, () -> affine.backward(new Matrix(3, 2)));
        e = assertThrows(IllegalArgumentException.class, () -> affine.backward(affine.weightGradient()));
        assertTrue(e.getMessage().contains("gradient buffers"), e.getMessage());
        good.assertStillHeldBy(affine, "after refused backwards");
        // the layer's own output is a fine dout (the gradient of ½‖y‖² is y): only read
        affine.backward(affine.forward(x));
    }

    /** dx, dW and db of one backward, copied. */
    private record Gradients(float[] dx, float[] dW, float[] db, Matrix dxBuffer) {
        static Gradients of(Affine affine, Matrix dx) {
            return new Gradients(dx.data().clone(), affine.weightGradient().data().clone(),
                    affine.biasGradient().clone(), dx);
        }

        void assertStillHeldBy(Affine affine, String when) {
            assertArrayEquals(dx, dxBuffer.data(), when + ": dx");
            assertArrayEquals(dW, affine.weightGradient().data(), when + ": dW");
            assertArrayEquals(db, affine.biasGradient(), when + ": db");
        }

        void assertBackwardGivesThem(Affine affine, Matrix dout, String when) {
            assertArrayEquals(dx, affine.backward(dout).data(), when + ": dx");
            assertStillHeldBy(affine, when);
        }
    }

    @Test
    void reluAndSigmoidNameNullArgumentsAndKeepTheirState() {
        Matrix x = Matrix.of(1, 4, -1f, 2f, 0f, 3f);
        Matrix dout = Matrix.of(1, 4, 1f, 2f, 3f, 4f);
        Relu relu = new Relu();
        relu.forward(x);
        float[] reluGradient = relu.backward(dout).data().clone();
        assertNamesNull("Relu.forward: x", () -> relu.forward(null));
        assertNamesNull("Relu.backward: dout", () -> relu.backward(null));
        assertArrayEquals(reluGradient, relu.backward(dout).data());
        assertArrayEquals(new float[] {0f, 2f, 0f, 4f}, reluGradient);

        Sigmoid sigmoid = new Sigmoid();
        float[] output = sigmoid.forward(x).data().clone();
        float[] sigmoidGradient = sigmoid.backward(dout).data().clone();
        assertNamesNull("Sigmoid.forward: x", () -> sigmoid.forward(null));
        assertNamesNull("Sigmoid.backward: dout", () -> sigmoid.backward(null));
        assertThrows(IllegalArgumentException.class, () -> sigmoid.backward(new Matrix(4, 1)));
        assertArrayEquals(sigmoidGradient, sigmoid.backward(dout).data());
        assertArrayEquals(output, sigmoid.forward(x).data());
    }

    @Test
    void theNewActivationLayersNameNullArgumentsAndKeepTheirState() {
        Matrix x = Matrix.of(1, 4, -1f, 2f, 0f, 3f);
        Matrix dout = Matrix.of(1, 4, 1f, 2f, 3f, 4f);
        Layer[] layers = {new Tanh(), new Silu(), new LeakyRelu(0.1f)};
        String[] names = {"Tanh", "Silu", "LeakyRelu"};
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            IllegalStateException early = assertThrows(IllegalStateException.class, () -> layer.backward(dout));
            assertEquals(names[i] + ".backward called before forward", early.getMessage());
            float[] output = layer.forward(x).data().clone();
            float[] gradient = layer.backward(dout).data().clone();
            assertNamesNull(names[i] + ".forward: x", () -> layer.forward(null));
            assertNamesNull(names[i] + ".backward: dout", () -> layer.backward(null));
            assertThrows(IllegalArgumentException.class, () -> layer.backward(new Matrix(4, 1)));
            assertArrayEquals(gradient, layer.backward(dout).data(), names[i]);
            assertArrayEquals(output, layer.forward(x).data(), names[i]);
            // its own output fed back in: backward still sees that input, not an overwritten one
            Matrix y = layer.forward(x);
            float[] yBefore = y.data().clone();
            layer.forward(y);
            assertArrayEquals(yBefore, y.data(), names[i] + " wrote into its input");
        }
        assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(0f));
        assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(2f));
    }

    @Test
    void theGeluLayersNameNullArgumentsAndKeepTheirState() {
        Matrix x = Matrix.of(1, 4, -1f, 2f, 0f, 3f);
        Matrix dout = Matrix.of(1, 4, 1f, 2f, 3f, 4f);
        for (Gelu.Form form : Gelu.Form.values()) {
            Gelu layer = new Gelu(form);
            IllegalStateException early = assertThrows(IllegalStateException.class, () -> layer.backward(dout));
            assertEquals("Gelu.backward called before forward", early.getMessage());
            float[] output = layer.forward(x).data().clone();
            float[] gradient = layer.backward(dout).data().clone();
            assertNamesNull("Gelu.forward: x", () -> layer.forward(null));
            assertNamesNull("Gelu.backward: dout", () -> layer.backward(null));
            assertThrows(IllegalArgumentException.class, () -> layer.backward(new Matrix(4, 1)));
            assertArrayEquals(gradient, layer.backward(dout).data(), form.name());
            assertArrayEquals(output, layer.forward(x).data(), form.name());
            // its own output fed back in: backward still sees that input, not an overwritten one
            Matrix y = layer.forward(x);
            float[] yBefore = y.data().clone();
            layer.forward(y);
            assertArrayEquals(yBefore, y.data(), form + " wrote into its input");
        }
        assertNamesNull("Gelu: form", () -> new Gelu(null));
    }

    @Test
    void optimisersRefuseBadSettingsAndUpdateNothingOnABadModel() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1f, 1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1f, 0.9f, -1f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(1e-3f, 1f, 0.999f, 1e-8f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(1e-3f, 0.9f, Float.NaN, 1e-8f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(1e-3f, 0.9f, 0.999f, 0f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new Adam(1e-3f, 0.9f, 0.999f, 1e-8f, Float.NaN));
        assertNamesNull("Adam.step: model", () -> new Adam(1e-3f).step(null));
        float[] good = {1f, 2f};
        float[] goodGradient = {0.5f, 0.5f};
        float[] shared = {3f, 4f};
        java.util.List<Parameter> parameters = java.util.List.of(new Parameter("good", good, goodGradient),
                new Parameter("shared", shared, shared));
        Trainable model = () -> parameters;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(1e-3f).step(model));
        assertTrue(e.getMessage().contains("shared"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1f, 0.9f, 0f).step(model));
        assertArrayEquals(new float[] {1f, 2f}, good, "a parameter moved before the bad one was refused");
        assertArrayEquals(new float[] {3f, 4f}, shared);
    }

    /** The example: W = [[1, 2], [3, 4]] applied twice to [1 1] is [22, 32], never [22, 68]. */
    @Test
    void aLayerInstanceMayAppearOnlyOnceInANetwork() {
        Matrix w = Matrix.of(2, 2, 1f, 2f, 3f, 4f);
        Affine a = new Affine(w, new float[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sequential(a, a));
        assertTrue(e.getMessage().startsWith("layers[1] is the same Affine instance as layers[0]"), e.getMessage());
        Relu relu = new Relu();
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(a, new Sequential(relu, a)));
        assertTrue(e.getMessage().startsWith("layers[1].layers()[1] is the same Affine instance as layers[0]"),
                e.getMessage());
        Sequential inner = new Sequential(relu);
        e = assertThrows(IllegalArgumentException.class, () -> new Sequential(inner, new Sequential(inner)));
        assertTrue(e.getMessage().startsWith("layers[1].layers()[0] is the same Sequential instance as layers[0]"),
                e.getMessage());
        // and by hand, the layer's output as its own next input is refused rather than computed wrong
        Matrix once = a.forward(Matrix.of(1, 2, 1f, 1f));
        assertArrayEquals(new float[] {4f, 6f}, once.data());
        assertThrows(IllegalArgumentException.class, () -> a.forward(once));
        assertArrayEquals(new float[] {4f, 6f}, once.data());

        // tied weights: two layers over one weight matrix
        Affine b = new Affine(w, new float[2]);
        Sequential twice = new Sequential(new Affine(w, new float[2]), b);
        assertArrayEquals(new float[] {22f, 32f}, twice.forward(Matrix.of(1, 2, 1f, 1f)).data());
        assertEquals(4, twice.parameters().size());
    }

    @Test
    void sequentialRefusesBackwardAfterAForwardThatFailedMidway() {
        Affine affine = new Affine(Matrix.of(2, 1, 1f, 2f), new float[] {0f});
        Sequential net = new Sequential(affine, new RefusesBatchesOf(3));
        assertThrows(IllegalStateException.class, () -> net.backward(new Matrix(2, 1)));
        Matrix good = Matrix.of(2, 2, 1f, 1f, 2f, 2f);
        net.forward(good);
        Matrix dout = Matrix.of(2, 1, 1f, -1f);
        float[] goodGradient = net.backward(dout).data().clone();

        // a null batch is refused before any layer runs: the network is still as it was
        assertNamesNull("Sequential.forward: x", () -> net.forward(null));
        assertArrayEquals(goodGradient, net.backward(dout).data());
        // the affine layer takes the new batch, the next layer refuses it: no backward now
        assertThrows(IllegalArgumentException.class, () -> net.forward(new Matrix(3, 2)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.backward(dout));
        assertTrue(e.getMessage().contains("the last one threw"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> net.backward(new Matrix(3, 1)));
        // until a forward succeeds again
        net.forward(good);
        assertArrayEquals(goodGradient, net.backward(dout).data());
        assertNamesNull("Sequential.backward: dout", () -> net.backward(null));
    }

    /** A pass-through layer that refuses batches of one size: a failure after other layers have run. */
    private static final class RefusesBatchesOf implements Layer {
        private final int refused;

        RefusesBatchesOf(int refused) {
            this.refused = refused;
        }

        @Override
        public Matrix forward(Matrix x) {
            if (x.rows() == refused) {
                throw new IllegalArgumentException("a batch of " + refused + " rows");
            }
            return x;
        }

        @Override
        public Matrix backward(Matrix dout) {
            return dout;
        }
    }

    @Test
    void nullArgumentsElsewhereAreNamed() {
        assertNamesNull("layers", () -> new Sequential((Layer[]) null));
        assertNamesNull("layers[1]", () -> new Sequential(new Relu(), null));
        assertNamesNull("Sgd.step: model", () -> new Sgd(0.1f).step(null));
        assertNamesNull("Parameter: values", () -> new Parameter("w", null, new float[1]));
        assertNamesNull("Parameter: gradient", () -> new Parameter("w", new float[1], null));
        assertNamesNull("values", () -> Matrix.of(1, 1, (float[]) null));
        assertNamesNull("weights", () -> new Affine(null, new float[1]));
        assertNamesNull("bias", () -> new Affine(new Matrix(1, 1), null));
        Sequential empty = new Sequential(new Relu());
        assertSame(empty.parameters(), empty.parameters());
        assertEquals(List.of(), empty.parameters());
    }

    private static void assertNamesNull(String argument, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(argument + " is null", e.getMessage());
    }
}
