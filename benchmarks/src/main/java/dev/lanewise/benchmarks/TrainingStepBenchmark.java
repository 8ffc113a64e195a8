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
 * layers choose their kernels once per JVM, so the two need separate forks. {@code step_openblas}
 * is the peer: the same step with its six matrix products on OpenBLAS ({@code cblas_sgemm}, one
 * thread) and every other kernel lanewise's, written out over the kernels in
 * {@link TrainingStepKernels} (which, on lanewise's gemm, gives the layers' bits exactly).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
// network = batch x inputs x hidden x classes: each affine layer does three products (forward,
// dx, dW) of 2 x batch x in x out flops; the element-wise work is negligible. The working set:
// the input batch, both weight matrices, the activations and gradients of both layers.
@Work(unit = Work.Unit.FLOPS, amount = "6 * network[0] * (network[1] * network[2] + network[2] * network[3])",
        workingSet = "4 * (network[0] * network[1] + network[1] * network[2] + network[2] * network[3]"
                + " + 2 * network[0] * network[2] + 2 * network[0] * network[3])")
public class TrainingStepBenchmark {

    @Param({"100x784x50x10", "256x784x512x10"})
    public String network;

    private Sequential net;
    private Affine first;
    private Affine second;
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
        first = new Affine(gaussian(random, inputs, hidden, Math.sqrt(2.0 / inputs)), new float[hidden]);
        second = new Affine(gaussian(random, hidden, classes, Math.sqrt(2.0 / hidden)), new float[classes]);
        net = new Sequential(first, new Relu(), second);
        x = gaussian(random, batch, inputs, 1.0);
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(classes);
        }
        // the weights before any step, for the peer (the step below moves them)
        initialWeights = new float[][] {first.weights().data().clone(), first.bias().clone(),
            second.weights().data().clone(), second.bias().clone()};
        step(); // first step allocates the layers' buffers
    }

    private float[][] initialWeights;

    /** The same network, initial weights and batch, as a step over the kernels with the given gemm. */
    TrainingStepKernels kernelStep(TrainingStepKernels.Sgemm gemm) {
        return new TrainingStepKernels(gemm, sgd.learningRate(), x.data(), labels, initialWeights[0], initialWeights[1],
                initialWeights[2], initialWeights[3]);
    }

    /** W1, b1, W2, b2 as they are now (the layers' arrays). */
    float[][] weights() {
        return new float[][] {first.weights().data(), first.bias(), second.weights().data(), second.bias()};
    }

    float step() {
        float loss = head.forward(net.forward(x), labels);
        net.backward(head.backward());
        sgd.step(net);
        return loss;
    }

    @Benchmark
    public float step_lanewise() {
        return step();
    }

    /** The step over the kernels with OpenBLAS's gemm, on the same weights and batch. */
    @State(Scope.Thread)
    public static class OpenBlasStep {
        TrainingStepKernels step;

        @Setup
        public void setUp(TrainingStepBenchmark benchmark) {
            GemmBenchmark.useOpenBlasThreads(1);
            step = benchmark.kernelStep(TrainingStepKernels.OPENBLAS);
            step.step(); // as the layers' first step
        }
    }

    @Benchmark
    public float step_openblas(OpenBlasStep openBlas) {
        return openBlas.step.step();
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
