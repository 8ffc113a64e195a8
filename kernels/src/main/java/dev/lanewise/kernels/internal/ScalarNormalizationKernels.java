package dev.lanewise.kernels.internal;

import java.util.Arrays;

/**
 * The scalar reference of the row normalisations: the float algorithm of {@link NormalizationKernels},
 * one element at a time, each row sum by {@link FixedOrderSum} over a row of terms (the shifted
 * inputs, the squares, the products), so it gives the bits of the Vector API kernels, whose sums
 * add the same terms in the same order.
 */
public final class ScalarNormalizationKernels implements NormalizationKernels {

    public static final ScalarNormalizationKernels INSTANCE = new ScalarNormalizationKernels();

    private ScalarNormalizationKernels() {}

    /** The row's mean from {@code Σ (x - x0)}: {@code x0 + (float) (shiftedSum / cols)}. */
    public static float mean(float x0, double shiftedSum, int cols) {
        return x0 + (float) (shiftedSum / cols);
    }

    /** {@code (float) (1 / sqrt(sumOfSquares / cols + eps))}, in double. */
    public static float rstd(double sumOfSquares, int cols, float eps) {
        return (float) (1 / Math.sqrt(sumOfSquares / cols + eps));
    }

    /** A row sum divided by the width, rounded to float: the backward's means. */
    public static float rowMean(double sum, int cols) {
        return (float) (sum / cols);
    }

    // snippet: layer-norm-scalar
    @Override
    public void layerNorm(float[] x, int xOffset, float[] gamma, int gammaOffset, float[] beta, int betaOffset,
            float[] y, int yOffset, float[] mean, int meanOffset, float[] rstd, int rstdOffset, int rows, int cols,
            float eps) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * cols;
            int yi = yOffset + r * cols;
            float[] terms = RowScratch.get(cols); // y may be x: the terms cannot go there
            float x0 = x[xi];
            for (int j = 0; j < cols; j++) {
                terms[j] = x[xi + j] - x0; // shifted by the first element: a constant row sums to 0 exactly
            }
            float mu = mean(x0, FixedOrderSum.sum(terms, 0, cols), cols);
            for (int j = 0; j < cols; j++) {
                float d = x[xi + j] - mu;
                terms[j] = d * d; // the second pass: the spread around the mean, not E[x²] - E[x]²
            }
            float rs = rstd(FixedOrderSum.sum(terms, 0, cols), cols, eps);
            for (int j = 0; j < cols; j++) {
                y[yi + j] = Math.fma((x[xi + j] - mu) * rs, gamma[gammaOffset + j], beta[betaOffset + j]);
            }
            mean[meanOffset + r] = mu;
            rstd[rstdOffset + r] = rs;
        }
    }
    // end-snippet

    @Override
    public void layerNormBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] gamma, int gammaOffset,
            float[] mean, int meanOffset, float[] rstd, int rstdOffset, float[] dx, int dxOffset, float[] dgamma,
            int dgammaOffset, float[] dbeta, int dbetaOffset, int rows, int cols) {
        Arrays.fill(dgamma, dgammaOffset, dgammaOffset + cols, 0f);
        Arrays.fill(dbeta, dbetaOffset, dbetaOffset + cols, 0f);
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * cols;
            int dyi = dyOffset + r * cols;
            int dxi = dxOffset + r * cols;
            float mu = mean[meanOffset + r];
            float rs = rstd[rstdOffset + r];
            float[] xhats = RowScratch.get(cols);
            float[] products = RowScratch.second(cols);
            for (int j = 0; j < cols; j++) {
                float xhat = (x[xi + j] - mu) * rs;
                float d = dy[dyi + j];
                float g = d * gamma[gammaOffset + j];
                dgamma[dgammaOffset + j] = Math.fma(d, xhat, dgamma[dgammaOffset + j]);
                dbeta[dbetaOffset + j] += d;
                xhats[j] = xhat;
                products[j] = g * xhat;
                dx[dxi + j] = g; // x and dy of this element are read: dx may be either
            }
            float mg = rowMean(FixedOrderSum.sum(dx, dxi, cols), cols);
            float mgx = rowMean(FixedOrderSum.sum(products, 0, cols), cols);
            for (int j = 0; j < cols; j++) {
                dx[dxi + j] = Math.fma(xhats[j], -mgx, dx[dxi + j] - mg) * rs;
            }
        }
    }

    @Override
    public void rmsNorm(float[] x, int xOffset, float[] gamma, int gammaOffset, float[] y, int yOffset, float[] rstd,
            int rstdOffset, int rows, int cols, float eps) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * cols;
            int yi = yOffset + r * cols;
            float[] squares = RowScratch.get(cols);
            for (int j = 0; j < cols; j++) {
                squares[j] = x[xi + j] * x[xi + j];
            }
            float rs = rstd(FixedOrderSum.sum(squares, 0, cols), cols, eps);
            for (int j = 0; j < cols; j++) {
                y[yi + j] = (x[xi + j] * rs) * gamma[gammaOffset + j];
            }
            rstd[rstdOffset + r] = rs;
        }
    }

    @Override
    public void rmsNormBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] gamma, int gammaOffset,
            float[] rstd, int rstdOffset, float[] dx, int dxOffset, float[] dgamma, int dgammaOffset, int rows,
            int cols) {
        Arrays.fill(dgamma, dgammaOffset, dgammaOffset + cols, 0f);
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * cols;
            int dyi = dyOffset + r * cols;
            int dxi = dxOffset + r * cols;
            float rs = rstd[rstdOffset + r];
            float[] xhats = RowScratch.get(cols);
            float[] products = RowScratch.second(cols);
            for (int j = 0; j < cols; j++) {
                float xhat = x[xi + j] * rs;
                float d = dy[dyi + j];
                float g = d * gamma[gammaOffset + j];
                dgamma[dgammaOffset + j] = Math.fma(d, xhat, dgamma[dgammaOffset + j]);
                xhats[j] = xhat;
                products[j] = g * xhat;
                dx[dxi + j] = g;
            }
            float mgx = rowMean(FixedOrderSum.sum(products, 0, cols), cols);
            for (int j = 0; j < cols; j++) {
                dx[dxi + j] = Math.fma(xhats[j], -mgx, dx[dxi + j]) * rs;
            }
        }
    }
}
