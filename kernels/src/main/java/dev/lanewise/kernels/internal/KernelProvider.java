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
 * vector that cannot run here falls back to scalar with a WARNING). The choice is logged once
 * through {@link System.Logger} ({@code dev.lanewise.kernels}): INFO, or WARNING when the scalar
 * kernels run for want of the incubator module; {@link dev.lanewise.kernels.Lanewise} reports it
 * with the reasons.
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

    public abstract OptimizerKernels optimizers();

    public abstract NormalizationKernels normalization();

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
                break;
            default:
                throw new IllegalArgumentException("-D" + IMPL_PROPERTY + "=" + forced + " is not one of vector, scalar");
        }
        boolean moduleMissing = ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty();
        // A forgotten --add-modules costs 10-50x: a WARNING, so that a logging setup at WARNING shows it.
        boolean warn = chosen.name().equals("scalar") && (forced.equals("vector") || (forced.isEmpty() && moduleMissing));
        System.getLogger(LOGGER_NAME).log(warn ? Level.WARNING : Level.INFO,
                choiceLine(version(), chosen, forced, moduleMissing, CpuFeatures.summary()));
        warnIfNoHardwareFma();
        return chosen;
    }

    /** The System.Logger the choice is logged to, once per JVM (per class loader). */
    static final String LOGGER_NAME = "dev.lanewise.kernels";

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * The logged line: one short ASCII sentence with the version, the implementation and the CPU
     * features; Lanewise.describe() has the reasons and per-kernel strategies.
     */
    static String choiceLine(String version, KernelProvider chosen, String forced, boolean moduleMissing, String cpu) {
        String line = "lanewise " + version + ": ";
        if (chosen.name().equals("vector")) {
            line += "vector kernels, " + chosen.species() + " (" + cpu + ")";
        } else if (forced.equals("scalar")) {
            line += "scalar kernels, forced by -D" + IMPL_PROPERTY + "=scalar";
        } else if (moduleMissing) {
            line += "scalar kernels, 10-50x slower: " + VECTOR_MODULE + " is missing;"
                    + " add --add-modules " + VECTOR_MODULE + " to the java command";
        } else {
            line += "scalar kernels" + (forced.equals("vector") ? " although -D" + IMPL_PROPERTY + "=vector" : "")
                    + ": " + chosen.reason();
        }
        return ascii(line);
    }

    // Log lines must print alike under LANG=C: the few non-ASCII signs in reasons become ASCII.
    private static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '\u00d7' ? 'x' : c < 0x20 || c > 0x7e ? '?' : c);
        }
        return out.toString();
    }

    /**
     * The library's version: the jar manifest's Implementation-Version on the class path, the
     * module's version on the module path or in a jlink image (which keeps no manifest), else
     * "unknown" (run from class folders).
     */
    public static String version() {
        String version = KernelProvider.class.getPackage().getImplementationVersion();
        if (version == null && KernelProvider.class.getModule().getDescriptor() != null) {
            version = KernelProvider.class.getModule().getDescriptor().rawVersion().orElse(null);
        }
        return version == null ? "unknown" : version;
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
