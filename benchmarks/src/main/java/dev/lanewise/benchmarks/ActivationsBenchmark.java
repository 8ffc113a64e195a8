package dev.lanewise.benchmarks;

import dev.lanewise.kernels.Activations;
import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ReLU, sigmoid, tanh, SiLU, GELU (exact and tanh form) and leaky ReLU, forward and backward, per call on {@code size} elements (unit: ops/s; the
 * report turns it into Gelem/s = size × ops/s / 1e9). Each kernel runs as:
 * <ul>
 *   <li>{@code lanewise}: the public API, on the implementation the provider chose for this JDK;
 *   <li>{@code scalarReference}: lanewise's scalar twin, what runs without the incubator module;
 *   <li>{@code plainLoop}: the loop a user would write (C2 may auto-vectorize it); for exact GELU
 *       with a double erf of their own ({@link #erf}), for its tanh form with {@code Math.tanh};
 *   <li>{@code libraryExpLoop} (sigmoid): a Vector API loop on {@code lanewise(VectorOperators.EXP)};
 *   <li>{@code libraryTanhLoop} (tanh): a Vector API loop on {@code lanewise(VectorOperators.TANH)}.
 * </ul>
 * Sizes: 4096 (fits L1), 65536 (L2), 16M (memory).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
// Traffic per element: 4 bytes per float array read or written, 1/8 per packed mask bit.
@Work(kernels = {"relu", "sigmoid", "tanh", "silu", "gelu", "geluTanh", "leakyRelu"}, unit = Work.Unit.ELEMENTS,
        amount = "size", bytesPerElement = 8)
@Work(kernels = {"reluWithMask", "reluBackwardMask"}, unit = Work.Unit.ELEMENTS, amount = "size", bytesPerElement = 8.125)
@Work(kernels = {"reluBackward", "sigmoidBackward", "tanhBackward", "siluBackward", "geluBackward", "geluTanhBackward",
        "leakyReluBackward"}, unit = Work.Unit.ELEMENTS, amount = "size", bytesPerElement = 12)
public class ActivationsBenchmark {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Param({"4096", "65536", "16777216"})
    public int size;

    private float[] x;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] sigmoidOut;
    private float[] tanhOut;
    private long[] mask;
    private final ActivationKernels scalar = Kernels.scalar().activations();

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        x = new float[size];
        dy = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 16 - 8);
            dy[i] = (float) random.nextGaussian();
        }
        y = new float[size];
        dx = new float[size];
        sigmoidOut = new float[size];
        Activations.sigmoid(x, sigmoidOut);
        tanhOut = new float[size];
        Activations.tanh(x, tanhOut);
        mask = new long[Activations.maskWords(size)];
        Activations.relu(x, y, mask);
    }

    // ---- relu

    @Benchmark
    public float[] relu_lanewise() {
        Activations.relu(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] relu_scalarReference() {
        scalar.relu(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] relu_plainLoop() {
        for (int i = 0; i < size; i++) {
            y[i] = x[i] > 0 ? x[i] : 0f;
        }
        return y;
    }

    // ---- relu with keep-mask, and its backward

    @Benchmark
    public long[] reluWithMask_lanewise() {
        Activations.relu(x, 0, y, 0, mask, size);
        return mask;
    }

    @Benchmark
    public long[] reluWithMask_scalarReference() {
        scalar.relu(x, 0, y, 0, mask, size);
        return mask;
    }

    @Benchmark
    public float[] reluBackwardMask_lanewise() {
        Activations.reluBackwardFromMask(dy, 0, mask, dx, 0, size);
        return dx;
    }

    @Benchmark
    public float[] reluBackwardMask_scalarReference() {
        scalar.reluBackward(dy, 0, mask, dx, 0, size);
        return dx;
    }

    // ---- sigmoid

    @Benchmark
    public float[] sigmoid_lanewise() {
        Activations.sigmoid(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] sigmoid_scalarReference() {
        scalar.sigmoid(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] sigmoid_plainLoop() {
        for (int i = 0; i < size; i++) {
            y[i] = 1f / (1f + (float) Math.exp(-x[i]));
        }
        return y;
    }

    /** The Vector API loop a user would write with the library exp (same stable form as ours). */
    @Benchmark
    public float[] sigmoid_libraryExpLoop() {
        int i = 0;
        for (int bound = SPECIES.loopBound(size); i < bound; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            FloatVector e = v.lanewise(VectorOperators.ABS).neg().lanewise(VectorOperators.EXP);
            e.blend(1f, v.compare(VectorOperators.GT, 0f)).div(e.add(1f)).intoArray(y, i);
        }
        for (; i < size; i++) {
            y[i] = 1f / (1f + (float) Math.exp(-x[i]));
        }
        return y;
    }

    // ---- sigmoid backward

    @Benchmark
    public float[] sigmoidBackward_lanewise() {
        Activations.sigmoidBackward(sigmoidOut, 0, dy, 0, dx, 0, size);
        return dx;
    }

    @Benchmark
    public float[] sigmoidBackward_scalarReference() {
        scalar.sigmoidBackward(sigmoidOut, 0, dy, 0, dx, 0, size);
        return dx;
    }

    // ---- tanh

    @Benchmark
    public float[] tanh_lanewise() {
        Activations.tanh(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] tanh_scalarReference() {
        scalar.tanh(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] tanh_plainLoop() {
        for (int i = 0; i < size; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
        return y;
    }

    @Benchmark
    public float[] tanh_libraryTanhLoop() {
        int i = 0;
        for (int bound = SPECIES.loopBound(size); i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.TANH).intoArray(y, i);
        }
        for (; i < size; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
        return y;
    }

    @Benchmark
    public float[] tanhBackward_lanewise() {
        Activations.tanhBackward(tanhOut, 0, dy, 0, dx, 0, size);
        return dx;
    }

    @Benchmark
    public float[] tanhBackward_plainLoop() {
        for (int i = 0; i < size; i++) {
            dx[i] = dy[i] * (1f - tanhOut[i] * tanhOut[i]);
        }
        return dx;
    }

    // ---- SiLU

    @Benchmark
    public float[] silu_lanewise() {
        Activations.silu(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] silu_scalarReference() {
        scalar.silu(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] silu_plainLoop() {
        for (int i = 0; i < size; i++) {
            y[i] = x[i] / (1f + (float) Math.exp(-x[i]));
        }
        return y;
    }

    @Benchmark
    public float[] siluBackward_lanewise() {
        Activations.siluBackward(x, 0, dy, 0, dx, 0, size);
        return dx;
    }

    @Benchmark
    public float[] siluBackward_plainLoop() {
        for (int i = 0; i < size; i++) {
            float s = 1f / (1f + (float) Math.exp(-x[i]));
            dx[i] = dy[i] * s * (1f + x[i] * (1f - s));
        }
        return dx;
    }

    // ---- GELU, exact: x·Φ(x)

    @Benchmark
    public float[] gelu_lanewise() {
        Activations.gelu(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] gelu_scalarReference() {
        scalar.gelu(x, 0, y, 0, size);
        return y;
    }

    /** What a user writes without a float erf: the JDK has none, so a double erf per element (see {@link #erf}). */
    @Benchmark
    public float[] gelu_plainLoop() {
        for (int i = 0; i < size; i++) {
            double v = x[i];
            y[i] = (float) (0.5 * v * (1 + erf(v * 0.7071067811865476)));
        }
        return y;
    }

    @Benchmark
    public float[] geluBackward_lanewise() {
        Activations.geluBackward(x, 0, dy, 0, dx, 0, size);
        return dx;
    }

    @Benchmark
    public float[] geluBackward_plainLoop() {
        for (int i = 0; i < size; i++) {
            double v = x[i];
            double cdf = 0.5 * (1 + erf(v * 0.7071067811865476));
            double density = Math.exp(-0.5 * v * v) * 0.3989422804014327;
            dx[i] = (float) (dy[i] * (cdf + v * density));
        }
        return dx;
    }

    // ---- GELU, tanh form: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))

    @Benchmark
    public float[] geluTanh_lanewise() {
        Activations.geluTanh(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] geluTanh_scalarReference() {
        scalar.geluTanh(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] geluTanh_plainLoop() {
        for (int i = 0; i < size; i++) {
            float v = x[i];
            y[i] = 0.5f * v * (1f + (float) Math.tanh(0.7978845608f * (v + 0.044715f * v * v * v)));
        }
        return y;
    }

    @Benchmark
    public float[] geluTanhBackward_lanewise() {
        Activations.geluTanhBackward(x, 0, dy, 0, dx, 0, size);
        return dx;
    }

    @Benchmark
    public float[] geluTanhBackward_plainLoop() {
        for (int i = 0; i < size; i++) {
            float v = x[i];
            float th = (float) Math.tanh(0.7978845608f * (v + 0.044715f * v * v * v));
            float slope = 0.7978845608f * (1f + 3 * 0.044715f * v * v);
            dx[i] = dy[i] * (0.5f * (1f + th) + 0.5f * v * (1f - th * th) * slope);
        }
        return dx;
    }

    /**
     * erf in double, as a user would copy it in (the JDK has no erf): Numerical Recipes' erfc by
     * a Chebyshev fit in the exponent (fractional error below 1.2e-7, enough for a float result).
     */
    static double erf(double v) {
        double z = Math.abs(v);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return v >= 0 ? 1 - erfc : erfc - 1;
    }

    // ---- leaky ReLU

    @Benchmark
    public float[] leakyRelu_lanewise() {
        Activations.leakyRelu(x, 0, y, 0, size, 0.01f);
        return y;
    }

    @Benchmark
    public float[] leakyRelu_plainLoop() {
        for (int i = 0; i < size; i++) {
            y[i] = x[i] > 0 ? x[i] : 0.01f * x[i];
        }
        return y;
    }

    @Benchmark
    public float[] leakyReluBackward_lanewise() {
        Activations.leakyReluBackward(x, 0, dy, 0, dx, 0, size, 0.01f);
        return dx;
    }

    @Benchmark
    public float[] leakyReluBackward_plainLoop() {
        for (int i = 0; i < size; i++) {
            dx[i] = x[i] > 0 ? dy[i] : 0.01f * dy[i];
        }
        return dx;
    }
}
