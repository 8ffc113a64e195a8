package dev.lanewise.probe;

import dev.lanewise.kernels.Activations;
import dev.lanewise.kernels.Gemm;
import dev.lanewise.kernels.Lanewise;
import dev.lanewise.kernels.Normalization;
import dev.lanewise.kernels.Optimizers;
import dev.lanewise.kernels.RowVectors;
import dev.lanewise.kernels.Softmax;

/**
 * Run in a fresh JVM by BadPropertiesTest and ModuleModeTest with one bad {@code lanewise.*} property: calls
 * the library through several entry points, each twice, and prints one line per call with what
 * it threw, so the test sees the first use and every later one. In a package of its own, so that
 * it also runs on the class path beside the library on the module path (no split package).
 */
public final class BadPropertyProbe {
    private BadPropertyProbe() {}

    public static void main(String[] args) {
        for (int attempt = 0; attempt < 2; attempt++) {
            call("relu", () -> Activations.relu(new float[8], new float[8]));
            call("sgemm", () -> Gemm.matmul(new float[4], new float[4], new float[4], 2, 2, 2));
            call("softmax", () -> Softmax.softmax(new float[8], 0, new float[8], 0, 2, 4));
            call("rowVectors", () -> RowVectors.addToEachRow(new float[4], 0, new float[8], 0, 2, 4));
            call("optimizers", () -> Optimizers.sgd(new float[4], new float[4], new float[4], 0.1f, 0.9f, 0f));
            call("normalization", () -> Normalization.rmsNorm(new float[8], 0, new float[4], 0, new float[8], 0,
                    new float[2], 0, 2, 4, 1e-5f));
            call("describe", Lanewise::describe);
        }
    }

    private static void call(String name, Runnable entry) {
        try {
            entry.run();
            System.out.println(name + ": no exception");
        } catch (Throwable e) {
            System.out.println(name + ": " + e);
        }
    }
}
