package dev.lanewise.kernels;

import dev.lanewise.kernels.internal.CpuFeatures;
import dev.lanewise.kernels.internal.Kernels;

/**
 * Which implementation this JVM runs: the Vector API kernels or the scalar reference, chosen once
 * when the first kernel class initialises.
 *
 * <p>The Vector API kernels are chosen when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, runs HotSpot with its C2 compiler, and its preferred
 * float vector has at least 4 lanes; otherwise the scalar reference runs, and every kernel still
 * works. {@code -Dlanewise.impl=vector} or {@code -Dlanewise.impl=scalar} forces the choice (a
 * forced {@code vector} that cannot run falls back to scalar with a warning). The choice is logged
 * once through {@link System.Logger} {@code dev.lanewise.kernels}, in one line with the version
 * and the CPU features: at INFO, or at WARNING when the scalar kernels run because the JVM lacks
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Every {@code lanewise.*} system property is checked at the library's first use: a bad value
 * makes every call into the library, these methods included (but for {@link #cpuFeatures()} and
 * {@link #version()}), throw an IllegalArgumentException naming the property, the value and the
 * allowed values.
 */
public final class Lanewise {
    private Lanewise() {}

    /**
     * The implementation the kernels run on.
     *
     * @return {@code "vector"} or {@code "scalar"}
     */
    public static String implementation() {
        return Kernels.get().name();
    }

    /**
     * The vector species the kernels run on.
     *
     * @return the species, such as {@code "256-bit, 8 float lanes"}, or {@code "no vector species"} for the scalar reference
     */
    public static String species() {
        return Kernels.get().species();
    }

    /**
     * Why this implementation was chosen.
     *
     * @return the reason, with the per-kernel strategies chosen for this JDK
     */
    public static String reason() {
        return Kernels.get().reason();
    }

    /**
     * The CPU features the JIT compiles the kernels for, as HotSpot reports them: the SIMD
     * instruction set (AVX-512, AVX2, ... or NEON), whether it has fused multiply-add, the
     * largest vector, the architecture. {@code -XX:UseAVX=2} on an AVX-512 machine reads AVX2.
     *
     * @return the features, such as {@code "AVX-512, FMA, vectors up to 64 bytes, amd64"}
     */
    public static String cpuFeatures() {
        return CpuFeatures.summary();
    }

    /**
     * Implementation, species, CPU features and reason in one line.
     *
     * @return {@code implementation() + " (" + species() + "; " + cpuFeatures() + "): " + reason()}
     */
    public static String describe() {
        return implementation() + " (" + species() + "; " + cpuFeatures() + "): " + reason();
    }

    /**
     * The library's version.
     *
     * @return the version, such as {@code "0.1.0"}, or {@code "unknown"} when run from class folders
     */
    public static String version() {
        return Kernels.version();
    }

    /**
     * Prints {@link #describe()}: {@code java --add-modules jdk.incubator.vector -cp lanewise-kernels.jar dev.lanewise.kernels.Lanewise}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("lanewise " + describe());
    }
}
