package dev.lanewise.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What one operation of a benchmark's kernels does, declared on the benchmark class for the
 * report, which turns ops/s into a throughput with a unit and a roof: elements per op for the
 * element-wise kernels (Gelem/s, with the bytes each element moves for the bandwidth roof), flops
 * per op (GFLOP/s, against the FMA roof), bytes per op (GB/s). A class declares one per group of
 * kernels (the method name before its first {@code _}); every variant of a kernel shares it.
 *
 * <p>{@link #amount()} and {@link #workingSet()} are arithmetic over the benchmark's
 * {@code @Param} values: numbers, {@code + - * /}, parentheses, and parameter names. A parameter
 * whose value is numbers joined by {@code x} ("256x1000") stands for their product, and
 * {@code name[i]} for its i-th number; with {@link #gemmShape()}, {@code m}, {@code n} and
 * {@code k} are the dimensions of the {@link GemmShapes} shape that parameter names.
 *
 * <pre>{@code
 * @Work(kernels = {"relu", "sigmoid"}, unit = Work.Unit.ELEMENTS, amount = "size", bytesPerElement = 8)
 * @Work(kernels = "sgemm", unit = Work.Unit.FLOPS, amount = "2*m*n*k", workingSet = "4*(m*k + k*n + m*n)",
 *         gemmShape = "shape")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Work.All.class)
public @interface Work {

    /** The unit of {@link #amount()}. */
    enum Unit {
        /** elements per op, reported in Gelem/s */
        ELEMENTS,
        /** floating-point operations per op, in GFLOP/s */
        FLOPS,
        /** bytes per op, in GB/s */
        BYTES
    }

    /** The kernels this declaration covers; none: every kernel of the class that has no declaration of its own. */
    String[] kernels() default {};

    /** The unit of the amount. */
    Unit unit();

    /** Units of work in one op, as an expression over the parameters. */
    String amount();

    /** For {@link Unit#ELEMENTS}: bytes read and written per element, for the bandwidth roof. */
    double bytesPerElement() default 0;

    /**
     * The bytes one op touches, which picks the cache level whose copy bandwidth is the roof; by
     * default amount × bytesPerElement for elements, the amount itself for bytes, and none for flops.
     */
    String workingSet() default "";

    /** Parameters (the first one present) whose value is a {@link GemmShapes} shape giving m, n and k. */
    String[] gemmShape() default {};

    /** The container of repeated declarations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface All {
        /** The declarations. */
        Work[] value();
    }
}
