package dev.lanewise.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** LayerNorm and RmsNorm by hand, and their contracts as layers: parameters, buffers, failures, training. */
class NormalizationLayersTest {

    @Test
    void layerNormByHand() {
        LayerNorm norm = new LayerNorm(4);
        assertArrayEquals(new float[] {1, 1, 1, 1}, norm.gamma());
        assertArrayEquals(new float[4], norm.beta());
        assertEquals(1e-5f, norm.eps());
        Matrix x = Matrix.of(2, 4, 1f, 2f, 3f, 4f, 10f, 10f, 10f, 10f);
        float[] before = x.data().clone();
        Matrix y = norm.forward(x);
        double rstd = 1 / Math.sqrt(1.25 + 1e-5); // mean 2.5, biased variance 1.25
        for (int j = 0; j < 4; j++) {
            assertEquals((j + 1 - 2.5) * rstd, y.get(0, j), 1e-6);
            assertEquals(0f, y.get(1, j), "a constant row gives beta");
        }
        assertArrayEquals(before, x.data(), "forward must not write into x");
        // dout = 1 everywhere: dx = 0 (a shift of x does not change y), dgamma = Σ_rows x̂, dbeta = rows
        Matrix dout = Matrix.of(2, 4, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f);
        Matrix dx = norm.backward(dout);
        for (float v : dx.data()) {
            assertEquals(0f, v, 1e-6f);
        }
        assertArrayEquals(new float[] {2f, 2f, 2f, 2f}, norm.betaGradient());
        for (int j = 0; j < 4; j++) {
            assertEquals(y.get(0, j), norm.gammaGradient()[j], 1e-6f); // row 1's x̂ is 0
        }
        // dgamma and dbeta are overwritten, not accumulated
        norm.backward(dout);
        assertArrayEquals(new float[] {2f, 2f, 2f, 2f}, norm.betaGradient());
        // dout along x̂ of row 0: dgamma[j] = x̂[j]
        Matrix along = Matrix.of(2, 4, y.get(0, 0), y.get(0, 1), y.get(0, 2), y.get(0, 3), 0f, 0f, 0f, 0f);
        norm.backward(along);
        for (int j = 0; j < 4; j++) {
            assertEquals(y.get(0, j) * y.get(0, j), norm.gammaGradient()[j], 1e-6f);
        }
    }

