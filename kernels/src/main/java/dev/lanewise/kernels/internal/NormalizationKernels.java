package dev.lanewise.kernels.internal;

/**
 * The row normalisation kernels behind {@link dev.lanewise.kernels.Normalization}, one
 * implementation per strategy (plain scalar Java, Vector API). Matrices are {@code rows × cols},
 * row-major, with contiguous rows starting at the given offset; gamma, beta and their gradients
 * hold {@code cols} values, mean and rstd {@code rows}. Callers have validated every argument:
 * implementations do no checks of their own and may assume every index is in range,
 * {@code rows >= 0}, {@code cols >= 1} and eps positive and finite. y may be the same array at the
 * same offset as x, and dx as x or dy; no other output shares an element with anything.
 *
 * <p>Every row sum is added in {@link FixedOrderSum}'s order, and both implementations run the
 * same float operations (the same {@code fma}s), so they give the same bits:
 * <pre>
 *   layerNorm:  x0 = x[r][0]
 *               mean = x0 + (float) (Σ_j (x[r][j] - x0) / cols)            (float sum of float terms)
 *               d[j] = x[r][j] - mean
 *               rstd = (float) (1 / sqrt(Σ_j d[j]·d[j] / cols + eps))      (in double after the sum)
 *               y[r][j] = fma(d[j]·rstd, gamma[j], beta[j])
 *   rmsNorm:    rstd = (float) (1 / sqrt(Σ_j x[r][j]·x[r][j] / cols + eps))
 *               y[r][j] = (x[r][j]·rstd)·gamma[j]
 * </pre>
 * Backward, with {@code xhat[j] = (x[r][j] - mean)·rstd} ({@code x[r][j]·rstd} for RMS) and
 * {@code g[j] = dy[r][j]·gamma[j]}:
 * <pre>
 *   mg  = (float) (Σ_j g[j] / cols)                      (layer norm only)
 *   mgx = (float) (Σ_j g[j]·xhat[j] / cols)
 *   dx[r][j] = fma(xhat[j], -mgx, g[j] - mg)·rstd          (g[j] alone for RMS: no mg)
 *   dgamma[j] = fma(dy[r][j], xhat[j], dgamma[j]),  dbeta[j] += dy[r][j]   (rows in order, from +0)
 * </pre>
 *
 * <p>Internal API: it may change in any release.
 */
public interface NormalizationKernels {

    /** Layer normalisation of each row; writes y, and each row's mean and rstd. */
    void layerNorm(float[] x, int xOffset, float[] gamma, int gammaOffset, float[] beta, int betaOffset, float[] y,
            int yOffset, float[] mean, int meanOffset, float[] rstd, int rstdOffset, int rows, int cols, float eps);

    /** Its gradient: writes dx, and overwrites dgamma and dbeta with their sums over the rows. */
    void layerNormBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] gamma, int gammaOffset,
            float[] mean, int meanOffset, float[] rstd, int rstdOffset, float[] dx, int dxOffset, float[] dgamma,
            int dgammaOffset, float[] dbeta, int dbetaOffset, int rows, int cols);

    /** RMS normalisation of each row; writes y and each row's rstd. */
    void rmsNorm(float[] x, int xOffset, float[] gamma, int gammaOffset, float[] y, int yOffset, float[] rstd,
            int rstdOffset, int rows, int cols, float eps);

    /** Its gradient: writes dx, and overwrites dgamma with its sum over the rows. */
    void rmsNormBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] gamma, int gammaOffset,
            float[] rstd, int rstdOffset, float[] dx, int dxOffset, float[] dgamma, int dgammaOffset, int rows,
            int cols);
}
