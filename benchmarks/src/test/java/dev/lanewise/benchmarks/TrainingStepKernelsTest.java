package dev.lanewise.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The written-out step is the layers' step: same bits on lanewise's gemm, same losses on OpenBLAS's. */
class TrainingStepKernelsTest {

    private static TrainingStepBenchmark benchmark() {
        TrainingStepBenchmark benchmark = new TrainingStepBenchmark();
        benchmark.network = "20x30x16x5";
        benchmark.setUp(); // builds the network and takes its first step
        return benchmark;
    }

    @Test
    void givesTheLayersBitsOnLanewisesGemm() {
        TrainingStepBenchmark layers = benchmark();
        TrainingStepKernels kernels = layers.kernelStep(TrainingStepKernels.LANEWISE);
        kernels.step(); // the layers' first step, taken in setUp
        for (int i = 0; i < 3; i++) {
            assertEquals(layers.step(), kernels.step(), "loss of step " + (i + 2));
        }
        assertArrayEquals(layers.weights()[0], kernels.w1);
        assertArrayEquals(layers.weights()[1], kernels.b1);
        assertArrayEquals(layers.weights()[2], kernels.w2);
        assertArrayEquals(layers.weights()[3], kernels.b2);
    }

    @Test
    void givesTheSameLossesOnOpenBlas() {
        assumeTrue(Peers.available("openblas"), "OpenBLAS natives are not available here");
        TrainingStepBenchmark layers = benchmark();
        TrainingStepKernels openBlas = layers.kernelStep(TrainingStepKernels.OPENBLAS);
        openBlas.step();
        for (int i = 0; i < 3; i++) {
            assertEquals(layers.step(), openBlas.step(), 1e-4f, "loss of step " + (i + 2));
        }
    }
}
