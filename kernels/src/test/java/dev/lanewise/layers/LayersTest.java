package dev.lanewise.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Small cases worked by hand in the note the layers were specified from (issue 5; the note is not
 * in this repository), with the mistakes it lists fixed, and the layers' contracts.
 */
class LayersTest {

    @Test
    void reluOnPositivesZerosNegativesAndNaN() {
        Relu relu = new Relu();
        Matrix x = Matrix.of(1, 6, 2f, 0f, -0f, -3f, Float.NaN, 0.5f);
        Matrix y = relu.forward(x);
        assertArrayEquals(new float[] {2f, 0f, 0f, 0f, Float.NaN, 0.5f}, y.data());
        assertEquals(0, Float.floatToRawIntBits(y.get(0, 2)), "-0 gives +0");
        // Reference mistake 1: backward wrote into the caller's d_out and the demo fed x back in.
        Matrix dout = Matrix.of(1, 6, 10f, 20f, 30f, 40f, 50f, 60f);
        float[] doutBefore = dout.data().clone();
        Matrix dx = relu.backward(dout);
        assertArrayEquals(new float[] {10f, 0f, 0f, 0f, 50f, 60f}, dx.data());
        assertArrayEquals(doutBefore, dout.data(), "backward must not write into dout");
    }

    @Test
    void sigmoidForwardAndBackwardByHand() {
        Sigmoid sigmoid = new Sigmoid();
        Matrix y = sigmoid.forward(Matrix.of(1, 3, 0f, 2f, -2f));
        assertEquals(0.5f, y.get(0, 0));
        assertEquals(0.880797f, y.get(0, 1), 1e-6f);
        assertEquals(0.119203f, y.get(0, 2), 1e-6f);
        Matrix dout = Matrix.of(1, 3, 1f, 2f, 0f);
        Matrix dx = sigmoid.backward(dout);
        assertEquals(0.25f, dx.get(0, 0));
        assertEquals(2 * 0.880797f * 0.119203f, dx.get(0, 1), 1e-6f);
        assertEquals(0f, dx.get(0, 2));
        assertArrayEquals(new float[] {1f, 2f, 0f}, dout.data());
    }

    @Test
    void affineOnASingleSampleWorksBothWays() {
        // Reference mistake 2: a 1-D sample broke backward; here a sample is a 1×in batch.
        Matrix w = Matrix.of(2, 3, 1f, 2f, 3f, 4f, 5f, 6f);
        float[] b = {0.5f, -1f, 0f};
        Affine affine = new Affine(w, b);
        Matrix x = Matrix.of(1, 2, 1f, 2f);
        Matrix out = affine.forward(x);
        assertArrayEquals(new float[] {1 + 8 + 0.5f, 2 + 10 - 1f, 3 + 12}, out.data());
        Matrix dout = Matrix.of(1, 3, 1f, 0f, -1f);
        Matrix dx = affine.backward(dout);
        assertEquals("1×2", dx.shape());
        assertArrayEquals(new float[] {1 - 3f, 4 - 6f}, dx.data()); // dout · Wᵀ
        assertEquals("2×3", affine.weightGradient().shape());
        assertArrayEquals(new float[] {1f, 0f, -1f, 2f, 0f, -2f}, affine.weightGradient().data()); // xᵀ · dout
        assertArrayEquals(new float[] {1f, 0f, -1f}, affine.biasGradient()); // Σ over the batch
    }

    @Test
    void biasGradientSumsOverTheBatch() {
        Affine affine = new Affine(new Matrix(2, 2), new float[2]);
        affine.forward(new Matrix(3, 2));
        affine.backward(Matrix.of(3, 2, 1f, 2f, 3f, 4f, 5f, 6f));
        assertArrayEquals(new float[] {9f, 12f}, affine.biasGradient());
    }

    @Test
    void labelsAndOneHotTargetsGiveTheSameLossAndGradient() {
        Matrix logits = Matrix.of(2, 3, 1f, 2f, 3f, 1000f, -1000f, 0f);
        SoftmaxWithLoss withLabels = new SoftmaxWithLoss();
        SoftmaxWithLoss withTargets = new SoftmaxWithLoss();
        float lossLabels = withLabels.forward(logits, new int[] {2, 1});
        float lossTargets = withTargets.forward(logits, Matrix.of(2, 3, 0f, 0f, 1f, 0f, 1f, 0f));
        assertEquals(lossLabels, lossTargets, 1e-5f * Math.abs(lossLabels));
        // Exact through log-sum-exp: row 2's label has probability e^-2000, a loss of 2000, where
        // the reference's log(y + 1e-7) would have stopped at 16.1.
        double row1 = Math.log(Math.exp(-2) + Math.exp(-1) + 1);
        assertEquals((row1 + 2000.0) / 2, lossLabels, 1e-3);
        assertArrayEquals(withTargets.backward().data(), withLabels.backward().data(), 1e-7f);
        // Per row (reference mistake 4): each row of the output sums to 1.
        Matrix p = withLabels.output();
        for (int r = 0; r < 2; r++) {
            assertEquals(1f, p.get(r, 0) + p.get(r, 1) + p.get(r, 2), 1e-6f);
        }
        // (y - t) / N with the label's 1 subtracted (reference mistake 5).
        Matrix d = withLabels.backward(2f);
        assertEquals(2f * (p.get(1, 1) - 1f) / 2, d.get(1, 1), 1e-7f);
        assertEquals(2f * p.get(1, 0) / 2, d.get(1, 0), 1e-7f);
    }

