package dev.lanewise.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import dev.lanewise.kernels.internal.vector.VectorActivationKernels;
import dev.lanewise.kernels.internal.vector.VectorExp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The porting guide's patterns, each written two ways side by side, for {@code docs/porting-guide.md}
 * (unit: ops/s; the report turns it into Gelem/s = elements × ops/s / 1e9). Methods are
 * {@code pattern_variant}:
 * <ul>
 *   <li>{@code tail}: {@code y = x * a + b} with a scalar tail after {@code loopBound}
 *       ({@code scalarTail}), one masked vector for the tail ({@code maskedTail}), or every
 *       iteration masked by {@code indexInRange} ({@code maskedLoop});
 *   <li>{@code relu}: {@code compare + blend} against {@code lanewise max} with zero;
 *   <li>{@code maskBits}: relu with a packed keep-mask, the bits gathered by
 *       {@code VectorMask.toLong()} or by an OR-reduction of int lanes selected arithmetically
 *       ({@code reduction}) (these two call the kernel's own word methods), by the same reduction with a compare and blend on int lanes
 *       ({@code intCompareBlend}), or as the first JDK 17 kernel did, with both halves' accumulators
 *       in one loop chosen by a branch ({@code branchyAccumulators});
 *   <li>{@code exp}: {@code y = exp(z)}, z ≤ 0, by range reduction and a degree-6 polynomial
 *       ({@code polynomial}, lanewise's own VectorExp code) or by {@code lanewise(EXP)}
 *       ({@code library});
 *   <li>{@code sum}: a float reduction with one vector accumulator or four rotated ones.
 * </ul>
 * Sizes: 67 (eight 8-lane vectors and a 3-element tail: the tail shows), 4099 (L1).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
// Each pattern over `elements` elements: y = f(x), a keep-mask, or a sum.
@Work(kernels = {"tail", "relu", "exp"}, unit = Work.Unit.ELEMENTS, amount = "elements", bytesPerElement = 8)
@Work(kernels = "maskBits", unit = Work.Unit.ELEMENTS, amount = "elements", bytesPerElement = 8.125)
@Work(kernels = "sum", unit = Work.Unit.ELEMENTS, amount = "elements", bytesPerElement = 4)
public class PortingPatternsBenchmark {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INT_SPECIES = VectorSpecies.of(int.class, SPECIES.vectorShape());
    private static final int LANES = SPECIES.length();


    private static final int[] BIT_OF_ELEMENT = new int[64];

    static {
        for (int k = 0; k < 64; k++) {
            BIT_OF_ELEMENT[k] = 1 << (k & 31);
        }
    }

    /** Elements per call (named apart from the other benchmarks' parameters, as the run script needs). */
    @Param({"67", "4099"})
    public int elements;

    private float[] x;
    private float[] negative;
    private float[] y;
    private long[] mask;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        x = new float[elements];
        negative = new float[elements];
        for (int i = 0; i < elements; i++) {
            x[i] = (float) (random.nextDouble() * 16 - 8);
            negative[i] = -Math.abs(x[i]) * 4;
        }
        y = new float[elements];
        mask = new long[(elements + 63) >>> 6];
    }

    // ---- tail: loopBound + scalar tail vs masked tail

    @Benchmark
    public float[] tail_scalarTail() {
        int i = 0;
        for (int bound = SPECIES.loopBound(elements); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, i).fma(2f, 1f).intoArray(y, i);
        }
        for (; i < elements; i++) {
            y[i] = Math.fma(x[i], 2f, 1f);
        }
        return y;
    }

    @Benchmark
    public float[] tail_maskedTail() {
        int i = 0;
        for (int bound = SPECIES.loopBound(elements); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, i).fma(2f, 1f).intoArray(y, i);
        }
        if (i < elements) {
            VectorMask<Float> m = SPECIES.indexInRange(i, elements);
            FloatVector.fromArray(SPECIES, x, i, m).fma(2f, 1f).intoArray(y, i, m);
        }
        return y;
    }

    @Benchmark
    public float[] tail_maskedLoop() {
        for (int i = 0; i < elements; i += LANES) {
            VectorMask<Float> m = SPECIES.indexInRange(i, elements);
            FloatVector.fromArray(SPECIES, x, i, m).fma(2f, 1f).intoArray(y, i, m);
        }
        return y;
    }

    // ---- relu: compare + blend vs max

    @Benchmark
    public float[] relu_compareBlend() {
        int i = 0;
        for (int bound = SPECIES.loopBound(elements); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, i);
        }
        for (; i < elements; i++) {
            float v = x[i];
            y[i] = v <= 0 ? 0f : v;
        }
        return y;
    }

    @Benchmark
    public float[] relu_laneMax() {
        int i = 0;
        for (int bound = SPECIES.loopBound(elements); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, i).max(0f).intoArray(y, i);
        }
        for (; i < elements; i++) {
            y[i] = Math.max(x[i], 0f);
        }
        return y;
    }

    // ---- maskBits: toLong() vs OR-reduction

    // The two forms the kernel chooses between, called from the kernel itself (a word at a time).

    @Benchmark
    public long[] maskBits_toLong() {
        int i = 0;
        for (int fullWords = elements & ~63; i < fullWords; i += 64) {
            mask[i >>> 6] = VectorActivationKernels.reluWordByToLong(x, i, y, i);
        }
        scalarMaskTail(i);
        return mask;
    }

    @Benchmark
    public long[] maskBits_reduction() {
        int i = 0;
        for (int fullWords = elements & ~63; i < fullWords; i += 64) {
            mask[i >>> 6] = VectorActivationKernels.reluWordByReduction(x, i, y, i);
        }
        scalarMaskTail(i);
        return mask;
    }

    /** The OR-reduction with the keep bits selected by a compare and blend on int lanes. */
    @Benchmark
    public long[] maskBits_intCompareBlend() {
        int i = 0;
        for (int fullWords = elements & ~63; i < fullWords; i += 64) {
            int low = halfWordByBlend(i, 0);
            int high = halfWordByBlend(i, 32);
            mask[i >>> 6] = (low & 0xFFFF_FFFFL) | ((long) high << 32);
        }
        scalarMaskTail(i);
        return mask;
    }

    /**
     * The first JDK 17 version of the kernel: compare and blend on int lanes, both halves of the
     * word in one loop, the accumulator chosen by a branch.
     */
    @Benchmark
    public long[] maskBits_branchyAccumulators() {
        int i = 0;
        for (int fullWords = elements & ~63; i < fullWords; i += 64) {
            IntVector low = IntVector.zero(INT_SPECIES);
            IntVector high = IntVector.zero(INT_SPECIES);
            for (int j = 0; j < 64; j += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, i + j);
                FloatVector out = v.blend(0f, v.compare(VectorOperators.LE, 0f));
                out.intoArray(y, i + j);
                VectorMask<Integer> keep = out.reinterpretAsInts().compare(VectorOperators.NE, 0);
                IntVector bits = IntVector.zero(INT_SPECIES).blend(IntVector.fromArray(INT_SPECIES, BIT_OF_ELEMENT, j), keep);
                if (j < 32) {
                    low = low.or(bits);
                } else {
                    high = high.or(bits);
                }
            }
            int lowBits = low.reduceLanes(VectorOperators.OR);
            int highBits = high.reduceLanes(VectorOperators.OR);
            mask[i >>> 6] = (lowBits & 0xFFFF_FFFFL) | ((long) highBits << 32);
        }
        scalarMaskTail(i);
        return mask;
    }

    private int halfWordByBlend(int index, int first) {
        IntVector bits = IntVector.zero(INT_SPECIES);
        for (int j = first; j < first + 32; j += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, index + j);
            FloatVector out = v.blend(0f, v.compare(VectorOperators.LE, 0f));
            out.intoArray(y, index + j);
            VectorMask<Integer> kept = out.reinterpretAsInts().compare(VectorOperators.NE, 0);
            bits = bits.or(IntVector.zero(INT_SPECIES).blend(IntVector.fromArray(INT_SPECIES, BIT_OF_ELEMENT, j), kept));
        }
        return bits.reduceLanes(VectorOperators.OR);
    }

    private void scalarMaskTail(int from) {
        long word = 0;
        for (int i = from; i < elements; i++) {
            float v = x[i];
            boolean keep = !(v <= 0);
            y[i] = keep ? v : 0f;
            if (keep) {
                word |= 1L << i;
            }
        }
        if ((elements & 63) != 0) {
            mask[elements >>> 6] = word;
        }
    }

    // ---- exp: polynomial vs lanewise(EXP)

    @Benchmark
    public float[] exp_polynomial() {
        int i = 0;
        for (int bound = SPECIES.loopBound(elements); i < bound; i += LANES) {
            VectorExp.polynomialExpNonPositive(FloatVector.fromArray(SPECIES, negative, i)).intoArray(y, i);
        }
        for (; i < elements; i++) {
            y[i] = (float) Math.exp(negative[i]);
        }
        return y;
    }

    @Benchmark
    public float[] exp_library() {
        int i = 0;
        for (int bound = SPECIES.loopBound(elements); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, negative, i).lanewise(VectorOperators.EXP).intoArray(y, i);
        }
        for (; i < elements; i++) {
            y[i] = (float) Math.exp(negative[i]);
        }
        return y;
    }

    // ---- sum: one accumulator vs four

    @Benchmark
    public float sum_oneAccumulator() {
        int i = 0;
        FloatVector s = FloatVector.zero(SPECIES);
        for (int bound = SPECIES.loopBound(elements); i < bound; i += LANES) {
            s = s.add(FloatVector.fromArray(SPECIES, x, i));
        }
        float sum = s.reduceLanes(VectorOperators.ADD);
        for (; i < elements; i++) {
            sum += x[i];
        }
        return sum;
    }

    @Benchmark
    public float sum_fourAccumulators() {
        int i = 0;
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int bound = SPECIES.loopBound(elements); i < bound; i += LANES) {
            FloatVector next = s1;
            s1 = s2;
            s2 = s3;
            s3 = s0.add(FloatVector.fromArray(SPECIES, x, i));
            s0 = next;
        }
        float sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < elements; i++) {
            sum += x[i];
        }
        return sum;
    }

    /** The reduction across lanes inside the loop: the anti-pattern, for comparison. */
    @Benchmark
    public float sum_reduceEveryVector() {
        int i = 0;
        float sum = 0f;
        for (int bound = SPECIES.loopBound(elements); i < bound; i += LANES) {
            sum += FloatVector.fromArray(SPECIES, x, i).reduceLanes(VectorOperators.ADD);
        }
        for (; i < elements; i++) {
            sum += x[i];
        }
        return sum;
    }
}
