package example.jpms;

import dev.lanewise.kernels.Activations;
import dev.lanewise.kernels.Gemm;
import dev.lanewise.kernels.Lanewise;
import dev.lanewise.kernels.Softmax;
import java.util.Arrays;

/** A two-layer forward pass on lanewise's kernels, then which implementation ran it. */
public final class Main {
    private Main() {}

    /**
     * Affine (2 x 3 weights) -> ReLU -> affine (3 x 2) -> softmax for a batch of two inputs.
     *
     * @return the class probabilities, 2 rows of 2
     */
    public static float[] forward(float[] x) {
        float[] w1 = {1, -1, 0.5f, -1, 1, 0.5f};
        float[] w2 = {1, 0, 0, 1, 1, -1};
        float[] hidden = new float[2 * 3];
        Gemm.matmul(x, w1, hidden, 2, 2, 3);
        Activations.relu(hidden, hidden);
        float[] logits = new float[2 * 2];
        Gemm.matmul(hidden, w2, logits, 2, 3, 2);
        float[] probabilities = new float[logits.length];
        Softmax.softmax(logits, 0, probabilities, 0, 2, 2);
        return probabilities;
    }

    public static void main(String[] args) {
        float[] probabilities = forward(new float[] {2, 1, -1, 3});
        System.out.println("probabilities: " + Arrays.toString(probabilities));
        System.out.println("lanewise " + Lanewise.version() + ", implementation: " + Lanewise.implementation()
                + " (" + Lanewise.species() + ")");
    }
}
