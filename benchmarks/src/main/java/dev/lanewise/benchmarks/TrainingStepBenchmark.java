package dev.lanewise.benchmarks;

import dev.lanewise.layers.Affine;
import dev.lanewise.layers.Matrix;
import dev.lanewise.layers.Relu;
import dev.lanewise.layers.Sequential;
import dev.lanewise.layers.Sgd;
import dev.lanewise.layers.SoftmaxWithLoss;
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
 * One full training step of Affine → Relu → Affine → SoftmaxWithLoss (forward, loss, backward,
 * SGD update) at the book's MNIST shapes and a wider one. {@code network} is
 * batch×inputs×hidden×classes. One op = one step; the report counts 6 × batch × (inputs × hidden +
 * hidden × classes) flops (the three matrix products of each affine layer), in GFLOP/s.
 *
 * <p>{@code step_lanewise} runs on the implementation the provider chooses (the Vector API);
 * {@code step_scalarReference} runs in a fork started with {@code -Dlanewise.impl=scalar}. The
 * layers choose their kernels once per JVM, so the two need separate forks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TrainingStepBenchmark {

    @Param({"100x784x50x10", "256x784x512x10"})
    public String network;

    private Sequential net;
    private final SoftmaxWithLoss head = new SoftmaxWithLoss();
    private final Sgd sgd = new Sgd(1e-3f); // small: the weights must not drift over millions of steps
    private Matrix x;
    private int[] labels;

    @Setup
    public void setUp() {
        String[] dims = network.split("x");
        int batch = Integer.parseInt(dims[0]);
        int inputs = Integer.parseInt(dims[1]);
        int hidden = Integer.parseInt(dims[2]);
        int classes = Integer.parseInt(dims[3]);
        SplittableRandom random = new SplittableRandom(3);
        net = new Sequential(new Affine(gaussian(random, inputs, hidden, Math.sqrt(2.0 / inputs)), new float[hidden]),
                new Relu(), new Affine(gaussian(random, hidden, classes, Math.sqrt(2.0 / hidden)), new float[classes]));
        x = gaussian(random, batch, inputs, 1.0);
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(classes);
        }
        step(); // first step allocates the layers' buffers
    }

    private float step() {
        float loss = head.forward(net.forward(x), labels);
        net.backward(head.backward());
        sgd.step(net);
        return loss;
    }

    @Benchmark
    public float step_lanewise() {
        return step();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {"-Dlanewise.impl=scalar"}, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
    public float step_scalarReference() {
        return step();
    }

    private static Matrix gaussian(SplittableRandom random, int rows, int cols, double scale) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = (float) (random.nextGaussian() * scale);
        }
        return m;
    }
}