    @Test
    void backwardBeforeForwardIsAnIllegalState() {
        assertThrows(IllegalStateException.class, () -> new Relu().backward(new Matrix(1, 1)));
        assertThrows(IllegalStateException.class, () -> new Sigmoid().backward(new Matrix(1, 1)));
        assertThrows(IllegalStateException.class, () -> new Affine(new Matrix(1, 1), new float[1]).backward(new Matrix(1, 1)));
        assertThrows(IllegalStateException.class, () -> new SoftmaxWithLoss().backward());
    }

    @Test
    void shapeMismatchesNameBothShapes() {
        Affine affine = new Affine(new Matrix(3, 2), new float[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> affine.forward(new Matrix(4, 5)));
        assertTrue(e.getMessage().contains("4×5") && e.getMessage().contains("3×2"), e.getMessage());
        affine.forward(new Matrix(4, 3));
        e = assertThrows(IllegalArgumentException.class, () -> affine.backward(new Matrix(4, 3)));
        assertTrue(e.getMessage().contains("4×3") && e.getMessage().contains("4×2"), e.getMessage());
        Relu relu = new Relu();
        relu.forward(new Matrix(2, 2));
        e = assertThrows(IllegalArgumentException.class, () -> relu.backward(new Matrix(1, 4)));
        assertTrue(e.getMessage().contains("1×4") && e.getMessage().contains("2×2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Affine(new Matrix(3, 2), new float[3]));
        assertTrue(e.getMessage().contains("3×2"), e.getMessage());
        SoftmaxWithLoss head = new SoftmaxWithLoss();
        e = assertThrows(IllegalArgumentException.class, () -> head.forward(new Matrix(2, 3), new Matrix(3, 2)));
        assertTrue(e.getMessage().contains("3×2") && e.getMessage().contains("2×3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> head.forward(new Matrix(2, 3), new int[3]));
        assertThrows(IllegalArgumentException.class, () -> new Matrix(2, 2, new float[3]));
    }

    @Test
    void buffersAreReusedWhileTheBatchShapeStaysAndNewWhenItChanges() {
        Relu relu = new Relu();
        Matrix first = relu.forward(new Matrix(2, 3));
        assertSame(first, relu.forward(new Matrix(2, 3)));
        Matrix other = relu.forward(new Matrix(5, 3));
        assertEquals("5×3", other.shape());
        Affine affine = new Affine(new Matrix(3, 4), new float[4]);
        Matrix out = affine.forward(new Matrix(2, 3));
        assertSame(out, affine.forward(new Matrix(2, 3)));
    }

    @Test
    void sgdStepMovesParametersAgainstTheirGradients() {
        Matrix w = Matrix.of(1, 2, 1f, 1f);
        Affine affine = new Affine(w, new float[] {0f, 0f});
        affine.forward(Matrix.of(1, 1, 2f));
        affine.backward(Matrix.of(1, 2, 1f, -1f));
        new Sgd(0.5f).step(new Sequential(affine));
        assertArrayEquals(new float[] {1 - 0.5f * 2, 1 + 0.5f * 2}, w.data());
        assertArrayEquals(new float[] {-0.5f, 0.5f}, affine.bias());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0f));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(Float.NaN));
    }

    @Test
    void tanhSiluAndLeakyReluByHand() {
        Matrix x = Matrix.of(1, 4, 0f, 1f, -2f, -0f);
        Matrix dout = Matrix.of(1, 4, 1f, 2f, 3f, 4f);
        Tanh tanh = new Tanh();
        Matrix y = tanh.forward(x);
        assertEquals(0f, y.get(0, 0));
        assertEquals((float) Math.tanh(1), y.get(0, 1), 2e-7f);
        assertEquals((float) Math.tanh(-2), y.get(0, 2), 2e-7f);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(y.get(0, 3)));
        Matrix dx = tanh.backward(dout);
        assertEquals(1f, dx.get(0, 0));
        assertEquals(2 * (1 - Math.tanh(1) * Math.tanh(1)), dx.get(0, 1), 1e-6);

        Silu silu = new Silu();
        y = silu.forward(x);
        assertEquals(0f, y.get(0, 0));
        assertEquals((float) (1 / (1 + Math.exp(-1))), y.get(0, 1), 3e-7f);
        assertEquals((float) (-2 / (1 + Math.exp(2))), y.get(0, 2), 2e-7f);
        dx = silu.backward(dout);
        assertEquals(0.5f, dx.get(0, 0)); // silu'(0) = 1/2
        double s = 1 / (1 + Math.exp(2));
        assertEquals(3 * s * (1 - 2 * (1 - s)), dx.get(0, 2), 1e-6);

        LeakyRelu leaky = new LeakyRelu(0.25f);
        assertArrayEquals(new float[] {0f, 1f, -0.5f, -0f}, leaky.forward(x).data());
        assertArrayEquals(new float[] {0.25f, 2f, 0.75f, 1f}, leaky.backward(dout).data());
        assertEquals(0.25f, leaky.alpha());
    }

    @Test
    void geluBothFormsByHand() {
        Matrix x = Matrix.of(1, 4, 0f, 1f, -2f, -0f);
        Matrix dout = Matrix.of(1, 4, 1f, 2f, 3f, 4f);
        Gelu exact = new Gelu();
        assertEquals(Gelu.Form.EXACT, exact.form());
        Matrix y = exact.forward(x);
        assertEquals(0f, y.get(0, 0));
        assertEquals(0.8413447460685429f, y.get(0, 1), 5e-7f); // 1·Φ(1)
        assertEquals(-0.04550026389635842f, y.get(0, 2), 3e-8f); // -2·Φ(-2)
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(y.get(0, 3)));
        Matrix dx = exact.backward(dout);
        assertEquals(0.5f, dx.get(0, 0)); // Φ(0) + 0
        double density2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
        assertEquals(3 * (0.022750131948179195 - 2 * density2), dx.get(0, 2), 1e-6);

        Gelu tanhForm = new Gelu(Gelu.Form.TANH);
        assertEquals(Gelu.Form.TANH, tanhForm.form());
        y = tanhForm.forward(x);
        double k = Math.sqrt(2 / Math.PI);
        assertEquals((float) (0.5 * (1 + Math.tanh(k * (1 + 0.044715)))), y.get(0, 1), 3e-7f);
        assertEquals((float) (-1 * (1 + Math.tanh(k * (-2 - 0.044715 * 8)))), y.get(0, 2), 3e-8f);
        dx = tanhForm.backward(dout);
        assertEquals(0.5f, dx.get(0, 0));
        assertEquals(2f, dx.get(0, 3)); // at -0 the derivative is 1/2 too
        assertThrows(NullPointerException.class, () -> new Gelu(null));
    }

