package dev.lanewise.kernels;

import static dev.lanewise.kernels.TestData.SENTINEL;
import static dev.lanewise.kernels.TestData.assertUntouchedOutside;
import static dev.lanewise.kernels.TestData.placed;
import static dev.lanewise.kernels.TestData.same;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.NormalizationKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layer and RMS normalisation of every implementation against a double-precision oracle with the
 * bounds the public javadoc promises, over every row width up to 4 × lanes + 3, primes, wide rows
 * (to 40000), nonzero offsets, rows far from zero (1e4 + noise), in-place calls and the special
 * values; the backward against the oracle's formulas and against central differences of the
 * double forward; the same bits from every implementation; and the public API's argument and
 * overlap checks, which must throw before anything is written.
 */
class NormalizationTest {

    static List<KernelProvider> implementations() {
        return Implementations.all();
    }

    private static final double U = 0x1p-23;
    private static final float EPS = 1e-5f;
    private static final int[] WIDE_COLS = {127, 257, 509, 1000, 1031, 4099, 32000, 40009};

    /** Every width 1 ... 4 × lanes + 3, then primes and wide rows. */
    static int[] widths() {
        int narrow = 4 * Implementations.lanes() + 3;
        int[] cols = new int[narrow + WIDE_COLS.length];
        for (int i = 0; i < narrow; i++) {
            cols[i] = i + 1;
        }
        System.arraycopy(WIDE_COLS, 0, cols, narrow, WIDE_COLS.length);
        return cols;
    }

