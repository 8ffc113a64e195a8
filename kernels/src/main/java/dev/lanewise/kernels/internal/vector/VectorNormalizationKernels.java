package dev.lanewise.kernels.internal.vector;

import dev.lanewise.kernels.internal.FixedOrderSum;
import dev.lanewise.kernels.internal.NormalizationKernels;
import dev.lanewise.kernels.internal.RowScratch;
import dev.lanewise.kernels.internal.ScalarNormalizationKernels;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row normalisations on Vector API lanes, operation for operation the scalar reference's
 * ({@link ScalarNormalizationKernels}). Two passes of statistics per row, as the numerics need:
 * the mean (of the row shifted by its first element), then the mean square of the deviations from
 * it; each row sum is one of {@link VectorSoftmaxKernels}' fixed-order sums ({@code sum} over a
 * stored row of terms, {@code dot} of two stored rows), never a sum of this class's own, so every
 * row sum follows {@link FixedOrderSum}'s one order on every width.
 *
 * <p>Shape of the code, for C2's sake (see the porting guide's pitfalls): each element-wise pass is
 * its own small method taking and returning only arrays and scalars, so no vector crosses a call;
 * the elements past the last whole vector are finished one at a time with the scalar twin's
 * operations; the species is a static final field.
 */
final class VectorNormalizationKernels implements NormalizationKernels {

    static final VectorNormalizationKernels INSTANCE = new VectorNormalizationKernels();

    /** The species of the element-wise passes: the widest, as the other kernels'. */
    private static final VectorSpecies<Float> SPECIES = Species.FLOAT;
    private static final int LANES = SPECIES.length();

    private VectorNormalizationKernels() {}

