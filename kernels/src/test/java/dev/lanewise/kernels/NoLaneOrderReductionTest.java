package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build check behind "one answer everywhere": no kernel may reduce across lanes with an
 * operation whose float result depends on the order the lanes are combined in. {@code
 * reduceLanes(ADD)} and {@code reduceLanes(MUL)} have no specified order (C2's shuffle tree and
 * the Java fallback combine lanes differently, and the tree follows the vector width); sums go
 * through {@code FixedOrderSum} instead. MAX, MIN and the bitwise operators are exact in any
 * order and stay allowed.
 */
class NoLaneOrderReductionTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    /** reduceLanes( followed, before its closing parenthesis, by an operator named ADD or MUL. */
    private static final Pattern ORDER_DEPENDENT =
            Pattern.compile("reduceLanes\\s*\\(\\s*(?:VectorOperators\\s*\\.\\s*)?(ADD|MUL|FIRST_NONZERO)\\b");
    private static final Pattern ANY_REDUCTION = Pattern.compile("reduceLanes\\s*\\(");

    @Test
    void noKernelReducesLanesInAnOrderDependentWay() throws IOException {
        List<String> offences = new ArrayList<>();
        int reductionsSeen = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String text = stripComments(Files.readString(file, StandardCharsets.UTF_8));
                Matcher any = ANY_REDUCTION.matcher(text);
                while (any.find()) {
                    reductionsSeen++;
                }
                Matcher matcher = ORDER_DEPENDENT.matcher(text);
                while (matcher.find()) {
                    offences.add(SOURCES.relativize(file) + ": reduceLanes(" + matcher.group(1) + ")");
                }
            }
        }
        assertTrue(reductionsSeen > 0, "the scan found no reduceLanes at all: is it reading " + SOURCES.toAbsolutePath() + "?");
        assertTrue(offences.isEmpty(), "order-dependent lane reductions (use FixedOrderSum): " + offences);
    }

    @Test
    void theCheckRecognisesWhatItBans() {
        assertTrue(ORDER_DEPENDENT.matcher("s.reduceLanes(VectorOperators.ADD)").find());
        assertTrue(ORDER_DEPENDENT.matcher("s.reduceLanes( ADD )").find());
        assertTrue(ORDER_DEPENDENT.matcher("p.reduceLanes(VectorOperators.MUL, mask)").find());
        assertTrue(!ORDER_DEPENDENT.matcher("m.reduceLanes(VectorOperators.MAX)").find());
        assertTrue(!ORDER_DEPENDENT.matcher("bits.reduceLanes(VectorOperators.OR)").find());
        assertTrue(stripComments("a // reduceLanes(ADD)\nb /* reduceLanes(MUL) */ c").indexOf("reduceLanes") < 0);
    }

    /** The source without its comments, so that prose may name the banned calls. */
    static String stripComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
