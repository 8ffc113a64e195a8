package dev.lanewise.benchmarks;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_full;

/**
 * The native peers of the gemm and training-step benchmarks, and whether this machine can run
 * them: {@code openblas} (a current OpenBLAS through org.bytedeco:openblas, natives for
 * linux-x86_64 in the jar) and {@code jblas} (jblas 1.2.5 and its old bundled OpenBLAS, which
 * needs the system's libgfortran 5). {@code benchmarks/run} runs this first, leaves out the
 * benchmarks of a peer that is missing, and hands the lines to the report, which names the builds.
 *
 * <p>Prints one line per peer: {@code name TAB ok|missing TAB description or reason}.
 */
public final class Peers {
    private Peers() {}

    /** jblas's label wherever it is shown: it is not the OpenBLAS the suite compares with. */
    public static final String JBLAS = "jblas 1.2.5 (old bundled OpenBLAS)";

    public static void main(String[] args) {
        System.out.println("openblas\t" + probe(Peers::openBlasDescription));
        System.out.println("jblas\t" + probe(Peers::jblas));
    }

    /** Whether the peer's natives load here ("openblas" or "jblas"). */
    static boolean available(String peer) {
        return probe(peer.equals("openblas") ? Peers::openBlasDescription : Peers::jblas).startsWith("ok");
    }

    private static String jblas() {
        // the class's initializer loads the bundled natives (and libgfortran)
        org.jblas.NativeBlas.sdot(1, new float[] {1}, 0, 1, new float[] {1}, 0, 1);
        return JBLAS;
    }

    private static String probe(java.util.function.Supplier<String> load) {
        try {
            return "ok\t" + load.get();
        } catch (LinkageError | RuntimeException e) {
            String platform = platform();
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            return "missing\t" + (platform.equals("linux-x86_64") ? "" : "natives only for linux-x86_64, this is " + platform + "; ")
                    + reason.lines().findFirst().orElse(reason);
        }
    }

    private static String platform() {
        try {
            return Loader.getPlatform();
        } catch (LinkageError | RuntimeException e) {
            return System.getProperty("os.name") + "-" + System.getProperty("os.arch");
        }
    }

    /**
     * OpenBLAS's own account of itself: version and build ({@code openblas_get_config()}), the
     * core kernel it chose for this CPU ({@code openblas_get_corename()}), and the environment
     * variables that steer that choice.
     */
    public static String openBlasDescription() {
        String config = openblas_full.openblas_get_config().getString();
        String core = openblas_full.openblas_get_corename().getString();
        return config + "; core " + core + "; " + env("OPENBLAS_CORETYPE") + ", " + env("OPENBLAS_L2_SIZE") + ", "
                + env("OPENBLAS_NUM_THREADS");
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return name + (value == null ? " unset" : "=" + value);
    }
}