    // snippet: layer-norm-vector
    @Override
    public void layerNorm(float[] x, int xOffset, float[] gamma, int gammaOffset, float[] beta, int betaOffset,
            float[] y, int yOffset, float[] mean, int meanOffset, float[] rstd, int rstdOffset, int rows, int cols,
            float eps) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * cols;
            int yi = yOffset + r * cols;
            float[] shifted = RowScratch.get(cols); // y may be x, which the second pass still reads
            float x0 = x[xi];
            subtract(x, xi, x0, shifted, 0, cols);
            float mu = ScalarNormalizationKernels.mean(x0, VectorSoftmaxKernels.sum(shifted, 0, cols), cols);
            subtract(x, xi, mu, y, yi, cols); // the deviations, kept in y for the last pass
            float rs = ScalarNormalizationKernels.rstd(VectorSoftmaxKernels.dot(y, yi, y, yi, cols), cols, eps);
            scaleAndShift(y, yi, rs, gamma, gammaOffset, beta, betaOffset, cols);
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
            int dxi = dxOffset + r * cols;
            float rs = rstd[rstdOffset + r];
            float[] xhats = RowScratch.get(cols);
            layerNormTerms(x, xOffset + r * cols, mean[meanOffset + r], rs, dy, dyOffset + r * cols, gamma,
                    gammaOffset, dgamma, dgammaOffset, dbeta, dbetaOffset, xhats, dx, dxi, cols);
            float mg = ScalarNormalizationKernels.rowMean(VectorSoftmaxKernels.sum(dx, dxi, cols), cols);
            float mgx = ScalarNormalizationKernels.rowMean(VectorSoftmaxKernels.dot(dx, dxi, xhats, 0, cols), cols);
            inputGradient(xhats, mgx, mg, rs, dx, dxi, cols);
        }
    }

    @Override
    public void rmsNorm(float[] x, int xOffset, float[] gamma, int gammaOffset, float[] y, int yOffset, float[] rstd,
            int rstdOffset, int rows, int cols, float eps) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * cols;
            float rs = ScalarNormalizationKernels.rstd(VectorSoftmaxKernels.dot(x, xi, x, xi, cols), cols, eps);
            scaleBoth(x, xi, rs, gamma, gammaOffset, y, yOffset + r * cols, cols);
            rstd[rstdOffset + r] = rs;
        }
    }

    @Override
    public void rmsNormBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] gamma, int gammaOffset,
            float[] rstd, int rstdOffset, float[] dx, int dxOffset, float[] dgamma, int dgammaOffset, int rows,
            int cols) {
        Arrays.fill(dgamma, dgammaOffset, dgammaOffset + cols, 0f);
        for (int r = 0; r < rows; r++) {
            int dxi = dxOffset + r * cols;
            float rs = rstd[rstdOffset + r];
            float[] xhats = RowScratch.get(cols);
            rmsNormTerms(x, xOffset + r * cols, rs, dy, dyOffset + r * cols, gamma, gammaOffset, dgamma,
                    dgammaOffset, xhats, dx, dxi, cols);
            float mgx = ScalarNormalizationKernels.rowMean(VectorSoftmaxKernels.dot(dx, dxi, xhats, 0, cols), cols);
            inputGradient(xhats, mgx, 0f, rs, dx, dxi, cols); // g - 0 is g, bit for bit: the scalar twin's g
        }
    }

    /** {@code out = in - shift} over one row (in place when in and out are the same). */
    private static void subtract(float[] in, int from, float shift, float[] out, int to, int cols) {
        int i = 0;
        if (cols >= LANES) {
            FloatVector broadcastShift = FloatVector.broadcast(SPECIES, shift);
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector.fromArray(SPECIES, in, from + i).sub(broadcastShift).intoArray(out, to + i);
            }
        }
        for (; i < cols; i++) {
            out[to + i] = in[from + i] - shift;
        }
    }

    /** {@code y = fma(y · rstd, gamma, beta)} over one row of deviations y. */
    private static void scaleAndShift(float[] y, int yFrom, float rstd, float[] gamma, int gammaFrom, float[] beta,
            int betaFrom, int cols) {
        int i = 0;
        if (cols >= LANES) {
            FloatVector scale = FloatVector.broadcast(SPECIES, rstd);
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector.fromArray(SPECIES, y, yFrom + i).mul(scale)
                        .fma(FloatVector.fromArray(SPECIES, gamma, gammaFrom + i),
                                FloatVector.fromArray(SPECIES, beta, betaFrom + i))
                        .intoArray(y, yFrom + i);
            }
        }
        for (; i < cols; i++) {
            y[yFrom + i] = Math.fma(y[yFrom + i] * rstd, gamma[gammaFrom + i], beta[betaFrom + i]);
        }
    }

    /** {@code y = (x · rstd) · gamma} over one row. */
    private static void scaleBoth(float[] x, int xFrom, float rstd, float[] gamma, int gammaFrom, float[] y, int yFrom,
            int cols) {
        int i = 0;
        if (cols >= LANES) {
            FloatVector scale = FloatVector.broadcast(SPECIES, rstd);
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector.fromArray(SPECIES, x, xFrom + i).mul(scale)
                        .mul(FloatVector.fromArray(SPECIES, gamma, gammaFrom + i)).intoArray(y, yFrom + i);
            }
        }
        for (; i < cols; i++) {
            y[yFrom + i] = (x[xFrom + i] * rstd) * gamma[gammaFrom + i];
        }
    }

    /**
     * One row of the layer norm backward's first pass: {@code xhat = (x - mean) · rstd} into
     * xhats, {@code g = dy · gamma} into dx (x and dy of an element are read before its dx is
     * written, so dx may be either), and the row's terms added to dgamma and dbeta.
     */
    private static void layerNormTerms(float[] x, int xFrom, float mean, float rstd, float[] dy, int dyFrom,
            float[] gamma, int gammaFrom, float[] dgamma, int dgammaFrom, float[] dbeta, int dbetaFrom, float[] xhats,
            float[] dx, int dxFrom, int cols) {
        int i = 0;
        if (cols >= LANES) {
            FloatVector shift = FloatVector.broadcast(SPECIES, mean);
            FloatVector scale = FloatVector.broadcast(SPECIES, rstd);
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector xhat = FloatVector.fromArray(SPECIES, x, xFrom + i).sub(shift).mul(scale);
                FloatVector d = FloatVector.fromArray(SPECIES, dy, dyFrom + i);
                FloatVector g = d.mul(FloatVector.fromArray(SPECIES, gamma, gammaFrom + i));
                d.fma(xhat, FloatVector.fromArray(SPECIES, dgamma, dgammaFrom + i)).intoArray(dgamma, dgammaFrom + i);
                FloatVector.fromArray(SPECIES, dbeta, dbetaFrom + i).add(d).intoArray(dbeta, dbetaFrom + i);
                xhat.intoArray(xhats, i);
                g.intoArray(dx, dxFrom + i);
            }
        }
        for (; i < cols; i++) {
            float xhat = (x[xFrom + i] - mean) * rstd;
            float d = dy[dyFrom + i];
            float g = d * gamma[gammaFrom + i];
            dgamma[dgammaFrom + i] = Math.fma(d, xhat, dgamma[dgammaFrom + i]);
            dbeta[dbetaFrom + i] += d;
            xhats[i] = xhat;
            dx[dxFrom + i] = g;
        }
    }

    /** As {@link #layerNormTerms} for RMS: {@code xhat = x · rstd}, no dbeta. */
    private static void rmsNormTerms(float[] x, int xFrom, float rstd, float[] dy, int dyFrom, float[] gamma,
            int gammaFrom, float[] dgamma, int dgammaFrom, float[] xhats, float[] dx, int dxFrom, int cols) {
        int i = 0;
        if (cols >= LANES) {
            FloatVector scale = FloatVector.broadcast(SPECIES, rstd);
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector xhat = FloatVector.fromArray(SPECIES, x, xFrom + i).mul(scale);
                FloatVector d = FloatVector.fromArray(SPECIES, dy, dyFrom + i);
                FloatVector g = d.mul(FloatVector.fromArray(SPECIES, gamma, gammaFrom + i));
                d.fma(xhat, FloatVector.fromArray(SPECIES, dgamma, dgammaFrom + i)).intoArray(dgamma, dgammaFrom + i);
                xhat.intoArray(xhats, i);
                g.intoArray(dx, dxFrom + i);
            }
        }
        for (; i < cols; i++) {
            float xhat = x[xFrom + i] * rstd;
            float d = dy[dyFrom + i];
            float g = d * gamma[gammaFrom + i];
            dgamma[dgammaFrom + i] = Math.fma(d, xhat, dgamma[dgammaFrom + i]);
            xhats[i] = xhat;
            dx[dxFrom + i] = g;
        }
    }

    /** {@code dx = fma(xhat, -mgx, g - mg) · rstd} over one row, g read from dx. */
    private static void inputGradient(float[] xhats, float mgx, float mg, float rstd, float[] dx, int dxFrom,
            int cols) {
        int i = 0;
        if (cols >= LANES) {
            FloatVector negativeMgx = FloatVector.broadcast(SPECIES, -mgx);
            FloatVector broadcastMg = FloatVector.broadcast(SPECIES, mg);
            FloatVector scale = FloatVector.broadcast(SPECIES, rstd);
            for (int bound = SPECIES.loopBound(cols); i < bound; i += LANES) {
                FloatVector g = FloatVector.fromArray(SPECIES, dx, dxFrom + i);
                FloatVector.fromArray(SPECIES, xhats, i).fma(negativeMgx, g.sub(broadcastMg)).mul(scale)
                        .intoArray(dx, dxFrom + i);
            }
        }
        for (; i < cols; i++) {
            dx[dxFrom + i] = Math.fma(xhats[i], -mgx, dx[dxFrom + i] - mg) * rstd;
        }
    }
}