    @Test
    void plainSgdKeepsItsTwoRoundingsAndMomentumAddsUp() {
        float[] values = {1f, -3f};
        float[] gradient = {0.3f, 0.7f};
        Trainable model = () -> java.util.List.of(new Parameter("p", values, gradient));
        new Sgd(0.1f).step(model);
        assertArrayEquals(new float[] {1f - 0.1f * 0.3f, -3f - 0.1f * 0.7f}, values);

        float[] w = {1f};
        float[] g = {0.5f};
        java.util.List<Parameter> parameters = java.util.List.of(new Parameter("w", w, g));
        Sgd sgd = new Sgd(0.1f, 0.9f, 0.01f);
        assertEquals(0.9f, sgd.momentum());
        assertEquals(0.01f, sgd.weightDecay());
        sgd.step(() -> parameters);
        assertEquals(1 - 0.1 * 0.51, w[0], 1e-6); // velocity 0.5 + 0.01 * 1
        sgd.step(() -> parameters);
        double velocity = 0.9 * 0.51 + 0.5 + 0.01 * (1 - 0.051);
        assertEquals(1 - 0.051 - 0.1 * velocity, w[0], 1e-6);
    }

    @Test
    void adamsFirstStepMovesEachParameterByTheLearningRate() {
        float[] w = {1f, -2f, 0.5f};
        float[] g = {0.3f, -40f, 1e-3f};
        java.util.List<Parameter> parameters = java.util.List.of(new Parameter("w", w, g));
        Adam adam = new Adam(1e-3f);
        assertEquals(1e-3f, adam.learningRate());
        adam.step(() -> parameters); // bias-corrected m/sqrt(v) is g/|g| on the first step
        assertEquals(1 - 1e-3, w[0], 1e-6);
        assertEquals(-2 + 1e-3, w[1], 1e-6);
        assertEquals(0.5 - 1e-3 * 1e-3 / (1e-3 + 1e-8), w[2], 1e-6);
        float[] decayed = {1f};
        java.util.List<Parameter> single = java.util.List.of(new Parameter("d", decayed, new float[] {0f}));
        new Adam(0.1f, 0.9f, 0.999f, 1e-8f, 0.5f).step(() -> single); // no gradient: decay only
        assertEquals(1 - 0.1 * 0.5, decayed[0], 1e-6);
    }
}
