package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in: one digest of each forward activation's output over all 2^32 float inputs, against
 * digests committed in the repository. The exhaustive accuracy tests ({@link SigmoidExhaustiveTest},
 * {@link TanhSiluExhaustiveTest}, {@link GeluExhaustiveTest}) take minutes to an hour each because
 * of their double-precision oracles; this one takes seconds per function with the vector kernels
 * (a minute or two with the scalar ones), so it can run on every JDK, width and implementation.
 * Where it passes, the outputs are the same bits as the ones the accuracy tests checked, on every
 * input, and their maximum errors hold there too.
 *
 * <p>The digest: per chunk of 2^16 consecutive bit patterns, {@code h = h·M + bits} over the
 * outputs (every NaN as the canonical NaN: Java does not promise NaN payloads), M odd, so any one
 * differing output changes it; the chunk digests combined the same way in chunk order. Update with
 * {@code -Dlanewise.updateGolden=true} after a deliberate change to an algorithm, from the scalar
 * kernels, then check the vector widths reproduce it.
 *
 * <p>Run with {@code ./mvnw -pl kernels test -Pexhaustive} (with the accuracy tests) or alone with
 * {@code -Dtest=ExhaustiveDigestTest -Dlanewise.test.exhaustive=true}.
 */
@EnabledIfSystemProperty(named = "lanewise.test.exhaustive", matches = "true")
class ExhaustiveDigestTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "exhaustive-digests.txt");
    private static final long M = 0x9E37_79B9_7F4A_7C15L;
    private static final int CHUNK_BITS = 16;

    private interface Kernel {
        void apply(ActivationKernels kernels, float[] x, float[] y);
    }

    @Test
    void everyActivationOfEveryFloatReproducesTheCommittedDigest() throws IOException {
        assumeTrue(Kernels.get().reproducible(), "-Dlanewise.exp=library is the documented exception");
        Map<String, Kernel> kernels = new LinkedHashMap<>();
        kernels.put("sigmoid", (k, x, y) -> k.sigmoid(x, 0, y, 0, x.length));
        kernels.put("tanh", (k, x, y) -> k.tanh(x, 0, y, 0, x.length));
        kernels.put("silu", (k, x, y) -> k.silu(x, 0, y, 0, x.length));
        kernels.put("gelu", (k, x, y) -> k.gelu(x, 0, y, 0, x.length));
        kernels.put("geluTanh", (k, x, y) -> k.geluTanh(x, 0, y, 0, x.length));
        Map<String, String> actual = new LinkedHashMap<>();
        for (Map.Entry<String, Kernel> kernel : kernels.entrySet()) {
            long start = System.nanoTime();
            actual.put(kernel.getKey(), String.format("%016x", digestOfEveryFloat(kernel.getValue())));
            System.out.printf("exhaustive digest %s = %s on %s, JDK %d (%.0f s)%n", kernel.getKey(),
                    actual.get(kernel.getKey()), Lanewise.describe(), Runtime.version().feature(),
                    (System.nanoTime() - start) / 1e9);
        }
        if (Boolean.getBoolean("lanewise.updateGolden")) {
            StringBuilder text = new StringBuilder("# ExhaustiveDigestTest digests: see its javadoc before changing\n");
            actual.forEach((name, digest) -> text.append(name).append('=').append(digest).append('\n'));
            Files.writeString(GOLDEN, text, StandardCharsets.UTF_8);
        }
        Map<String, String> golden = new LinkedHashMap<>();
        for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && line.contains("=")) {
                golden.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertEquals(golden, actual, "outputs over all 2^32 inputs differ on " + Lanewise.describe());
    }

    private static long digestOfEveryFloat(Kernel kernel) {
        ActivationKernels activations = Kernels.get().activations();
        long[] chunkDigests = new long[1 << (32 - CHUNK_BITS)];
        IntStream.range(0, chunkDigests.length).parallel().forEach(chunk -> {
            float[] x = new float[1 << CHUNK_BITS];
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = Float.intBitsToFloat(chunk << CHUNK_BITS | i);
            }
            kernel.apply(activations, x, y);
            long h = chunk + 1L;
            for (float v : y) {
                h = h * M + Float.floatToIntBits(v);
            }
            chunkDigests[chunk] = h;
        });
        long h = 0;
        for (long chunkDigest : chunkDigests) {
            h = h * M + chunkDigest;
        }
        return h;
    }
}
