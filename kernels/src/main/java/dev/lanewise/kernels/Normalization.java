package dev.lanewise.kernels;

import static dev.lanewise.kernels.Checks.segment;

import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.NormalizationKernels;

/**
 * Layer normalisation and RMS normalisation of each row, forward and backward.
 *
 * <p>Every matrix is {@code rows × cols}, row-major, its rows contiguous, starting at the given
 * offset: element {@code [r][j]} of {@code x} is {@code x[xOffset + r * cols + j]}. Each row (one
 * sample's {@code cols} features) is normalised on its own; {@code gamma}, {@code beta} and their
 * gradients hold {@code cols} values (one per feature), {@code mean} and {@code rstd} one value per
 * row. Methods write nothing outside their outputs. Methods are static, thread-safe and allocate
 * nothing (beyond per-thread scratch rows, grown once to the widest row seen).
 *
 * <h2>Aliasing</h2>
 * y may be the same array at the same offset as x (in place); dx may be the same array at the same
 * offset as dy, or as x. Every other output (mean, rstd, dgamma, dbeta, and y or dx against the
 * other inputs) must share no element with any input or other output. Any other overlap of an
 * output with an input or another output in the same array, partial overlap of y and x included,
 * is refused with {@link IllegalArgumentException} naming both, before anything is written.
 *
 * <h2>Numerics</h2>
 * Both statistics take two passes over the row: the mean, then the mean square of the deviations
 * from it (not {@code E[x²] - E[x]²}, which cancels catastrophically for rows far from zero). The
 * mean is summed from the row shifted by its first element, so rows like {@code 1e4 + noise} lose
 * only the float rounding of the mean itself, and a constant row has its mean exactly, deviations
 * 0 and {@code y = beta}. Every row sum is added in the library's one fixed order, the same on
 * every vector width, JDK and implementation, so results are the same bits everywhere; that order
 * adds short float chains (16 additions each) in fixed-size blocks whose sums go into a double
 * total, which keeps the error bounds below independent of the row width (1 to 32000 columns and
 * far beyond: the double total adds about {@code cols · 2^-60} relative, far below them).
 *
 * <p>A row holding NaN or an infinity gives a row of NaN (and a NaN rstd); so does a row whose
 * deviations or values overflow float when squared ({@code |x - mean|} or, for RMS, {@code |x|}
 * beyond about 1.8e19).
 *
 * <h2>Arguments</h2>
 * All arguments are checked before anything is written, so a bad call leaves every output
 * untouched: a null array throws {@link NullPointerException} naming it; {@code cols < 1},
 * {@code rows < 0}, {@code rows × cols} overflowing int, and eps not positive and finite (zero,
 * negative, NaN or infinite) throw {@link IllegalArgumentException} naming it; an offset outside
 * its array or an array too short for its segment at its offset throws
 * {@link IndexOutOfBoundsException} naming it; an overlap as described above throws
 * {@link IllegalArgumentException} naming both arrays.
 *
 * <p>The work runs on the implementation {@link Lanewise#implementation()} reports.
 */
public final class Normalization {
    private Normalization() {}

    private static final NormalizationKernels KERNELS = Kernels.family(NormalizationKernels.class, KernelProvider::normalization);

