package dev.lanewise.kernels.internal;

import java.lang.System.Logger.Level;
import dev.lanewise.kernels.internal.KernelProvider.Why;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses, once per JVM, which {@link KernelProvider} the public API calls: the Vector API one
 * (package {@code dev.lanewise.kernels.internal.vector}, loaded reflectively so that nothing
 * touches {@code jdk.incubator.vector} unless it is chosen) or the scalar reference. A holder,
 * as Lucene's VectorizationProvider is: the providers know nothing of it.
 *
 * <p>First {@link Config} reads every {@code lanewise.*} property; a bad one fails every entry
 * point with its IllegalArgumentException, never a silent fallback. Then the Vector API
 * implementation is chosen when {@code jdk.incubator.vector} is in the boot layer, the VM is
 * HotSpot with C2 (the Vector API is only fast once C2 intrinsifies it; C1 and the interpreter
 * box every vector) and the preferred float species has at least 4 lanes, unless
 * {@code -Dlanewise.impl} forces it (a forced vector that cannot run falls back to scalar with a
 * WARNING). The choice is logged once through {@link System.Logger} ({@code dev.lanewise.kernels}):
 * INFO, or WARNING when the scalar kernels run for want of the incubator module;
 * {@link dev.lanewise.kernels.Lanewise} reports it with the reasons.
 *
 * <p>Internal API: it may change in any release.
 */
public final class Kernels {
    private Kernels() {}

    static final String VECTOR_PROVIDER = "dev.lanewise.kernels.internal.vector.VectorKernelProvider";

    /** The provider chosen once, or the configuration error every use rethrows. */
    private static final class Chosen {
        static final KernelProvider PROVIDER;
        static final IllegalArgumentException ERROR;

        static {
            KernelProvider provider = null;
            IllegalArgumentException error = null;
            try {
                provider = choose(Config.get());
            } catch (IllegalArgumentException e) {
                error = e;
            }
            PROVIDER = provider;
            ERROR = error;
        }
    }

    /** The provider the public API uses; a bad {@code lanewise.*} property throws its IllegalArgumentException. */
    public static KernelProvider get() {
        if (Chosen.ERROR != null) {
            throw new IllegalArgumentException(Chosen.ERROR.getMessage());
        }
        return Chosen.PROVIDER;
    }

