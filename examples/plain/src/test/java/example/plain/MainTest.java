package example.plain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lanewise.kernels.Lanewise;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void theTestsRunTheKernelsTheBuildAsksFor() {
        // "vector" with surefire's argLine --add-modules jdk.incubator.vector (the pom's default).
        assertEquals(System.getProperty("example.expect", "vector"), Lanewise.implementation(), Lanewise.describe());
        assertFalse(Lanewise.class.getModule().isNamed(), "this example uses the class path");
    }

    @Test
    void forwardPassGivesTheExpectedProbabilities() {
        // hidden = relu([[1, -1, 1.5], [-4, 4, 1]]) = [[1, 0, 1.5], [0, 4, 1]];
        // logits = [[2.5, -1.5], [1, 3]]; softmax of [4, 0] and [0, 2] shifted.
        float[] p = Main.forward(new float[] {2, 1, -1, 3});
        double a = 1 / (1 + Math.exp(-4));
        double b = 1 / (1 + Math.exp(2));
        assertArrayEquals(new float[] {(float) a, (float) (1 - a), (float) b, (float) (1 - b)}, p, 1e-6f);
    }
}
