package dev.lanewise.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesObjectsArraysAndScalars() {
        Object value = Json.parse(" { \"a\" : [1, -2.5e3, true, false, null], \"b\": {}, \"c\": [] } ");
        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals(List.of(1.0, -2500.0, true, false), ((List<?>) map.get("a")).subList(0, 4));
        assertNull(((List<?>) map.get("a")).get(4));
        assertEquals(Map.of(), map.get("b"));
        assertEquals(List.of(), map.get("c"));
        assertEquals(List.of("a", "b", "c"), List.copyOf(map.keySet()), "keys keep their order");
    }

    @Test
    void decodesEscapes() {
        assertEquals("q\"b\\s/n\nt\tu\u00e9", Json.parse("\"q\\\"b\\\\s\\/n\\nt\\tu\\u00e9\""));
    }

    @Test
    void readsJmhNanAsNumber() {
        assertTrue(Double.isNaN(Json.number("NaN")));
        assertTrue(Double.isNaN(Json.number(null)));
        assertEquals(1.5, Json.number(1.5));
        assertEquals(2.0, Json.number("2"));
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("@"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
    }

    @Test
    void parsesTheFixture() {
        List<?> runs = (List<?>) Json.parse(Fixtures.text("jmh-fixture.json"));
        assertEquals(50, runs.size());
    }
}
