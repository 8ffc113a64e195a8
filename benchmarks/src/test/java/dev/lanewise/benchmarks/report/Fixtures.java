package dev.lanewise.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The checked-in JMH results: {@code jmh-fixture.json} (JDK 17 and 25; calibration, sigmoid and
 * relu at three sizes; one result with a 25% error and one with JMH's "NaN" error) and
 * {@code jmh-fixture-new.json}, the same with three scores changed: sigmoid_lanewise on JDK 25 at
 * 4096 × 0.7, relu_plainLoop on JDK 17 at 65536 × 1.15, sigmoid_scalarReference on JDK 17 at 4096 × 1.05.
 */
final class Fixtures {
    private Fixtures() {}

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Result> results() {
        return Result.fromJmhJson(text("jmh-fixture.json"));
    }

    static List<Result> newResults() {
        return Result.fromJmhJson(text("jmh-fixture-new.json"));
    }
}
