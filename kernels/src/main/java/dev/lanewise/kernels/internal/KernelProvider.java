package dev.lanewise.kernels.internal;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses, once per JVM, which implementation of every kernel family the public API calls: the
 * Vector API one (package {@code dev.lanewise.kernels.internal.vector}, loaded reflectively so
 * that nothing touches {@code jdk.incubator.vector} unless it is chosen) or the scalar reference.
 *
 * <p>The Vector API implementation is chosen when {@code jdk.incubator.vector} is in the boot
 * layer, the VM is HotSpot with C2 (the Vector API is only fast once C2 intrinsifies it; C1 and
 * the interpreter box every vector) and the preferred float species has at least 4 lanes.
 * {@code -Dlanewise.impl=vector|scalar} forces the choice (any other value is an error; a forced
 * vector that cannot run here falls back to scalar with a WARNING). The choice and its reason are logged
 * once through {@link System.Logger} ({@code dev.lanewise.kernels}) and reported by
 * {@link dev.lanewise.kernels.Lanewise}.
 *
 * <p>Internal API: it may change in any release.
 */
public abstract class KernelProvider {

    /** The system property that forces an implementation. */
    public static final String IMPL_PROPERTY = "lanewise.impl";

    static final String VECTOR_PROVIDER = "dev.lanewise.kernels.internal.vector.VectorKernelProvider";

    private static final KernelProvider CHOSEN = choose();

    /** "vector" or "scalar". */
    public abstract String name();

    /** The float species the kernels run on, such as "256-bit, 8 float lanes", or "none". */
    public abstract String species();

    /** Why this provider was chosen, and per-kernel choices it made (as logged). */
    public abstract String reason();

    /**
     * True when the same call on the same inputs gives the same bits every time, in the
     * interpreter and in compiled code alike. False only for the vector kernels with
     * {@code -Dlanewise.exp=library}, whose exp differs in the last bit between compiled (SVML)
     * and interpreted ({@code Math.exp}) code; each result still meets its error promise.
     */
    public abstract boolean reproducible();

    public abstract ActivationKernels activations();

    public abstract RowVectorKernels rowVectors();

    public abstract SoftmaxKernels softmax();

    public abstract GemmKernels gemm();

    /** The provider the public API uses. */
    public static KernelProvider get() {
        return CHOSEN;
    }

    /** The scalar reference provider, always available. */
    public static KernelProvider scalar() {
        return ScalarKernelProvider.create("requested");
    }

    /**
     * The Vector API provider, whatever {@code lanewise.impl} says, or empty when this JVM cannot
     * run it (no incubator module, no C2, fewer than 4 lanes). For tests and benchmarks.
     */
    public static Optional<KernelProvider> vector() {
        String missing = vectorUnavailableReason();
        if (missing != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(loadVectorProvider());
        } catch (VectorUnavailableException e) {
            return Optional.empty();
        }
    }

    private static KernelProvider choose() {
        GemmBlocking.checkProperty(); // a bad -Dlanewise.gemm.kc fails every implementation alike
        String forced = System.getProperty(IMPL_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        KernelProvider chosen;
        Level level = Level.INFO;
        switch (forced) {
            case "scalar":
                chosen = ScalarKernelProvider.create("forced by -D" + IMPL_PROPERTY + "=scalar");
                break;
            case "vector":
            case "":
                String missing = vectorUnavailableReason();
                if (missing == null) {
                    try {
                        chosen = loadVectorProvider();
                        break;
                    } catch (VectorUnavailableException e) {
                        missing = e.getMessage();
                    }
                }
                chosen = ScalarKernelProvider.create(missing);
                if (!forced.isEmpty()) {
                    level = Level.WARNING; // asked for vector and could not have it
                }
                break;
            default:
                throw new IllegalArgumentException("-D" + IMPL_PROPERTY + "=" + forced + " is not one of vector, scalar");
        }
        System.getLogger("dev.lanewise.kernels").log(level,
                "lanewise uses the " + chosen.name() + " kernels (" + chosen.species() + "): " + chosen.reason());
        warnIfNoHardwareFma();
        return chosen;
    }

    /**
     * Every kernel keeps its results without hardware FMA (Math.fma and FloatVector.fma are then
     * computed exactly in software), but that is very slow: say so once, loudly.
     */
    private static void warnIfNoHardwareFma() {
        if (Boolean.FALSE.equals(CpuFeatures.fma())) {
            System.getLogger("dev.lanewise.kernels").log(Level.WARNING,
                    "lanewise: the JIT has no fused multiply-add instruction here (UseFMA is false: the CPU lacks FMA or "
                            + "-XX:-UseFMA was given). Results are unchanged, but every Math.fma and FloatVector.fma "
                            + "is computed in software: sgemm, sigmoid and softmax run many times slower.");
        }
    }

    /** Null when the Vector API can be used here, else what is missing and how to get it. */
    static String vectorUnavailableReason() {
        // snippet: dispatch-module-check
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "the jdk.incubator.vector module is not in the boot layer; "
                    + "start the JVM with --add-modules jdk.incubator.vector for the SIMD kernels";
        }
        // end-snippet
        String vmName = System.getProperty("java.vm.name", "");
        if (!vmName.contains("HotSpot") && !vmName.contains("OpenJDK")) {
            return "the VM is " + vmName + ", not HotSpot: the Vector API is only intrinsified by HotSpot's C2";
        }
        String vmInfo = System.getProperty("java.vm.info", "");
        if (vmInfo.contains("interpreted mode")) {
            return "the JVM runs interpreted only (-Xint): vectors would be boxed objects";
        }
        if (!vmName.contains("Server")) {
            return "the VM (" + vmName + ") has no C2 compiler: vectors would be boxed objects";
        }
        String tierLimit = HotSpotFlags.value("TieredStopAtLevel");
        if (tierLimit != null && HotSpotFlags.value("TieredCompilation") != null
                && "true".equals(HotSpotFlags.value("TieredCompilation")) && Integer.parseInt(tierLimit) < 4) {
            return "-XX:TieredStopAtLevel=" + tierLimit + " keeps C2 off: vectors would be boxed objects";
        }
        if ("false".equals(HotSpotFlags.value("UseCompiler"))) {
            return "the JIT is off (-XX:-UseCompiler): vectors would be boxed objects";
        }
        return null;
    }

    // snippet: dispatch-load
    private static KernelProvider loadVectorProvider() {
        try {
            Class<?> type = Class.forName(VECTOR_PROVIDER);
            return (KernelProvider) type.getMethod("create").invoke(null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof VectorUnavailableException) {
                throw (VectorUnavailableException) e.getCause();
            }
            if (e.getCause() instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e.getCause(); // a misspelt strategy property
            }
            throw new VectorUnavailableException("the Vector API kernels failed to load: " + e.getCause(), e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new VectorUnavailableException("the Vector API kernels failed to load: " + e, e);
        }
    }
    // end-snippet
}
