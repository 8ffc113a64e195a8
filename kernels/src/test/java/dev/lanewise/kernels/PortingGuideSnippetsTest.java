package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the porting guide's code excerpts true to the source. In the source, an excerpt is the
 * lines between {@code // snippet: NAME} and {@code // end-snippet}; in {@code docs/porting-guide.md}
 * the fenced code block right after {@code <!-- snippet: NAME -->} must be exactly those lines, with
 * their common indentation removed. Run with {@code -Dlanewise.updateGuide=true} to rewrite the
 * guide's blocks from the source instead of failing.
 */
class PortingGuideSnippetsTest {
    private static final Pattern START = Pattern.compile("^\\s*// snippet: ([\\w-]+)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// end-snippet\\s*$");
    private static final Pattern GUIDE_BLOCK =
            Pattern.compile("<!-- snippet: ([\\w-]+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("docs")) ? here : here.getParent();
    }

    static Map<String, String> sourceSnippets(Path root) throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root.resolve("kernels/src/main/java"))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                Matcher start = START.matcher(lines.get(i));
                if (!start.matches()) {
                    continue;
                }
                List<String> body = new ArrayList<>();
                int j = i + 1;
                while (j < lines.size() && !END.matcher(lines.get(j)).matches()) {
                    body.add(lines.get(j++));
                }
                if (j == lines.size()) {
                    fail(source + ": snippet " + start.group(1) + " has no end-snippet");
                }
                if (snippets.put(start.group(1), dedent(body)) != null) {
                    fail("snippet " + start.group(1) + " is defined twice");
                }
            }
        }
        return snippets;
    }

    static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }

    @Test
    void everyExcerptInTheGuideMatchesTheSource() throws IOException {
        Path root = projectRoot();
        Path guide = root.resolve("docs/porting-guide.md");
        assertTrue(Files.exists(guide), "no " + guide);
        Map<String, String> snippets = sourceSnippets(root);
        String text = Files.readString(guide);
        Matcher block = GUIDE_BLOCK.matcher(text);
        StringBuilder updated = new StringBuilder();
        List<String> problems = new ArrayList<>();
        int used = 0;
        while (block.find()) {
            used++;
            String name = block.group(1);
            String source = snippets.get(name);
            if (source == null) {
                problems.add("the guide cites snippet " + name + ", which no source file marks");
                block.appendReplacement(updated, Matcher.quoteReplacement(block.group()));
            } else {
                if (!source.equals(block.group(2))) {
                    problems.add("snippet " + name + " in the guide differs from the source");
                }
                block.appendReplacement(updated,
                        Matcher.quoteReplacement("<!-- snippet: " + name + " -->\n```java\n" + source + "```"));
            }
        }
        block.appendTail(updated);
        if (Boolean.getBoolean("lanewise.updateGuide")) {
            Files.writeString(guide, updated.toString());
            return;
        }
        assertTrue(used > 0, "the guide cites no snippet");
        assertTrue(problems.isEmpty(), String.join("\n", problems)
                + "\n(run ./mvnw -pl kernels test -Dtest=PortingGuideSnippetsTest -Dlanewise.updateGuide=true to refresh the guide)");
    }
}
