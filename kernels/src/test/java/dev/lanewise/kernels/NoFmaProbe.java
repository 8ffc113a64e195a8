package dev.lanewise.kernels;

/** Run in a fresh JVM by {@link DispatchTest} with -XX:-UseFMA: describe(), then a digest of a small sgemm, sigmoid and softmax. */
public final class NoFmaProbe {
    private NoFmaProbe() {}

    public static void main(String[] args) {
        System.out.println(Lanewise.describe());
        System.out.println("digest " + digest());
    }

    /** Small enough for software FMA: a 9×11×300 sgemm (two k blocks), sigmoid and softmax of 100. */
    static String digest() {
        GoldenBits.Digest digest = new GoldenBits.Digest();
        float[] a = TestData.mixed(9 * 300, 1);
        float[] b = TestData.mixed(300 * 11, 2);
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.isFinite(a[i]) ? a[i] % 4 : 1f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.isFinite(b[i]) ? b[i] % 4 : -1f;
        }
        float[] c = new float[9 * 11];
        Gemm.matmul(a, b, c, 9, 300, 11);
        digest.add(c);
        float[] x = TestData.mixed(100, 3);
        float[] y = new float[100];
        Activations.sigmoid(x, y);
        digest.add(y);
        Softmax.softmax(c, 0, c, 0, 9, 11);
        digest.add(c);
        return digest.hex();
    }
}