    /**
     * Layer normalisation of each row, as PyTorch's {@code LayerNorm} over the last dimension:
     * <pre>
     *   mean[r] = Σ_j x[r][j] / cols
     *   rstd[r] = 1 / sqrt(Σ_j (x[r][j] - mean[r])² / cols + eps)      (the biased variance)
     *   y[r][j] = (x[r][j] - mean[r]) · rstd[r] · gamma[j] + beta[j]
     * </pre>
     * mean and rstd are saved for {@link #layerNormBackward}.
     *
     * <p>Accuracy, per row, against the exact values computed from the float inputs: let
     * {@code μ} and {@code σ²} be the row's exact mean and biased variance, {@code s = sqrt(σ² + eps)},
     * {@code x̂[j] = (x[j] - μ) / s}, {@code ŷ[j] = gamma[j]·x̂[j] + beta[j]}, {@code u = 2^-23}, and
     * {@code E = u · (16 · mean_j |x[j] - x[0]| + |μ|) / s} (the relative size of the mean's rounding
     * next to the row's spread: tiny for ordinary rows, about 1e-3 for rows of 1e4 + unit noise). Then
     * <pre>
     *   |mean - μ|    ≤ E · s
     *   |rstd - 1/s|  ≤ (16u + E²) / s
     *   |y[j] - ŷ[j]| ≤ u·|ŷ[j]| + |gamma[j]| · (E + |x̂[j]| · (16u + E²))
     * </pre>
     * for every row width. x and y may be the same array at the same offset.
     *
     * @param x the input matrix, rows × cols
     * @param xOffset the index in {@code x} of its first element
     * @param gamma the scale, cols values
     * @param gammaOffset the index in {@code gamma} of its first element
     * @param beta the shift, cols values
     * @param betaOffset the index in {@code beta} of its first element
     * @param y receives the result, rows × cols
     * @param yOffset the index in {@code y} of its first element
     * @param mean receives each row's mean, rows values
     * @param meanOffset the index in {@code mean} of its first element
     * @param rstd receives each row's {@code 1 / sqrt(variance + eps)}, rows values
     * @param rstdOffset the index in {@code rstd} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns (features), at least 1
     * @param eps added to the variance, positive and finite (1e-5 is usual)
     */
    public static void layerNorm(float[] x, int xOffset, float[] gamma, int gammaOffset, float[] beta, int betaOffset,
            float[] y, int yOffset, float[] mean, int meanOffset, float[] rstd, int rstdOffset, int rows, int cols,
            float eps) {
        int size = matrixSize(rows, cols);
        segment(x, "x", xOffset, "xOffset", size);
        segment(gamma, "gamma", gammaOffset, "gammaOffset", cols);
        segment(beta, "beta", betaOffset, "betaOffset", cols);
        segment(y, "y", yOffset, "yOffset", size);
        segment(mean, "mean", meanOffset, "meanOffset", rows);
        segment(rstd, "rstd", rstdOffset, "rstdOffset", rows);
        Aliasing.identicalOrDisjoint(x, "x", xOffset, y, "y", yOffset, size);
        Aliasing.disjoint(gamma, "gamma", gammaOffset, cols, y, "y", yOffset, size);
        Aliasing.disjoint(beta, "beta", betaOffset, cols, y, "y", yOffset, size);
        Aliasing.disjoint(x, "x", xOffset, size, mean, "mean", meanOffset, rows);
        Aliasing.disjoint(gamma, "gamma", gammaOffset, cols, mean, "mean", meanOffset, rows);
        Aliasing.disjoint(beta, "beta", betaOffset, cols, mean, "mean", meanOffset, rows);
        Aliasing.disjoint(y, "y", yOffset, size, mean, "mean", meanOffset, rows);
        Aliasing.disjoint(x, "x", xOffset, size, rstd, "rstd", rstdOffset, rows);
        Aliasing.disjoint(gamma, "gamma", gammaOffset, cols, rstd, "rstd", rstdOffset, rows);
        Aliasing.disjoint(beta, "beta", betaOffset, cols, rstd, "rstd", rstdOffset, rows);
        Aliasing.disjoint(y, "y", yOffset, size, rstd, "rstd", rstdOffset, rows);
        Aliasing.disjoint(mean, "mean", meanOffset, rows, rstd, "rstd", rstdOffset, rows);
        checkEps(eps);
        KERNELS.layerNorm(x, xOffset, gamma, gammaOffset, beta, betaOffset, y, yOffset, mean, meanOffset, rstd,
                rstdOffset, rows, cols, eps);
    }

