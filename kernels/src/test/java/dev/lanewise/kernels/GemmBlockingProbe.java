package dev.lanewise.kernels;

/**
 * Run in a fresh JVM by {@link GemmBlockingPropertiesTest}, with sgemm blocking properties set:
 * prints {@link Lanewise#describe()}, then multiplies small integers (whose float sums are exact,
 * so every implementation and blocking must give the same numbers) and prints whether C is right.
 */
public final class GemmBlockingProbe {
    private GemmBlockingProbe() {}

    public static void main(String[] args) {
        System.out.println(Lanewise.describe());
        int m = 130;
        int n = 150;
        int k = 300;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 5 - 2;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 3 - 1;
        }
        float[] c = new float[m * n];
        Gemm.matmul(a, b, c, m, k, n);
        int wrong = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[p * n + j];
                }
                wrong += c[i * n + j] == sum ? 0 : 1;
            }
        }
        System.out.println("wrong elements " + wrong);
    }
}