    /**
     * One kernel family of the chosen provider, for the public classes' static final fields: it
     * never throws, so that a bad property cannot fail their initialisation (which would turn
     * every later call into a NoClassDefFoundError). With a bad property the family returned
     * throws the property's IllegalArgumentException from every method.
     */
    public static <T> T family(Class<T> type, Function<KernelProvider, T> family) {
        if (Chosen.ERROR == null) {
            return family.apply(Chosen.PROVIDER);
        }
        String message = Chosen.ERROR.getMessage();
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals": return proxy == args[0];
                    case "hashCode": return System.identityHashCode(proxy);
                    default: return type.getSimpleName() + " (unusable: " + message + ")";
                }
            }
            throw new IllegalArgumentException(message);
        }));
    }

    /** The scalar reference provider, always available. */
    public static KernelProvider scalar() {
        return ScalarKernelProvider.create(Why.REQUESTED, "requested");
    }

    /**
     * The Vector API provider, whatever {@code lanewise.impl} says, or empty when this JVM cannot
     * run it (no incubator module, no C2, fewer than 4 lanes). For tests and benchmarks. A bad
     * {@code lanewise.*} property throws its IllegalArgumentException.
     */
    public static Optional<KernelProvider> vector() {
        Config.get();
        if (vectorUnavailable() != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(loadVectorProvider());
        } catch (VectorUnavailableException e) {
            return Optional.empty();
        }
    }

    private static KernelProvider choose(Config config) {
        Config.Impl forced = config.impl();
        KernelProvider chosen;
        if (forced == Config.Impl.SCALAR) {
            chosen = ScalarKernelProvider.create(Why.FORCED_SCALAR, "forced by -D" + Config.IMPL + "=scalar");
        } else {
            VectorUnavailableException missing = vectorUnavailable();
            if (missing == null) {
                try {
                    chosen = loadVectorProvider();
                } catch (VectorUnavailableException e) {
                    missing = e;
                    chosen = null;
                }
            } else {
                chosen = null;
            }
            if (chosen == null) {
                chosen = ScalarKernelProvider.create(missing.why(), missing.getMessage());
            }
        }
        // A forgotten --add-modules costs 10-50x: a WARNING, so that a logging setup at WARNING shows it.
        boolean warn = chosen.implementation() == KernelProvider.Implementation.SCALAR
                && (forced == Config.Impl.VECTOR || (forced == Config.Impl.AUTO && chosen.why() == Why.MODULE_MISSING));
        System.getLogger(LOGGER_NAME).log(warn ? Level.WARNING : Level.INFO,
                choiceLine(version(), chosen, forced, CpuFeatures.summary()));
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
    static String choiceLine(String version, KernelProvider chosen, Config.Impl forced, String cpu) {
        String line = "lanewise " + version + ": ";
        if (chosen.implementation() == KernelProvider.Implementation.VECTOR) {
            line += "vector kernels, " + chosen.species() + " (" + cpu + ")";
        } else if (chosen.why() == Why.FORCED_SCALAR) {
            line += "scalar kernels, forced by -D" + Config.IMPL + "=scalar";
        } else if (chosen.why() == Why.MODULE_MISSING) {
            line += "scalar kernels, 10-50x slower: " + VECTOR_MODULE + " is missing;"
                    + " add --add-modules " + VECTOR_MODULE + " to the java command";
        } else {
            line += "scalar kernels" + (forced == Config.Impl.VECTOR ? " although -D" + Config.IMPL + "=vector" : "")
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
        String version = Kernels.class.getPackage().getImplementationVersion();
        if (version == null && Kernels.class.getModule().getDescriptor() != null) {
            version = Kernels.class.getModule().getDescriptor().rawVersion().orElse(null);
        }
        return version == null ? "unknown" : version;
    }

    /**
     * Every kernel keeps its results without hardware FMA (Math.fma and FloatVector.fma are then
     * computed exactly in software), but that is very slow: say so once, loudly.
     */
    private static void warnIfNoHardwareFma() {
        if (Boolean.FALSE.equals(CpuFeatures.fma())) {
            System.getLogger(LOGGER_NAME).log(Level.WARNING,
                    "lanewise: the JIT has no fused multiply-add instruction here (UseFMA is false: the CPU lacks FMA or "
                            + "-XX:-UseFMA was given). Results are unchanged, but every Math.fma and FloatVector.fma "
                            + "is computed in software: sgemm, sigmoid and softmax run many times slower.");
        }
    }

    /** Null when the Vector API can be used here, else what is missing (why, and how to get it). */
    static VectorUnavailableException vectorUnavailable() {
        // snippet: dispatch-module-check
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new VectorUnavailableException(Why.MODULE_MISSING, "the jdk.incubator.vector module is not in the boot layer; "
                    + "start the JVM with --add-modules jdk.incubator.vector for the SIMD kernels");
        }
        // end-snippet
        String vmName = System.getProperty("java.vm.name", "");
        if (!vmName.contains("HotSpot") && !vmName.contains("OpenJDK")) {
            return new VectorUnavailableException(Why.NO_C2, "the VM is " + vmName + ", not HotSpot: the Vector API is only intrinsified by HotSpot's C2");
        }
        String vmInfo = System.getProperty("java.vm.info", "");
        if (vmInfo.contains("interpreted mode")) {
            return new VectorUnavailableException(Why.NO_C2, "the JVM runs interpreted only (-Xint): vectors would be boxed objects");
        }
        if (!vmName.contains("Server")) {
            return new VectorUnavailableException(Why.NO_C2, "the VM (" + vmName + ") has no C2 compiler: vectors would be boxed objects");
        }
        String tierLimit = HotSpotFlags.value("TieredStopAtLevel");
        if (tierLimit != null && HotSpotFlags.value("TieredCompilation") != null
                && "true".equals(HotSpotFlags.value("TieredCompilation")) && Integer.parseInt(tierLimit) < 4) {
            return new VectorUnavailableException(Why.NO_C2, "-XX:TieredStopAtLevel=" + tierLimit + " keeps C2 off: vectors would be boxed objects");
        }
        if ("false".equals(HotSpotFlags.value("UseCompiler"))) {
            return new VectorUnavailableException(Why.NO_C2, "the JIT is off (-XX:-UseCompiler): vectors would be boxed objects");
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
            throw new VectorUnavailableException(Why.LOAD_FAILED, "the Vector API kernels failed to load: " + e.getCause(), e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new VectorUnavailableException(Why.LOAD_FAILED, "the Vector API kernels failed to load: " + e, e);
        }
    }
    // end-snippet
}