    @Test
    void rmsNormByHand() {
        RmsNorm norm = new RmsNorm(new float[] {2f, 1f, 0.5f}, 1e-6f);
        Matrix x = Matrix.of(1, 3, 3f, 0f, -4f);
        Matrix y = norm.forward(x);
        double rms = Math.sqrt(25.0 / 3 + 1e-6);
        assertEquals(2 * 3 / rms, y.get(0, 0), 1e-6);
        assertEquals(0f, y.get(0, 1));
        assertEquals(0.5 * -4 / rms, y.get(0, 2), 1e-6);
        Matrix dx = norm.backward(Matrix.of(1, 3, 1f, 0f, 0f));
        // d(2 x0 / rms)/dx_j = 2 (δ0j / rms - x0 x_j / (3 rms³))
        double r3 = rms * rms * rms;
        assertEquals(2 * (1 / rms - 9 / (3 * r3)), dx.get(0, 0), 1e-6);
        assertEquals(0, dx.get(0, 1), 1e-7);
        assertEquals(2 * (12 / (3 * r3)), dx.get(0, 2), 1e-6);
        assertEquals(3 / rms, norm.gammaGradient()[0], 1e-6);
        assertEquals(0f, norm.gammaGradient()[1]);
        assertEquals(List.of("gamma"), norm.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void parametersAreTheLayersOwnArraysAndOptimisersMoveThem() {
        LayerNorm layerNorm = new LayerNorm(3);
        RmsNorm rmsNorm = new RmsNorm(3);
        List<Parameter> parameters = layerNorm.parameters();
        assertEquals(List.of("gamma", "beta"), parameters.stream().map(Parameter::name).toList());
        assertSame(layerNorm.gamma(), parameters.get(0).values());
        assertSame(layerNorm.gammaGradient(), parameters.get(0).gradient());
        assertSame(layerNorm.beta(), parameters.get(1).values());
        assertSame(layerNorm.betaGradient(), parameters.get(1).gradient());
        assertSame(rmsNorm.gamma(), rmsNorm.parameters().get(0).values());
        Sequential net = new Sequential(layerNorm, rmsNorm);
        assertEquals(3, net.parameters().size());
        Matrix x = Matrix.of(2, 3, 1f, 2f, 4f, -1f, 0f, 3f);
        Matrix dout = Matrix.of(2, 3, 0.5f, -1f, 0.25f, 1f, 1f, -2f);
        net.forward(x);
        net.backward(dout);
        float[] gammaBefore = layerNorm.gamma().clone();
        float[] betaBefore = layerNorm.beta().clone();
        float[] rmsGammaBefore = rmsNorm.gamma().clone();
        new Sgd(0.1f).step(net);
        for (int j = 0; j < 3; j++) {
            assertEquals(gammaBefore[j] - 0.1f * layerNorm.gammaGradient()[j], layerNorm.gamma()[j], 1e-7f);
            assertEquals(betaBefore[j] - 0.1f * layerNorm.betaGradient()[j], layerNorm.beta()[j], 1e-7f);
            assertEquals(rmsGammaBefore[j] - 0.1f * rmsNorm.gammaGradient()[j], rmsNorm.gamma()[j], 1e-7f);
        }
        net.forward(x);
        net.backward(dout);
        betaBefore = layerNorm.beta().clone();
        new Adam(1e-2f).step(net); // Adam's first step moves each parameter with a gradient by about lr
        for (int j = 0; j < 3; j++) {
            float g = layerNorm.betaGradient()[j];
            if (Math.abs(g) > 1e-3) {
                assertEquals(betaBefore[j] - Math.signum(g) * 1e-2f, layerNorm.beta()[j], 1e-4f);
            }
        }
    }

    @Test
    void buffersAndArgumentsFollowTheLayerContract() {
        LayerNorm norm = new LayerNorm(3);
        assertThrows(IllegalStateException.class, () -> norm.backward(new Matrix(1, 3)));
        assertThrows(IllegalStateException.class, () -> new RmsNorm(3).backward(new Matrix(1, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> norm.forward(new Matrix(2, 4)));
        assertTrue(e.getMessage().contains("2×4") && e.getMessage().contains("3 features"), e.getMessage());
        assertThrows(NullPointerException.class, () -> norm.forward(null));
        Matrix x = Matrix.of(2, 3, 1f, 2f, 4f, -1f, 0f, 3f);
        Matrix out = norm.forward(x);
        assertSame(out, norm.forward(x), "the output buffer is reused while the batch shape stays");
        Matrix again = norm.forward(out); // its own output as input: computed into a new buffer
        assertNotSame(out, again);
        e = assertThrows(IllegalArgumentException.class, () -> norm.backward(new Matrix(3, 3)));
        assertTrue(e.getMessage().contains("3×3") && e.getMessage().contains("2×3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> norm.backward(new Matrix(1, 3, norm.betaGradient())));
        Matrix dout = Matrix.of(2, 3, 1f, 0f, -1f, 2f, 0.5f, 0f);
        float[] doutBefore = dout.data().clone();
        Matrix dx = norm.backward(dout);
        assertArrayEquals(doutBefore, dout.data(), "backward must not write into dout");
        Matrix dx2 = norm.backward(dx); // its own gradient as dout: not overwritten
        assertNotSame(dx, dx2);
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(0));
        assertThrows(IllegalArgumentException.class, () -> new RmsNorm(-1));
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new float[2], new float[3], 1e-5f));
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new float[2], new float[2], 0f));
        assertThrows(IllegalArgumentException.class, () -> new RmsNorm(new float[2], Float.NaN));
        float[] shared = new float[2];
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(shared, shared, 1e-5f));
        assertThrows(NullPointerException.class, () -> new RmsNorm(null, 1e-5f));
    }
}