    /**
     * The gradient of {@link #layerNorm} from its saved mean and rstd, as PyTorch computes it: with
     * {@code x̂[r][j] = (x[r][j] - mean[r]) · rstd[r]} and {@code g[r][j] = dy[r][j] · gamma[j]},
     * <pre>
     *   dx[r][j]  = rstd[r] · (g[r][j] - Σ_i g[r][i] / cols - x̂[r][j] · Σ_i g[r][i]·x̂[r][i] / cols)
     *   dgamma[j] = Σ_r dy[r][j] · x̂[r][j]
     *   dbeta[j]  = Σ_r dy[r][j]
     * </pre>
     * dgamma and dbeta are <b>overwritten</b> (not accumulated into): with {@code rows == 0} they
     * become zeros. Their sums run over the rows in row order.
     *
     * <p>Accuracy, against the formulas evaluated exactly on the float arguments (the saved mean
     * and rstd as given), with {@code u = 2^-23} and {@code mean_i} the mean over the row:
     * each dx within {@code 16u · rstd · (|g[j]| + mean_i |g[i]| + |x̂[j]| · mean_i |g[i]·x̂[i]|)}
     * (the subtractions may cancel, so the bound is relative to the terms, not to dx), each dgamma
     * within {@code (rows + 2) · u · Σ_r |dy[r][j]·x̂[r][j]|} and each dbeta within
     * {@code rows · u · Σ_r |dy[r][j]|}, for every row width. dx may be the same array at the same
     * offset as dy or as x.
     *
     * @param x the forward input, rows × cols
     * @param xOffset the index in {@code x} of its first element
     * @param dy the gradient of the loss with respect to the forward output y, rows × cols
     * @param dyOffset the index in {@code dy} of its first element
     * @param gamma the scale the forward used, cols values
     * @param gammaOffset the index in {@code gamma} of its first element
     * @param mean the means the forward saved, rows values
     * @param meanOffset the index in {@code mean} of its first element
     * @param rstd the rstds the forward saved, rows values
     * @param rstdOffset the index in {@code rstd} of its first element
     * @param dx receives the gradient with respect to x, rows × cols
     * @param dxOffset the index in {@code dx} of its first element
     * @param dgamma overwritten with the gradient with respect to gamma, cols values
     * @param dgammaOffset the index in {@code dgamma} of its first element
     * @param dbeta overwritten with the gradient with respect to beta, cols values
     * @param dbetaOffset the index in {@code dbeta} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns (features), at least 1
     */
    public static void layerNormBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] gamma,
            int gammaOffset, float[] mean, int meanOffset, float[] rstd, int rstdOffset, float[] dx, int dxOffset,
            float[] dgamma, int dgammaOffset, float[] dbeta, int dbetaOffset, int rows, int cols) {
        int size = matrixSize(rows, cols);
        segment(x, "x", xOffset, "xOffset", size);
        segment(dy, "dy", dyOffset, "dyOffset", size);
        segment(gamma, "gamma", gammaOffset, "gammaOffset", cols);
        segment(mean, "mean", meanOffset, "meanOffset", rows);
        segment(rstd, "rstd", rstdOffset, "rstdOffset", rows);
        segment(dx, "dx", dxOffset, "dxOffset", size);
        segment(dgamma, "dgamma", dgammaOffset, "dgammaOffset", cols);
        segment(dbeta, "dbeta", dbetaOffset, "dbetaOffset", cols);
        Aliasing.identicalOrDisjoint(x, "x", xOffset, dx, "dx", dxOffset, size);
        Aliasing.identicalOrDisjoint(dy, "dy", dyOffset, dx, "dx", dxOffset, size);
        Aliasing.disjoint(gamma, "gamma", gammaOffset, cols, dx, "dx", dxOffset, size);
        Aliasing.disjoint(mean, "mean", meanOffset, rows, dx, "dx", dxOffset, size);
        Aliasing.disjoint(rstd, "rstd", rstdOffset, rows, dx, "dx", dxOffset, size);
        Aliasing.disjoint(x, "x", xOffset, size, dgamma, "dgamma", dgammaOffset, cols);
        Aliasing.disjoint(dy, "dy", dyOffset, size, dgamma, "dgamma", dgammaOffset, cols);
        Aliasing.disjoint(gamma, "gamma", gammaOffset, cols, dgamma, "dgamma", dgammaOffset, cols);
        Aliasing.disjoint(mean, "mean", meanOffset, rows, dgamma, "dgamma", dgammaOffset, cols);
        Aliasing.disjoint(rstd, "rstd", rstdOffset, rows, dgamma, "dgamma", dgammaOffset, cols);
        Aliasing.disjoint(dx, "dx", dxOffset, size, dgamma, "dgamma", dgammaOffset, cols);
        Aliasing.disjoint(x, "x", xOffset, size, dbeta, "dbeta", dbetaOffset, cols);
        Aliasing.disjoint(dy, "dy", dyOffset, size, dbeta, "dbeta", dbetaOffset, cols);
        Aliasing.disjoint(gamma, "gamma", gammaOffset, cols, dbeta, "dbeta", dbetaOffset, cols);
        Aliasing.disjoint(mean, "mean", meanOffset, rows, dbeta, "dbeta", dbetaOffset, cols);
        Aliasing.disjoint(rstd, "rstd", rstdOffset, rows, dbeta, "dbeta", dbetaOffset, cols);
        Aliasing.disjoint(dx, "dx", dxOffset, size, dbeta, "dbeta", dbetaOffset, cols);
        Aliasing.disjoint(dgamma, "dgamma", dgammaOffset, cols, dbeta, "dbeta", dbetaOffset, cols);
        KERNELS.layerNormBackward(x, xOffset, dy, dyOffset, gamma, gammaOffset, mean, meanOffset, rstd, rstdOffset, dx,
                dxOffset, dgamma, dgammaOffset, dbeta, dbetaOffset, rows, cols);
    }

    /**
     * RMS normalisation of each row (Zhang and Sennrich; LLaMA's {@code RMSNorm}):
     * <pre>
     *   rstd[r] = 1 / sqrt(Σ_j x[r][j]² / cols + eps)
     *   y[r][j] = x[r][j] · rstd[r] · gamma[j]
     * </pre>
     * rstd is saved for {@link #rmsNormBackward}.
     *
     * <p>Accuracy: with {@code s = sqrt(Σ_j x[j]² / cols + eps)} exact, each y within
     * {@code 8 · 2^-23 · |x[j] · gamma[j] / s|} and rstd within {@code 8 · 2^-23 / s}, for every row
     * width (a sum of squares does not cancel). x and y may be the same array at the same offset.
     *
     * @param x the input matrix, rows × cols
     * @param xOffset the index in {@code x} of its first element
     * @param gamma the scale, cols values
     * @param gammaOffset the index in {@code gamma} of its first element
     * @param y receives the result, rows × cols
     * @param yOffset the index in {@code y} of its first element
     * @param rstd receives each row's {@code 1 / sqrt(mean square + eps)}, rows values
     * @param rstdOffset the index in {@code rstd} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns (features), at least 1
     * @param eps added to the mean square, positive and finite (1e-6 is usual)
     */
    public static void rmsNorm(float[] x, int xOffset, float[] gamma, int gammaOffset, float[] y, int yOffset,
            float[] rstd, int rstdOffset, int rows, int cols, float eps) {
        int size = matrixSize(rows, cols);
        segment(x, "x", xOffset, "xOffset", size);
        segment(gamma, "gamma", gammaOffset, "gammaOffset", cols);
        segment(y, "y", yOffset, "yOffset", size);
        segment(rstd, "rstd", rstdOffset, "rstdOffset", rows);
        Aliasing.identicalOrDisjoint(x, "x", xOffset, y, "y", yOffset, size);
        Aliasing.disjoint(gamma, "gamma", gammaOffset, cols, y, "y", yOffset, size);
        Aliasing.disjoint(x, "x", xOffset, size, rstd, "rstd", rstdOffset, rows);
        Aliasing.disjoint(gamma, "gamma", gammaOffset, cols, rstd, "rstd", rstdOffset, rows);
        Aliasing.disjoint(y, "y", yOffset, size, rstd, "rstd", rstdOffset, rows);
        checkEps(eps);
        KERNELS.rmsNorm(x, xOffset, gamma, gammaOffset, y, yOffset, rstd, rstdOffset, rows, cols, eps);
    }

    /**
     * The gradient of {@link #rmsNorm} from its saved rstd: with {@code x̂[r][j] = x[r][j] · rstd[r]}
     * and {@code g[r][j] = dy[r][j] · gamma[j]},
     * <pre>
     *   dx[r][j]  = rstd[r] · (g[r][j] - x̂[r][j] · Σ_i g[r][i]·x̂[r][i] / cols)
     *   dgamma[j] = Σ_r dy[r][j] · x̂[r][j]
     * </pre>
     * dgamma is <b>overwritten</b> (not accumulated into): with {@code rows == 0} it becomes zeros.
     *
     * <p>Accuracy, against the formulas evaluated exactly on the float arguments: each dx within
     * {@code 16 · 2^-23 · rstd · (|g[j]| + |x̂[j]| · mean_i |g[i]·x̂[i]|)}, each dgamma within
     * {@code (rows + 2) · 2^-23 · Σ_r |dy[r][j]·x̂[r][j]|}. dx may be the same array at the same
     * offset as dy or as x.
     *
     * @param x the forward input, rows × cols
     * @param xOffset the index in {@code x} of its first element
     * @param dy the gradient of the loss with respect to the forward output y, rows × cols
     * @param dyOffset the index in {@code dy} of its first element
     * @param gamma the scale the forward used, cols values
     * @param gammaOffset the index in {@code gamma} of its first element
     * @param rstd the rstds the forward saved, rows values
     * @param rstdOffset the index in {@code rstd} of its first element
     * @param dx receives the gradient with respect to x, rows × cols
     * @param dxOffset the index in {@code dx} of its first element
     * @param dgamma overwritten with the gradient with respect to gamma, cols values
     * @param dgammaOffset the index in {@code dgamma} of its first element
     * @param rows the number of rows, not negative
     * @param cols the number of columns (features), at least 1
     */
    public static void rmsNormBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] gamma,
            int gammaOffset, float[] rstd, int rstdOffset, float[] dx, int dxOffset, float[] dgamma, int dgammaOffset,
            int rows, int cols) {
        int size = matrixSize(rows, cols);
        segment(x, "x", xOffset, "xOffset", size);
        segment(dy, "dy", dyOffset, "dyOffset", size);
        segment(gamma, "gamma", gammaOffset, "gammaOffset", cols);
        segment(rstd, "rstd", rstdOffset, "rstdOffset", rows);
        segment(dx, "dx", dxOffset, "dxOffset", size);
        segment(dgamma, "dgamma", dgammaOffset, "dgammaOffset", cols);
        Aliasing.identicalOrDisjoint(x, "x", xOffset, dx, "dx", dxOffset, size);
        Aliasing.identicalOrDisjoint(dy, "dy", dyOffset, dx, "dx", dxOffset, size);
        Aliasing.disjoint(gamma, "gamma", gammaOffset, cols, dx, "dx", dxOffset, size);
        Aliasing.disjoint(rstd, "rstd", rstdOffset, rows, dx, "dx", dxOffset, size);
        Aliasing.disjoint(x, "x", xOffset, size, dgamma, "dgamma", dgammaOffset, cols);
        Aliasing.disjoint(dy, "dy", dyOffset, size, dgamma, "dgamma", dgammaOffset, cols);
        Aliasing.disjoint(gamma, "gamma", gammaOffset, cols, dgamma, "dgamma", dgammaOffset, cols);
        Aliasing.disjoint(rstd, "rstd", rstdOffset, rows, dgamma, "dgamma", dgammaOffset, cols);
        Aliasing.disjoint(dx, "dx", dxOffset, size, dgamma, "dgamma", dgammaOffset, cols);
        KERNELS.rmsNormBackward(x, xOffset, dy, dyOffset, gamma, gammaOffset, rstd, rstdOffset, dx, dxOffset, dgamma,
                dgammaOffset, rows, cols);
    }

    /** Checks the shape and returns {@code rows * cols}. */
    private static int matrixSize(int rows, int cols) {
        if (cols < 1) {
            throw new IllegalArgumentException("cols must be at least 1: " + cols);
        }
        Checks.nonNegative(rows, "rows");
        return Checks.product(rows, "rows", cols, "cols");
    }

    private static void checkEps(float eps) {
        if (!(eps > 0) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be positive and finite: " + eps);
        }
    }
}
