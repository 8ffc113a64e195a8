package dev.lanewise.kernels.internal;

import java.util.Locale;

/**
 * The CPU features the JIT uses, as HotSpot reports them through its VM flags (so
 * {@code -XX:UseAVX=2} on an AVX-512 machine reads as AVX2, which is what the kernels then run
 * on). Read once; every value is "unknown" where the flag cannot be read (another VM, or no
 * java.management).
 *
 * <p>Internal API: it may change in any release.
 */
public final class CpuFeatures {
    private CpuFeatures() {}

    private static final String ARCH = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    private static final String INSTRUCTION_SET = detectInstructionSet();
    private static final Boolean FMA = flagAsBoolean("UseFMA");
    private static final Integer MAX_VECTOR_BYTES = flagAsInteger("MaxVectorSize");

    /** The SIMD instruction set the JIT compiles for: "AVX-512", "AVX2", "AVX", "SSE4", "NEON", "SVE", ... or "unknown". */
    public static String instructionSet() {
        return INSTRUCTION_SET;
    }

    private static String detectInstructionSet() {
        if (ARCH.equals("amd64") || ARCH.equals("x86_64") || ARCH.equals("x86")) {
            Integer avx = flagAsInteger("UseAVX");
            if (avx != null && avx > 0) {
                return avx >= 3 ? "AVX-512" : avx == 2 ? "AVX2" : "AVX";
            }
            Integer sse = flagAsInteger("UseSSE");
            return sse == null ? "unknown" : "SSE" + sse;
        }
        if (ARCH.equals("aarch64")) {
            Integer sve = flagAsInteger("UseSVE");
            return sve != null && sve > 0 ? "SVE" + (sve > 1 ? sve : "") : "NEON";
        }
        return "unknown";
    }

    /**
     * Whether the JIT emits fused multiply-add instructions: null when unknown. Without them
     * {@code Math.fma} and {@code FloatVector.fma} still give the fused result, computed in
     * software, which is very slow.
     */
    public static Boolean fma() {
        return FMA;
    }

    /** The JIT's largest vector in bytes ({@code -XX:MaxVectorSize}), or null when unknown. */
    public static Integer maxVectorBytes() {
        return MAX_VECTOR_BYTES;
    }

    /** One line, such as "AVX-512, FMA, vectors up to 64 bytes, amd64". */
    public static String summary() {
        return INSTRUCTION_SET
                + (FMA == null ? ", FMA unknown" : FMA ? ", FMA" : ", no hardware FMA")
                + (MAX_VECTOR_BYTES == null ? "" : ", vectors up to " + MAX_VECTOR_BYTES + " bytes")
                + ", " + ARCH;
    }

    private static Boolean flagAsBoolean(String flag) {
        String value = HotSpotFlags.value(flag);
        return value == null ? null : Boolean.valueOf(value);
    }

    private static Integer flagAsInteger(String flag) {
        String value = HotSpotFlags.value(flag);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
