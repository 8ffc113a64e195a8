package dev.lanewise.kernels.internal;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Every {@code lanewise.*} system property, read and checked in one place, before any Vector API
 * class initialises. A bad value is an IllegalArgumentException naming the property, the value and
 * what is allowed, thrown at the library's first use and again at every later use, whichever
 * implementation would have run: a typo must never quietly make the library scalar. The README's
 * table lists the properties.
 *
 * <p>A property that is not set reads as null (the strategies, the tile shape) or as its default
 * (the blocking): the kernels then choose by the JDK and the species.
 *
 * <p>Internal API: it may change in any release.
 */
public final class Config {

    public static final String IMPL = "lanewise.impl";
    public static final String EXP = "lanewise.exp";
    public static final String RELU = "lanewise.relu";
    public static final String MASK = "lanewise.mask";
    public static final String GEMM_SHAPE = "lanewise.gemm.shape";
    public static final String GEMM_KC = "lanewise.gemm.kc";
    public static final String GEMM_MC = "lanewise.gemm.mc";
    public static final String GEMM_NC = "lanewise.gemm.nc";
    public static final String GEMM_DIRECT = "lanewise.gemm.direct";

    /**
     * The largest KC, MC and NC accepted: 2^15. Far past any cache (a 2^15-wide block of floats is
     * 128 KiB per row), and small enough that rounding MC or NC up to whole micro-panels (at most
     * 6 rows, 64 columns) cannot overflow int, nor can a packing buffer, (MC + 5) × KC or
     * KC × (NC + 63) floats, which stays below 2^31.
     */
    public static final int BLOCK_LIMIT = 1 << 15;

    /** {@code -Dlanewise.impl}: the implementation, or AUTO (unset or empty) to choose by the JVM. */
    public enum Impl { AUTO, VECTOR, SCALAR }

    /** {@code -Dlanewise.exp}: exp by range reduction and polynomial, or by {@code lanewise(EXP)}. */
    public enum Exp { POLYNOMIAL, LIBRARY }

    /** {@code -Dlanewise.relu}: relu by compare+blend on lanes, or by the auto-vectorized scalar loop. */
    public enum Relu { LANES, LOOP }

    /** {@code -Dlanewise.mask}: keep-mask bits by {@code VectorMask.toLong()}, or by an OR-reduction. */
    public enum Mask { TOLONG, REDUCTION }

    /** {@code -Dlanewise.gemm.shape}: the sgemm register tile, rows × vectors. */
    public enum GemmShape {
        ROWS_4_BY_2_VECTORS("4x2", 4, 2),
        ROWS_3_BY_3_VECTORS("3x3", 3, 3),
        ROWS_6_BY_4_VECTORS("6x4", 6, 4);

        private final String value;
        public final int rows;
        public final int vectors;

        GemmShape(String value, int rows, int vectors) {
            this.value = value;
            this.rows = rows;
            this.vectors = vectors;
        }

        /** As the property spells it: "4x2". */
        public String value() {
            return value;
        }
    }

    private final Impl impl;
    private final Exp exp;
    private final Relu relu;
    private final Mask mask;
    private final GemmShape gemmShape;
    private final int gemmKc;
    private final int gemmMc;
    private final int gemmNc;
    private final int gemmDirect;

    private Config(UnaryOperator<String> properties) {
        String forced = properties.apply(IMPL);
        impl = forced == null || forced.isBlank() ? Impl.AUTO : choice(IMPL, forced, Impl.VECTOR, Impl.SCALAR);
        exp = optional(properties, EXP, Exp.values());
        relu = optional(properties, RELU, Relu.values());
        mask = optional(properties, MASK, Mask.values());
        gemmShape = optional(properties, GEMM_SHAPE, GemmShape.values());
        // Sized for a 32 KiB L1d, 1 MiB L2 and 32 MiB L3: docs/porting-guide.md, section 6, "Cache blocking".
        gemmKc = whole(properties, GEMM_KC, 256, BLOCK_LIMIT);
        gemmMc = whole(properties, GEMM_MC, 192, BLOCK_LIMIT);
        gemmNc = whole(properties, GEMM_NC, 4096, BLOCK_LIMIT);
        // Only compared with m·n·k (in long): any positive int is safe.
        gemmDirect = whole(properties, GEMM_DIRECT, 96 * 96 * 96, Integer.MAX_VALUE);
    }

    /** Reads and checks every property from {@code properties} (a name to its value, or null). */
    public static Config read(UnaryOperator<String> properties) {
        return new Config(properties);
    }

    /** Holds this JVM's system properties read once, or what was wrong with them. */
    private static final class Holder {
        static final Config CONFIG;
        static final IllegalArgumentException ERROR;

        static {
            Config config = null;
            IllegalArgumentException error = null;
            try {
                config = read(System::getProperty);
            } catch (IllegalArgumentException e) {
                error = e;
            }
            CONFIG = config;
            ERROR = error;
        }
    }

    /**
     * This JVM's settings. A bad value throws a fresh IllegalArgumentException on every call (not
     * a NoClassDefFoundError after the first), so every entry point fails the same way.
     */
    public static Config get() {
        if (Holder.ERROR != null) {
            throw new IllegalArgumentException(Holder.ERROR.getMessage());
        }
        return Holder.CONFIG;
    }

    public Impl impl() {
        return impl;
    }

    /** The forced exp, or null: chosen by the JDK. */
    public Exp exp() {
        return exp;
    }

    /** The forced relu, or null: chosen by the JDK and the species. */
    public Relu relu() {
        return relu;
    }

    /** The forced way to gather keep-mask bits, or null: chosen by the JDK. */
    public Mask mask() {
        return mask;
    }

    /** The forced register tile, or null: chosen by the vector width. */
    public GemmShape gemmShape() {
        return gemmShape;
    }

    /** The longest k block, shared by every implementation: it decides the rounding. */
    public int gemmKc() {
        return gemmKc;
    }

    public int gemmMc() {
        return gemmMc;
    }

    public int gemmNc() {
        return gemmNc;
    }

    /** The m·n·k up to which a product skips packing. */
    public int gemmDirect() {
        return gemmDirect;
    }

    private static String spelling(Enum<?> value) {
        return value instanceof GemmShape ? ((GemmShape) value).value() : value.name().toLowerCase(Locale.ROOT);
    }

    @SafeVarargs
    private static <E extends Enum<E>> E choice(String property, String value, E... allowed) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        StringBuilder names = new StringBuilder();
        for (E candidate : allowed) {
            if (spelling(candidate).equals(wanted)) {
                return candidate;
            }
            names.append(names.length() == 0 ? "" : ", ").append(spelling(candidate));
        }
        throw new IllegalArgumentException("-D" + property + "=" + value + " is not one of " + names);
    }

    private static <E extends Enum<E>> E optional(UnaryOperator<String> properties, String property, E[] allowed) {
        String value = properties.apply(property);
        return value == null ? null : choice(property, value, allowed);
    }

    private static int whole(UnaryOperator<String> properties, String property, int defaultValue, int max) {
        String value = properties.apply(property);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed < 1 || parsed > max) {
            throw new IllegalArgumentException("-D" + property + "=" + value
                    + " is out of range: it must be a whole number from 1 to " + max);
        }
        return (int) parsed;
    }
}
