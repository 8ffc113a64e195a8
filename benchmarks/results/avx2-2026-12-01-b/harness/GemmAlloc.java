// Ninth session (Zen 3, AVX2, both JDKs). Build the benchmark jar (benchmarks/target/benchmarks.jar), then:
//   javac -cp benchmarks.jar -d . GemmAlloc.java
//   java -Drounds=200 -Dverbose=true --add-modules jdk.incubator.vector -cp benchmarks.jar:. GemmAlloc 64 96 64 0 0
import dev.lanewise.kernels.Gemm;
import java.lang.management.ManagementFactory;

/** Steady-state bytes per sgemm call for the training step's three products and a few cubes. */
public class GemmAlloc {
    static final com.sun.management.ThreadMXBean T = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    public static void main(String[] args) {
        int[][] shapes = {{256, 512, 784, 0, 0}, {256, 784, 512, 0, 1}, {784, 512, 256, 1, 0},
            {256, 10, 512, 0, 0}, {256, 512, 10, 0, 1}, {512, 10, 256, 1, 0}, {64, 96, 64, 0, 0}, {512, 512, 512, 0, 0}};
        if (args.length == 5) shapes = new int[][] {java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()};
        int rounds = Integer.getInteger("rounds", 25);
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2]; boolean ta = s[3] == 1, tb = s[4] == 1;
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            java.util.Arrays.fill(a, 0.5f); java.util.Arrays.fill(b, 0.25f);
            int lda = ta ? m : k, ldb = tb ? k : n;
            double per = 0;
            for (int r = 0; r < rounds; r++) {
                long before = T.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 40; i++) Gemm.sgemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
                per = (T.getCurrentThreadAllocatedBytes() - before) / 40.0;
                if (Boolean.getBoolean("verbose") && r % 10 == 9) System.out.printf("  round %d: %.1f%n", r, per);
            }
            System.out.printf("%s%s %dx%dx%d: %.1f B/call%n", ta ? "T" : "N", tb ? "T" : "N", m, n, k, per);
        }
    }
}
