package dev.lanewise.benchmarks;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's roofs, so kernel results can be given as a fraction of what the hardware does:
 * <ul>
 *   <li>{@code fmaPeak}: vector FMAs on the preferred species with 8 independent accumulator
 *       chains (FMA latency 4 × 2 FMA ports), so the FMA units, not latency, are the limit; one op
 *       = one lane FMA = 2 flops (the report gives GFLOP/s = 2 × ops/s / 1e9);
 *   <li>{@code copy}: {@code System.arraycopy} of {@code size} floats; one op = one call, moving
 *       8 × size bytes (read + write; the report gives GB/s = 8 × size × ops/s / 1e9). 4096 floats
 *       (16 KiB) sit in L1, 65536 (256 KiB) in L2, 16M (64 MiB) in memory.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Work(kernels = "fmaPeak", unit = Work.Unit.FLOPS, amount = "2") // one op = one lane FMA
@Work(kernels = "copy", unit = Work.Unit.BYTES, amount = "8 * size") // size floats read and written
public class CalibrationBenchmark {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 8;
    /** Lane FMAs per chain per call, whatever the width: the loop runs this / lanes times. */
    private static final int LANE_FMAS_PER_CHAIN = 8192;

    /** The arrays of the copy benchmark. */
    @State(Scope.Thread)
    public static class Buffers {
        @Param({"4096", "65536", "16777216"})
        public int size;

        float[] source;
        float[] target;

        @Setup
        public void setUp() {
            source = new float[size];
            target = new float[size];
            java.util.Arrays.fill(source, 1.5f);
            java.util.Arrays.fill(target, 0.5f);
        }
    }

    /** The FMA operands, in a state object so that C2 cannot fold them. */
    @State(Scope.Thread)
    public static class Operands {
        float multiplier = 0.999f;
        float addend = 1e-3f;
    }

    /** Lane FMAs per second (2 flops each). */
    @Benchmark
    @OperationsPerInvocation(LANE_FMAS_PER_CHAIN * CHAINS)
    public float fmaPeak(Operands operands) {
        FloatVector b = FloatVector.broadcast(SPECIES, operands.multiplier);
        FloatVector c = FloatVector.broadcast(SPECIES, operands.addend);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a1 = FloatVector.broadcast(SPECIES, 2f);
        FloatVector a2 = FloatVector.broadcast(SPECIES, 3f);
        FloatVector a3 = FloatVector.broadcast(SPECIES, 4f);
        FloatVector a4 = FloatVector.broadcast(SPECIES, 5f);
        FloatVector a5 = FloatVector.broadcast(SPECIES, 6f);
        FloatVector a6 = FloatVector.broadcast(SPECIES, 7f);
        FloatVector a7 = FloatVector.broadcast(SPECIES, 8f);
        for (int i = 0, steps = LANE_FMAS_PER_CHAIN / SPECIES.length(); i < steps; i++) {
            a0 = a0.fma(b, c);
            a1 = a1.fma(b, c);
            a2 = a2.fma(b, c);
            a3 = a3.fma(b, c);
            a4 = a4.fma(b, c);
            a5 = a5.fma(b, c);
            a6 = a6.fma(b, c);
            a7 = a7.fma(b, c);
        }
        FloatVector sum = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7);
        return sum.reduceLanes(VectorOperators.ADD);
    }

    /** Floats copied per second (one op = one float: 4 bytes read, 4 written). */
    @Benchmark
    public float[] copy(Buffers buffers) {
        System.arraycopy(buffers.source, 0, buffers.target, 0, buffers.size);
        return buffers.target;
    }
}
