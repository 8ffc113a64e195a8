package dev.lanewise.benchmarks;

import dev.lanewise.kernels.Optimizers;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import dev.lanewise.kernels.internal.OptimizerKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * One AdamW step and one SGD-with-momentum step over {@code size} parameters (unit: ops/s; the
 * report gives Gelem/s and, from the bytes each element moves, the fraction of the copy
 * bandwidth roof: both updates are memory-bound at 16M parameters). Each as {@code lanewise} (the
 * public API), {@code scalarReference} (its scalar twin) and {@code plainLoop} (the float loop a
 * user would write, with {@code Math.sqrt} and the bias corrections per call). The step count
 * stays fixed so that every call does the same work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
// Adam reads param, grad, m and v and writes param, m and v (28 bytes per element); SGD reads
// param, grad and velocity and writes param and velocity (20).
@Work(kernels = "adam", unit = Work.Unit.ELEMENTS, amount = "size", bytesPerElement = 28)
@Work(kernels = "sgd", unit = Work.Unit.ELEMENTS, amount = "size", bytesPerElement = 20)
public class OptimizersBenchmark {

    @Param({"65536", "16777216"})
    public int size;

    private float[] param;
    private float[] grad;
    private float[] m;
    private float[] v;
    private final OptimizerKernels scalar = Kernels.scalar().optimizers();

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        param = new float[size];
        grad = new float[size];
        m = new float[size];
        v = new float[size];
        for (int i = 0; i < size; i++) {
            param[i] = (float) random.nextGaussian();
            grad[i] = (float) (random.nextGaussian() * 0.01);
        }
    }

    // ---- Adam

    @Benchmark
    public float[] adam_lanewise() {
        Optimizers.adam(param, 0, grad, 0, m, 0, v, 0, size, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, 10);
        return param;
    }

    @Benchmark
    public float[] adam_scalarReference() {
        scalar.adamStep(param, 0, grad, 0, m, 0, v, 0, size, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, 10);
        return param;
    }

    @Benchmark
    public float[] adam_plainLoop() {
        float lr = 1e-3f;
        float beta1 = 0.9f;
        float beta2 = 0.999f;
        float correction1 = (float) (1 - Math.pow(beta1, 10));
        float correction2 = (float) (1 - Math.pow(beta2, 10));
        for (int i = 0; i < size; i++) {
            float g = grad[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            float mHat = m[i] / correction1;
            float vHat = v[i] / correction2;
            param[i] = param[i] * (1 - lr * 0.01f) - lr * mHat / ((float) Math.sqrt(vHat) + 1e-8f);
        }
        return param;
    }

    // ---- SGD with momentum

    @Benchmark
    public float[] sgd_lanewise() {
        Optimizers.sgd(param, 0, grad, 0, m, 0, size, 0.01f, 0.9f, 1e-4f);
        return param;
    }

    @Benchmark
    public float[] sgd_scalarReference() {
        scalar.sgd(param, 0, grad, 0, m, 0, size, 0.01f, 0.9f, 1e-4f);
        return param;
    }

    @Benchmark
    public float[] sgd_plainLoop() {
        for (int i = 0; i < size; i++) {
            m[i] = 0.9f * m[i] + (grad[i] + 1e-4f * param[i]);
            param[i] -= 0.01f * m[i];
        }
        return param;
    }
}
