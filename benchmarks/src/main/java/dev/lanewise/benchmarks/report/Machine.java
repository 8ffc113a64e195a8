package dev.lanewise.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A line about the machine the report was made on: CPU model, cores, vector extensions. */
final class Machine {
    private Machine() {}

    static String describe() {
        String model = "unknown CPU";
        String vectors = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.equals("unknown CPU")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.startsWith("flags") && vectors.isEmpty()) {
                    String flags = " " + line.substring(line.indexOf(':') + 1) + " ";
                    // Say plainly whether AVX-512 was there: figures differ between the two kinds of machine.
                    vectors = flags.contains(" avx512f ") ? "AVX-512 present (avx512f)"
                            : flags.contains(" avx2 ") ? "AVX2, no AVX-512" : "no AVX2";
                    if (flags.contains(" fma ")) {
                        vectors += " + FMA";
                    }
                }
            }
        } catch (IOException e) {
            // not Linux: the model stays unknown
        }
        return "Machine: " + model + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + vectors + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ".";
    }
}