    /** Values {@code center ± spread} (uniform), as a row of activations has them. */
    static float[] values(int length, long seed, double center, double spread) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) (center + (random.nextDouble() * 2 - 1) * spread);
        }
        return v;
    }

    // ---- the double-precision oracle

    /** {μ, σ²} of the row, exactly enough (two passes in double). */
    static double[] moments(float[] x, int from, int cols) {
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            sum += x[from + j];
        }
        double mu = sum / cols;
        double squares = 0;
        for (int j = 0; j < cols; j++) {
            double d = x[from + j] - mu;
            squares += d * d;
        }
        return new double[] {mu, squares / cols};
    }

    /** Checks y, mean and rstd of a layer norm against the promise; returns the worst error in bound units. */
    static double assertLayerNorm(float[] x, int xOffset, float[] gamma, int gOffset, float[] beta, int bOffset,
            float[] y, int yOffset, float[] mean, int meanOffset, float[] rstd, int rstdOffset, int rows, int cols,
            float eps, String where) {
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * cols;
            double[] m = moments(x, xi, cols);
            double mu = m[0];
            double s = Math.sqrt(m[1] + eps);
            double spread = 0;
            for (int j = 0; j < cols; j++) {
                spread += Math.abs((double) x[xi + j] - x[xi]);
            }
            double e = U * (16 * spread / cols + Math.abs(mu)) / s;
            String row = where + " row " + r;
            if (!(Math.abs(mean[meanOffset + r] - mu) <= e * s)) {
                fail(row + ": mean " + mean[meanOffset + r] + ", exact " + mu + ", bound " + e * s);
            }
            if (!(Math.abs(rstd[rstdOffset + r] - 1 / s) <= (16 * U + e * e) / s)) {
                fail(row + ": rstd " + rstd[rstdOffset + r] + ", exact " + 1 / s + ", error "
                        + Math.abs(rstd[rstdOffset + r] - 1 / s) * s / U + " u relative");
            }
            for (int j = 0; j < cols; j++) {
                double xhat = (x[xi + j] - mu) / s;
                double g = gamma[gOffset + j];
                double exact = g * xhat + beta[bOffset + j];
                double bound = U * Math.abs(exact) + Math.abs(g) * (e + Math.abs(xhat) * (16 * U + e * e));
                float actual = y[yOffset + r * cols + j];
                double error = Math.abs(actual - exact);
                worst = Math.max(worst, error / (bound + Double.MIN_VALUE));
                if (!(error <= bound)) {
                    fail(row + " col " + j + ": y " + actual + ", exact " + exact + ", error " + error + ", bound "
                            + bound + " (xhat " + xhat + ", E " + e + ")");
                }
            }
        }
        return worst;
    }

    static double assertRmsNorm(float[] x, int xOffset, float[] gamma, int gOffset, float[] y, int yOffset,
            float[] rstd, int rstdOffset, int rows, int cols, float eps, String where) {
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * cols;
            double squares = 0;
            for (int j = 0; j < cols; j++) {
                squares += (double) x[xi + j] * x[xi + j];
            }
            double s = Math.sqrt(squares / cols + eps);
            if (!(Math.abs(rstd[rstdOffset + r] - 1 / s) <= 8 * U / s)) {
                fail(where + " row " + r + ": rstd " + rstd[rstdOffset + r] + ", exact " + 1 / s);
            }
            for (int j = 0; j < cols; j++) {
                double exact = x[xi + j] * (double) gamma[gOffset + j] / s;
                float actual = y[yOffset + r * cols + j];
                double bound = 8 * U * Math.abs(exact);
                worst = Math.max(worst, Math.abs(actual - exact) / (8 * U * Math.abs(exact) + Double.MIN_VALUE));
                if (!(Math.abs(actual - exact) <= bound)) {
                    fail(where + " row " + r + " col " + j + ": y " + actual + ", exact " + exact + ", error "
                            + Math.abs(actual - exact) / (U * Math.abs(exact)) + " u relative");
                }
            }
        }
        return worst;
    }

    /**
     * The backward against its formulas evaluated in double on the float arguments; {@code mean}
     * null for RMS. Returns the worst dx error in bound units.
     */
    static double assertBackward(float[] x, float[] dy, float[] gamma, float[] mean, float[] rstd, float[] dx,
            float[] dgamma, float[] dbeta, int rows, int cols, String where) {
        double[] dgammaExact = new double[cols];
        double[] dgammaMagnitude = new double[cols];
        double[] dbetaExact = new double[cols];
        double[] dbetaMagnitude = new double[cols];
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            double rs = rstd[r];
            double[] xhat = new double[cols];
            double[] g = new double[cols];
            double mg = 0;
            double mgx = 0;
            double mgAbs = 0;
            double mgxAbs = 0;
            for (int j = 0; j < cols; j++) {
                int k = r * cols + j;
                xhat[j] = (x[k] - (mean == null ? 0 : (double) mean[r])) * rs;
                g[j] = (double) dy[k] * gamma[j];
                mg += g[j] / cols;
                mgx += g[j] * xhat[j] / cols;
                mgAbs += Math.abs(g[j]) / cols;
                mgxAbs += Math.abs(g[j] * xhat[j]) / cols;
                dgammaExact[j] += dy[k] * xhat[j];
                dgammaMagnitude[j] += Math.abs(dy[k] * xhat[j]);
                dbetaExact[j] += dy[k];
                dbetaMagnitude[j] += Math.abs(dy[k]);
            }
            for (int j = 0; j < cols; j++) {
                double exact = rs * (g[j] - (mean == null ? 0 : mg) - xhat[j] * mgx);
                double bound = 16 * U * rs * (Math.abs(g[j]) + (mean == null ? 0 : mgAbs) + Math.abs(xhat[j]) * mgxAbs)
                        + Double.MIN_VALUE;
                double error = Math.abs(dx[r * cols + j] - exact);
                worst = Math.max(worst, error / bound);
                if (!(error <= bound)) {
                    fail(where + " row " + r + " col " + j + ": dx " + dx[r * cols + j] + ", exact " + exact
                            + ", error " + error / bound + " bounds");
                }
            }
        }
        for (int j = 0; j < cols; j++) {
            if (!(Math.abs(dgamma[j] - dgammaExact[j]) <= (rows + 2) * U * dgammaMagnitude[j])) {
                fail(where + " dgamma " + j + ": " + dgamma[j] + ", exact " + dgammaExact[j]);
            }
            if (dbeta != null && !(Math.abs(dbeta[j] - dbetaExact[j]) <= rows * U * dbetaMagnitude[j])) {
                fail(where + " dbeta " + j + ": " + dbeta[j] + ", exact " + dbetaExact[j]);
            }
        }
        return worst;
    }

    // ---- forward

    /** center, spread: ordinary activations, wide ones, rows far from zero, a tiny spread. */
    private static final double[][] SCALES = {{0, 1}, {-50, 50}, {1e4, 1}, {-1e4, 10}, {3, 1e-3}, {1e4, 0.05}};

    @ParameterizedTest
    @MethodSource("implementations")
    void layerNormMeetsItsPromiseOnEveryWidthOffsetAndScale(KernelProvider provider) {
        NormalizationKernels kernels = provider.normalization();
        double worst = 0;
        for (int cols : widths()) {
            int rows = cols >= 4000 ? 2 : 3;
            for (double[] scale : SCALES) {
                int xOffset = cols % 3;
                int yOffset = cols % 2 == 0 ? 0 : 5;
                float[] x = placed(values(rows * cols, cols * 31L + (long) scale[0], scale[0], scale[1]), xOffset);
                float[] gamma = placed(values(cols, cols, 1, 1), 2);
                float[] beta = placed(values(cols, cols + 1, 0, 1), 1);
                float[] y = TestData.filled(yOffset + rows * cols + 4);
                float[] mean = TestData.filled(rows + 3);
                float[] rstd = TestData.filled(rows + 1);
                String where = provider.name() + " layerNorm cols " + cols + " x " + scale[0] + " ± " + scale[1];
                kernels.layerNorm(x, xOffset, gamma, 2, beta, 1, y, yOffset, mean, 3, rstd, 0, rows, cols, EPS);
                worst = Math.max(worst, assertLayerNorm(x, xOffset, gamma, 2, beta, 1, y, yOffset, mean, 3, rstd, 0,
                        rows, cols, EPS, where));
                assertUntouchedOutside(y, yOffset, rows * cols, where);
                assertUntouchedOutside(mean, 3, rows, where + " mean");
                assertUntouchedOutside(rstd, 0, rows, where + " rstd");
                assertUntouchedOutside(x, xOffset, rows * cols, where + " input");
            }
        }
        System.out.println(provider.name() + " layerNorm worst error " + worst + " of the bound");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void rmsNormMeetsItsPromiseOnEveryWidthOffsetAndScale(KernelProvider provider) {
        NormalizationKernels kernels = provider.normalization();
        double worst = 0;
        for (int cols : widths()) {
            int rows = cols >= 4000 ? 2 : 3;
            for (double[] scale : SCALES) {
                float[] x = placed(values(rows * cols, cols * 17L + (long) scale[0], scale[0], scale[1]), 1);
                float[] gamma = placed(values(cols, cols + 2, 0.5, 1), 3);
                float[] y = TestData.filled(rows * cols + 2);
                float[] rstd = TestData.filled(rows + 2);
                String where = provider.name() + " rmsNorm cols " + cols + " x " + scale[0] + " ± " + scale[1];
                kernels.rmsNorm(x, 1, gamma, 3, y, 2, rstd, 1, rows, cols, 1e-6f);
                worst = Math.max(worst, assertRmsNorm(x, 1, gamma, 3, y, 2, rstd, 1, rows, cols, 1e-6f, where));
                assertUntouchedOutside(y, 2, rows * cols, where);
                assertUntouchedOutside(rstd, 1, rows, where + " rstd");
            }
        }
        System.out.println(provider.name() + " rmsNorm worst error " + worst + " of the bound");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void largeOffsetsKeepTheirSmallSpread(KernelProvider provider) {
        // 1e4 + noise of 0.1: E[x²] - E[x]² would cancel 1e8 against 1e8 and lose every digit of the
        // variance 3e-3; two passes keep it. The normalised row must come out with mean 0 and
        // variance 1 up to E, the float rounding of the mean (about 2^-24 · 1e4) over the spread.
        NormalizationKernels kernels = provider.normalization();
        for (int cols : new int[] {8, 100, 1031, 32000}) {
            float[] x = values(cols, cols, 1e4, 0.1);
            float[] y = new float[cols];
            float[] ones = new float[cols];
            Arrays.fill(ones, 1f);
            float[] stats = new float[2];
            kernels.layerNorm(x, 0, ones, 0, new float[cols], 0, y, 0, stats, 0, stats, 1, 1, cols, 1e-12f);
            double[] exact = moments(x, 0, cols);
            double e = U * (16 * 0.1 + Math.abs(exact[0])) / Math.sqrt(exact[1]);
            assertTrue(e < 0.03, "E " + e);
            double[] m = moments(y, 0, cols);
            String where = provider.name() + " cols " + cols;
            assertEquals(0, m[0], e, where + ": mean of the normalised row");
            assertEquals(1, m[1], 3 * e, where + ": variance of the normalised row");
        }
    }

    // ---- special values

    @ParameterizedTest
    @MethodSource("implementations")
    void specialRows(KernelProvider provider) {
        NormalizationKernels kernels = provider.normalization();
        int lanes = Implementations.lanes();
        for (int cols : new int[] {1, 2, 3, lanes, 2 * lanes + 3, 4 * lanes + 3, 1000, 32000}) {
            for (int position : new int[] {0, cols / 2, cols - 1}) {
                // rows: NaN, +Inf, -Inf, a constant 0.1 (inexact in binary: its sum is not exact), zeros
                int rows = 5;
                float[] x = values(rows * cols, cols + position, 0, 3);
                x[position] = Float.NaN;
                x[cols + position] = Float.POSITIVE_INFINITY;
                x[2 * cols + position] = Float.NEGATIVE_INFINITY;
                Arrays.fill(x, 3 * cols, 4 * cols, 0.1f);
                Arrays.fill(x, 4 * cols, 5 * cols, 0f);
                float[] gamma = values(cols, 5, 1, 1);
                float[] beta = values(cols, 6, 0, 1);
                float[] y = new float[x.length];
                float[] mean = new float[rows];
                float[] rstd = new float[rows];
                String where = provider.name() + " cols " + cols + " special at " + position;
                kernels.layerNorm(x, 0, gamma, 0, beta, 0, y, 0, mean, 0, rstd, 0, rows, cols, EPS);
                for (int r = 0; r < 3; r++) {
                    for (int j = 0; j < cols; j++) {
                        assertTrue(Float.isNaN(y[r * cols + j]), where + ": layerNorm row " + r + " col " + j + " is "
                                + y[r * cols + j]);
                    }
                    assertTrue(Float.isNaN(rstd[r]), where + ": rstd of row " + r);
                }
                for (int r = 3; r < 5; r++) {
                    assertEquals(r == 3 ? 0.1f : 0f, mean[r], where + ": constant row's mean");
                    assertEquals((float) (1 / Math.sqrt(EPS)), rstd[r], where + ": constant row's rstd");
                    for (int j = 0; j < cols; j++) {
                        assertEquals(beta[j], y[r * cols + j], where + ": constant row " + r + " gives beta");
                    }
                }
                kernels.rmsNorm(x, 0, gamma, 0, y, 0, rstd, 0, rows, cols, EPS);
                for (int r = 0; r < 3; r++) {
                    for (int j = 0; j < cols; j++) {
                        assertTrue(Float.isNaN(y[r * cols + j]) || (r > 0 && j != position && y[r * cols + j] == 0),
                                where + ": rmsNorm row " + r + " col " + j + " is " + y[r * cols + j]);
                    }
                    assertTrue(Float.isNaN(rstd[r]) || (r > 0 && rstd[r] == 0), where + ": rms rstd of row " + r);
                }
                for (int j = 0; j < cols; j++) {
                    assertEquals(0f, y[4 * cols + j], where + ": rmsNorm of zeros");
                }
            }
        }
    }

    // ---- backward

    @ParameterizedTest
    @MethodSource("implementations")
    void backwardsAreWithinTheirBounds(KernelProvider provider) {
        NormalizationKernels kernels = provider.normalization();
        double worstLayer = 0;
        double worstRms = 0;
        for (int cols : widths()) {
            int rows = cols >= 4000 ? 2 : 5;
            for (double[] scale : new double[][] {{0, 1}, {1e4, 1}}) {
                float[] x = values(rows * cols, cols * 7L, scale[0], scale[1]);
                float[] gamma = values(cols, cols + 3, 1, 1);
                float[] beta = values(cols, cols + 4, 0, 1);
                float[] dy = values(rows * cols, cols + 5, 0, 1);
                float[] y = new float[rows * cols];
                float[] mean = new float[rows];
                float[] rstd = new float[rows];
                kernels.layerNorm(x, 0, gamma, 0, beta, 0, y, 0, mean, 0, rstd, 0, rows, cols, EPS);
                int offset = cols % 4;
                float[] dx = TestData.filled(offset + rows * cols + 1);
                float[] dgamma = TestData.filled(cols + 2);
                float[] dbeta = TestData.filled(cols + 3);
                String where = provider.name() + " layerNormBackward cols " + cols + " x " + scale[0];
                kernels.layerNormBackward(placed(x, 1), 1, placed(dy, 2), 2, placed(gamma, 3), 3, placed(mean, 1), 1,
                        placed(rstd, 2), 2, dx, offset, dgamma, 2, dbeta, 3, rows, cols);
                assertUntouchedOutside(dx, offset, rows * cols, where);
                assertUntouchedOutside(dgamma, 2, cols, where + " dgamma");
                assertUntouchedOutside(dbeta, 3, cols, where + " dbeta");
                worstLayer = Math.max(worstLayer, assertBackward(x, dy, gamma, mean, rstd,
                        Arrays.copyOfRange(dx, offset, offset + rows * cols), Arrays.copyOfRange(dgamma, 2, 2 + cols),
                        Arrays.copyOfRange(dbeta, 3, 3 + cols), rows, cols, where));

                kernels.rmsNorm(x, 0, gamma, 0, y, 0, rstd, 0, rows, cols, EPS);
                dx = TestData.filled(rows * cols + offset);
                dgamma = TestData.filled(cols + 1);
                where = provider.name() + " rmsNormBackward cols " + cols + " x " + scale[0];
                kernels.rmsNormBackward(placed(x, 2), 2, dy, 0, gamma, 0, placed(rstd, 1), 1, dx, 0, dgamma, 1, rows,
                        cols);
                assertUntouchedOutside(dx, 0, rows * cols, where);
                assertUntouchedOutside(dgamma, 1, cols, where + " dgamma");
                worstRms = Math.max(worstRms, assertBackward(x, dy, gamma, null, rstd, dx,
                        Arrays.copyOfRange(dgamma, 1, 1 + cols), null, rows, cols, where));
            }
        }
        System.out.println(provider.name() + " backward worst dx error: layer " + worstLayer + ", rms " + worstRms
                + " of the bound");
    }

    /**
     * The backward is the derivative of the forward: for the loss {@code L = Σ dy · y}, with y the
     * forward computed in double, central differences of L in double (step 1e-4: truncation about
     * 1e-9, rounding about 1e-12) against the float backward, for every input, gamma and beta.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    void backwardsMatchCentralDifferencesOfTheForward(KernelProvider provider) {
        NormalizationKernels kernels = provider.normalization();
        List<String> failures = new ArrayList<>();
        for (int cols : new int[] {1, 2, 5, 17, 40}) {
            int rows = 3;
            float[] x = values(rows * cols, cols, 0.5, 1.5);
            float[] gamma = values(cols, cols + 1, 1, 0.5);
            float[] beta = values(cols, cols + 2, 0, 1);
            float[] dy = values(rows * cols, cols + 3, 0, 1);
            float[] y = new float[rows * cols];
            float[] mean = new float[rows];
            float[] rstd = new float[rows];
            float[] dx = new float[rows * cols];
            float[] dgamma = new float[cols];
            float[] dbeta = new float[cols];
            for (boolean rms : new boolean[] {false, true}) {
                String where = provider.name() + (rms ? " rms" : " layer") + " cols " + cols;
                if (rms) {
                    kernels.rmsNorm(x, 0, gamma, 0, y, 0, rstd, 0, rows, cols, EPS);
                    kernels.rmsNormBackward(x, 0, dy, 0, gamma, 0, rstd, 0, dx, 0, dgamma, 0, rows, cols);
                } else {
                    kernels.layerNorm(x, 0, gamma, 0, beta, 0, y, 0, mean, 0, rstd, 0, rows, cols, EPS);
                    kernels.layerNormBackward(x, 0, dy, 0, gamma, 0, mean, 0, rstd, 0, dx, 0, dgamma, 0, dbeta, 0,
                            rows, cols);
                }
                double[] xd = toDouble(x);
                double[] gd = toDouble(gamma);
                double[] bd = toDouble(beta);
                double[][] variables = rms ? new double[][] {xd, gd} : new double[][] {xd, gd, bd};
                float[][] analytic = rms ? new float[][] {dx, dgamma} : new float[][] {dx, dgamma, dbeta};
                String[] names = {"x", "gamma", "beta"};
                for (int v = 0; v < variables.length; v++) {
                    double[] variable = variables[v];
                    for (int i = 0; i < variable.length; i++) {
                        double saved = variable[i];
                        double h = 1e-4;
                        variable[i] = saved + h;
                        double plus = loss(xd, gd, bd, dy, rows, cols, rms);
                        variable[i] = saved - h;
                        double minus = loss(xd, gd, bd, dy, rows, cols, rms);
                        variable[i] = saved;
                        double numeric = (plus - minus) / (2 * h);
                        if (!(Math.abs(numeric - analytic[v][i]) <= 1e-5 + 1e-5 * Math.abs(numeric))) {
                            failures.add(where + " d" + names[v] + "[" + i + "]: backward " + analytic[v][i]
                                    + ", central difference " + numeric);
                        }
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " gradients off:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }

    /** {@code Σ dy · forward(x)} with the forward in double. */
    private static double loss(double[] x, double[] gamma, double[] beta, float[] dy, int rows, int cols,
            boolean rms) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double mu = 0;
            double square = 0;
            for (int j = 0; j < cols; j++) {
                mu += x[r * cols + j] / cols;
            }
            for (int j = 0; j < cols; j++) {
                double d = x[r * cols + j] - (rms ? 0 : mu);
                square += d * d / cols;
            }
            double rs = 1 / Math.sqrt(square + EPS);
            for (int j = 0; j < cols; j++) {
                double y = (x[r * cols + j] - (rms ? 0 : mu)) * rs * gamma[j] + (rms ? 0 : beta[j]);
                total += dy[r * cols + j] * y;
            }
        }
        return total;
    }

    private static double[] toDouble(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    // ---- the same bits everywhere

    /**
     * Every implementation gives the scalar reference's bits (the golden digests check the same
     * across widths, JDKs and flags; this names the first differing element).
     */
    @Test
    void everyImplementationGivesTheScalarBits() {
        List<KernelProvider> providers = Implementations.all();
        for (int cols : widths()) {
            int rows = cols >= 4000 ? 2 : 4;
            float[] x = values(rows * cols, cols, cols % 2 == 0 ? 0 : 1e4, 2);
            float[] gamma = values(cols, cols + 1, 1, 1);
            float[] beta = values(cols, cols + 2, 0, 1);
            float[] dy = values(rows * cols, cols + 3, 0, 1);
            float[][] expected = null;
            for (KernelProvider provider : providers) {
                NormalizationKernels kernels = provider.normalization();
                float[] y = new float[rows * cols];
                float[] mean = new float[rows];
                float[] rstd = new float[rows];
                float[] dx = new float[rows * cols];
                float[] dgamma = new float[cols];
                float[] dbeta = new float[cols];
                kernels.layerNorm(x, 0, gamma, 0, beta, 0, y, 0, mean, 0, rstd, 0, rows, cols, EPS);
                kernels.layerNormBackward(x, 0, dy, 0, gamma, 0, mean, 0, rstd, 0, dx, 0, dgamma, 0, dbeta, 0, rows,
                        cols);
                float[] rmsY = new float[rows * cols];
                float[] rmsRstd = new float[rows];
                float[] rmsDx = new float[rows * cols];
                float[] rmsDgamma = new float[cols];
                kernels.rmsNorm(x, 0, gamma, 0, rmsY, 0, rmsRstd, 0, rows, cols, EPS);
                kernels.rmsNormBackward(x, 0, dy, 0, gamma, 0, rmsRstd, 0, rmsDx, 0, rmsDgamma, 0, rows, cols);
                float[][] actual = {y, mean, rstd, dx, dgamma, dbeta, rmsY, rmsRstd, rmsDx, rmsDgamma};
                if (expected == null) {
                    expected = actual;
                    continue;
                }
                String[] names = {"y", "mean", "rstd", "dx", "dgamma", "dbeta", "rms y", "rms rstd", "rms dx",
                    "rms dgamma"};
                for (int a = 0; a < actual.length; a++) {
                    for (int i = 0; i < actual[a].length; i++) {
                        if (Float.floatToRawIntBits(actual[a][i]) != Float.floatToRawIntBits(expected[a][i])) {
                            fail(provider.name() + " cols " + cols + ": " + names[a] + "[" + i + "] is " + actual[a][i]
                                    + ", the scalar reference's " + expected[a][i]);
                        }
                    }
                }
            }
        }
    }

    // ---- in place

    @ParameterizedTest
    @MethodSource("implementations")
    void inPlaceCallsGiveTheSameResultsAsOutOfPlace(KernelProvider provider) {
        NormalizationKernels kernels = provider.normalization();
        for (int cols : new int[] {3, 3 * Implementations.lanes() + 5, 1031}) {
            int rows = 4;
            int size = rows * cols;
            int offset = 2;
            float[] x = values(size, cols, 1, 2);
            float[] gamma = values(cols, 1, 1, 1);
            float[] beta = values(cols, 2, 0, 1);
            float[] dy = values(size, 3, 0, 1);
            String name = provider.name() + " cols " + cols;
            float[] mean = new float[rows];
            float[] rstd = new float[rows];

            float[] expected = new float[size];
            kernels.layerNorm(x, 0, gamma, 0, beta, 0, expected, 0, mean, 0, rstd, 0, rows, cols, EPS);
            float[] inPlace = placed(x, offset);
            kernels.layerNorm(inPlace, offset, gamma, 0, beta, 0, inPlace, offset, new float[rows], 0,
                    new float[rows], 0, rows, cols, EPS);
            assertSameSegment(expected, inPlace, offset, name + " layerNorm in place");

            float[] dgamma = new float[cols];
            float[] dbeta = new float[cols];
            kernels.layerNormBackward(x, 0, dy, 0, gamma, 0, mean, 0, rstd, 0, expected, 0, dgamma, 0, dbeta, 0, rows,
                    cols);
            inPlace = placed(dy, offset);
            float[] dgammaInPlace = new float[cols];
            float[] dbetaInPlace = new float[cols];
            kernels.layerNormBackward(x, 0, inPlace, offset, gamma, 0, mean, 0, rstd, 0, inPlace, offset, dgammaInPlace,
                    0, dbetaInPlace, 0, rows, cols);
            assertSameSegment(expected, inPlace, offset, name + " layerNormBackward dx = dy");
            assertTrue(Arrays.equals(dgamma, dgammaInPlace) && Arrays.equals(dbeta, dbetaInPlace), name + " dgamma");
            inPlace = placed(x, offset);
            kernels.layerNormBackward(inPlace, offset, dy, 0, gamma, 0, mean, 0, rstd, 0, inPlace, offset,
                    dgammaInPlace, 0, dbetaInPlace, 0, rows, cols);
            assertSameSegment(expected, inPlace, offset, name + " layerNormBackward dx = x");
            assertTrue(Arrays.equals(dgamma, dgammaInPlace) && Arrays.equals(dbeta, dbetaInPlace), name + " dgamma");

            kernels.rmsNorm(x, 0, gamma, 0, expected, 0, rstd, 0, rows, cols, EPS);
            inPlace = placed(x, offset);
            kernels.rmsNorm(inPlace, offset, gamma, 0, inPlace, offset, new float[rows], 0, rows, cols, EPS);
            assertSameSegment(expected, inPlace, offset, name + " rmsNorm in place");
            kernels.rmsNormBackward(x, 0, dy, 0, gamma, 0, rstd, 0, expected, 0, dgamma, 0, rows, cols);
            inPlace = placed(dy, offset);
            kernels.rmsNormBackward(x, 0, inPlace, offset, gamma, 0, rstd, 0, inPlace, offset, dgammaInPlace, 0, rows,
                    cols);
            assertSameSegment(expected, inPlace, offset, name + " rmsNormBackward dx = dy");
            inPlace = placed(x, offset);
            kernels.rmsNormBackward(inPlace, offset, dy, 0, gamma, 0, rstd, 0, inPlace, offset, dgammaInPlace, 0, rows,
                    cols);
            assertSameSegment(expected, inPlace, offset, name + " rmsNormBackward dx = x");
            assertTrue(Arrays.equals(dgamma, dgammaInPlace), name + " rms dgamma");
        }
    }

    private static void assertSameSegment(float[] expected, float[] actual, int offset, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (!same(expected[i], actual[offset + i])) {
                fail(what + ": element " + i + " is " + actual[offset + i] + ", expected " + expected[i]);
            }
        }
        assertUntouchedOutside(actual, offset, expected.length, what);
    }

    // ---- the public API: delegation, rows 0, argument and overlap checks

    @Test
    void publicApiDelegatesToTheChosenImplementation() {
        int rows = 3;
        int cols = 37;
        NormalizationKernels chosen = Kernels.get().normalization();
        float[] x = values(rows * cols, 1, 2, 3);
        float[] gamma = values(cols, 2, 1, 1);
        float[] beta = values(cols, 3, 0, 1);
        float[] dy = values(rows * cols, 4, 0, 1);
        float[][] expected = new float[6][];
        float[][] actual = new float[6][];
        for (float[][] out : new float[][][] {expected, actual}) {
            out[0] = new float[rows * cols];
            out[1] = new float[rows];
            out[2] = new float[rows];
            out[3] = new float[rows * cols];
            out[4] = new float[cols];
            out[5] = new float[cols];
        }
        chosen.layerNorm(x, 0, gamma, 0, beta, 0, expected[0], 0, expected[1], 0, expected[2], 0, rows, cols, EPS);
        Normalization.layerNorm(x, 0, gamma, 0, beta, 0, actual[0], 0, actual[1], 0, actual[2], 0, rows, cols, EPS);
        chosen.layerNormBackward(x, 0, dy, 0, gamma, 0, expected[1], 0, expected[2], 0, expected[3], 0, expected[4], 0,
                expected[5], 0, rows, cols);
        Normalization.layerNormBackward(x, 0, dy, 0, gamma, 0, actual[1], 0, actual[2], 0, actual[3], 0, actual[4], 0,
                actual[5], 0, rows, cols);
        for (int i = 0; i < 6; i++) {
            assertTrue(Arrays.equals(expected[i], actual[i]), "layer norm output " + i);
        }
        chosen.rmsNorm(x, 0, gamma, 0, expected[0], 0, expected[2], 0, rows, cols, EPS);
        Normalization.rmsNorm(x, 0, gamma, 0, actual[0], 0, actual[2], 0, rows, cols, EPS);
        chosen.rmsNormBackward(x, 0, dy, 0, gamma, 0, expected[2], 0, expected[3], 0, expected[4], 0, rows, cols);
        Normalization.rmsNormBackward(x, 0, dy, 0, gamma, 0, actual[2], 0, actual[3], 0, actual[4], 0, rows, cols);
        for (int i = 0; i < 5; i++) {
            assertTrue(Arrays.equals(expected[i], actual[i]), "rms norm output " + i);
        }
        // no rows: the gradients of gamma and beta are sums over no rows, zeros (overwritten)
        float[] dgamma = TestData.filled(cols);
        float[] dbeta = TestData.filled(cols);
        Normalization.layerNormBackward(x, 0, dy, 0, gamma, 0, new float[0], 0, new float[0], 0, new float[0], 0,
                dgamma, 0, dbeta, 0, 0, cols);
        assertTrue(Arrays.equals(new float[cols], dgamma) && Arrays.equals(new float[cols], dbeta));
        Normalization.rmsNormBackward(x, 0, dy, 0, gamma, 0, new float[0], 0, new float[0], 0, dgamma, 0, 0, cols);
        Normalization.layerNorm(x, 0, gamma, 0, beta, 0, new float[0], 0, new float[0], 0, new float[0], 0, 0, cols,
                EPS);
    }

    @Test
    void badArgumentsThrowBeforeAnythingIsWritten() {
        int rows = 3;
        int cols = 5;
        int size = rows * cols;
        float[] x = values(size, 1, 0, 1);
        float[] g = values(cols, 2, 1, 1);
        float[] b = values(cols, 3, 0, 1);
        float[] dy = values(size, 4, 0, 1);
        float[] stats = {0.1f, 0.2f, 0.3f};
        float[] y = TestData.filled(size);
        float[] mean = TestData.filled(rows);
        float[] rstd = TestData.filled(rows);
        float[] dg = TestData.filled(cols);
        float[] db = TestData.filled(cols);

        expect(IllegalArgumentException.class, "cols",
                () -> Normalization.layerNorm(x, 0, g, 0, b, 0, y, 0, mean, 0, rstd, 0, rows, 0, EPS));
        expect(IllegalArgumentException.class, "rows is negative",
                () -> Normalization.rmsNorm(x, 0, g, 0, y, 0, rstd, 0, -1, cols, EPS));
        expect(IllegalArgumentException.class, "overflows",
                () -> Normalization.layerNorm(x, 0, g, 0, b, 0, y, 0, mean, 0, rstd, 0, 65536, 65536, EPS));
        for (float eps : new float[] {0f, -1e-5f, Float.NaN, Float.POSITIVE_INFINITY}) {
            expect(IllegalArgumentException.class, "eps",
                    () -> Normalization.layerNorm(x, 0, g, 0, b, 0, y, 0, mean, 0, rstd, 0, rows, cols, eps));
            expect(IllegalArgumentException.class, "eps",
                    () -> Normalization.rmsNorm(x, 0, g, 0, y, 0, rstd, 0, rows, cols, eps));
        }
        expect(NullPointerException.class, "gamma is null",
                () -> Normalization.layerNorm(x, 0, null, 0, b, 0, y, 0, mean, 0, rstd, 0, rows, cols, EPS));
        expect(NullPointerException.class, "beta is null",
                () -> Normalization.layerNorm(x, 0, g, 0, null, 0, y, 0, mean, 0, rstd, 0, rows, cols, EPS));
        expect(NullPointerException.class, "mean is null",
                () -> Normalization.layerNormBackward(x, 0, dy, 0, g, 0, null, 0, stats, 0, y, 0, dg, 0, db, 0, rows,
                        cols));
        expect(NullPointerException.class, "dbeta is null",
                () -> Normalization.layerNormBackward(x, 0, dy, 0, g, 0, stats, 0, stats, 0, y, 0, dg, 0, null, 0,
                        rows, cols));
        expect(IndexOutOfBoundsException.class, "x is too short",
                () -> Normalization.layerNorm(x, 1, g, 0, b, 0, y, 0, mean, 0, rstd, 0, rows, cols, EPS));
        expect(IndexOutOfBoundsException.class, "gamma is too short",
                () -> Normalization.rmsNorm(x, 0, g, 1, y, 0, rstd, 0, rows, cols, EPS));
        expect(IndexOutOfBoundsException.class, "betaOffset is negative",
                () -> Normalization.layerNorm(x, 0, g, 0, b, -1, y, 0, mean, 0, rstd, 0, rows, cols, EPS));
        expect(IndexOutOfBoundsException.class, "mean is too short",
                () -> Normalization.layerNorm(x, 0, g, 0, b, 0, y, 0, mean, 1, rstd, 0, rows, cols, EPS));
        expect(IndexOutOfBoundsException.class, "rstd is too short",
                () -> Normalization.rmsNorm(x, 0, g, 0, y, 0, rstd, 2, rows, cols, EPS));
        expect(IndexOutOfBoundsException.class, "dx is too short",
                () -> Normalization.layerNormBackward(x, 0, dy, 0, g, 0, stats, 0, stats, 0, y, 1, dg, 0, db, 0, rows,
                        cols));
        expect(IndexOutOfBoundsException.class, "dgamma is too short",
                () -> Normalization.rmsNormBackward(x, 0, dy, 0, g, 0, stats, 0, y, 0, dg, 3, rows, cols));
        expect(IndexOutOfBoundsException.class, "dyOffset 16 is past the end",
                () -> Normalization.rmsNormBackward(x, 0, dy, 16, g, 0, stats, 0, y, 0, dg, 0, rows, cols));

        // overlaps: partial overlap of y and x, and any overlap of the statistics or parameter gradients
        float[] shared = values(2 * size + 10, 5, 0, 1);
        float[] sharedBefore = shared.clone();
        expect(IllegalArgumentException.class, "overlap",
                () -> Normalization.layerNorm(shared, 0, g, 0, b, 0, shared, 1, mean, 0, rstd, 0, rows, cols, EPS));
        expect(IllegalArgumentException.class, "mean",
                () -> Normalization.layerNorm(shared, 0, g, 0, b, 0, y, 0, shared, size - 1, rstd, 0, rows, cols, EPS));
        expect(IllegalArgumentException.class, "rstd",
                () -> Normalization.rmsNorm(shared, 0, g, 0, shared, 0, shared, 2, rows, cols, EPS));
        expect(IllegalArgumentException.class, "gamma",
                () -> Normalization.rmsNorm(x, 0, shared, size - 2, shared, 0, rstd, 0, rows, cols, EPS));
        expect(IllegalArgumentException.class, "dbeta",
                () -> Normalization.layerNormBackward(x, 0, dy, 0, g, 0, stats, 0, stats, 0, y, 0, shared, 0, shared,
                        2, rows, cols));
        expect(IllegalArgumentException.class, "dgamma",
                () -> Normalization.layerNormBackward(shared, 0, dy, 0, g, 0, stats, 0, stats, 0, y, 0, shared, 3, db,
                        0, rows, cols));
        expect(IllegalArgumentException.class, "dx",
                () -> Normalization.rmsNormBackward(x, 0, shared, 0, g, 0, stats, 0, shared, 2, dg, 0, rows, cols));
        assertTrue(Arrays.equals(sharedBefore, shared), "a call that threw wrote into the shared array");
        for (float[] out : new float[][] {y, mean, rstd, dg, db}) {
            for (float v : out) {
                assertEquals(SENTINEL, v, "an output was written by a call that threw");
            }
        }
        // exact in place and windows apart in one array are allowed
        Normalization.layerNorm(shared, 0, shared, 2 * size, shared, 2 * size + 5, shared, 0, shared, size, shared,
                size + rows, rows, cols, EPS);
    }

    private static void expect(Class<? extends Throwable> type, String inMessage, Executable call) {
        Throwable thrown = assertThrows(type, call);
        assertTrue(thrown.getMessage().contains(inMessage), "message '" + thrown.getMessage() + "' lacks '" + inMessage
                + "'");
    }
}
