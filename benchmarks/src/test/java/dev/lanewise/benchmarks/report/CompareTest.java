package dev.lanewise.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompareTest {

    @Test
    void listsWhatMovedBeyondTheThreshold() {
        Compare.Comparison comparison = Compare.compare(Fixtures.results(), Fixtures.newResults(), 0.10);
        assertEquals(List.of("JDK 25 ActivationsBenchmark.sigmoid_lanewise size=4096",
                "JDK 17 ActivationsBenchmark.relu_plainLoop size=65536"),
                comparison.moved().stream().map(Compare.Change::key).toList(), "slowdowns first");
        assertEquals(0.7, comparison.moved().get(0).ratio(), 1e-9);
        assertEquals(1.15, comparison.moved().get(1).ratio(), 1e-9);
        assertEquals(48, comparison.unchanged());
        assertEquals(List.of(), comparison.onlyBefore());
        assertEquals(List.of(), comparison.onlyAfter());
    }

    @Test
    void aLowerThresholdCatchesSmallerMoves() {
        Compare.Comparison comparison = Compare.compare(Fixtures.results(), Fixtures.newResults(), 0.04);
        assertEquals(3, comparison.moved().size());
        assertTrue(comparison.moved().stream()
                .anyMatch(c -> c.key().equals("JDK 17 ActivationsBenchmark.sigmoid_scalarReference size=4096")));
    }

    @Test
    void judgesMovesAgainstTheCombinedErrors() {
        Compare.Change slower = Compare.compare(Fixtures.results(), Fixtures.newResults(), 0.1).moved().get(0);
        // 30% down with 3% errors on each side
        assertEquals(Boolean.TRUE, slower.beyondErrors());
        Result before = new Result("25", "C", "k", "v", java.util.Map.of(), 100, 10, Double.NaN);
        Result within = new Result("25", "C", "k", "v", java.util.Map.of(), 115, 10, Double.NaN);
        Result noError = new Result("25", "C", "k", "v", java.util.Map.of(), 150, Double.NaN, Double.NaN);
        assertEquals(Boolean.FALSE, new Compare.Change("k", before, within).beyondErrors());
        assertNull(new Compare.Change("k", before, noError).beyondErrors());
    }

    @Test
    void reportsBenchmarksInOnlyOneRun() {
        List<Result> old = Fixtures.results().stream().filter(r -> !r.variant().equals("libraryExpLoop")).toList();
        List<Result> now = Fixtures.results().stream().filter(r -> !r.jdk().equals("17")).toList();
        Compare.Comparison comparison = Compare.compare(old, now, 0.1);
        assertEquals(22, comparison.onlyBefore().size(), "JDK 17 without libraryExpLoop: 25 - 3");
        assertEquals(3, comparison.onlyAfter().size(), "libraryExpLoop on JDK 25");
        assertEquals(0, comparison.moved().size());
    }

    @Test
    void rendersATable() {
        String text = Compare.compare(Fixtures.results(), Fixtures.newResults(), 0.1).render("old.json", "new.json");
        assertTrue(text.contains("| 25 | ActivationsBenchmark.sigmoid_lanewise | size=4096 | 2.80 Gelem/s ± 0.08 | "
                + "1.96 Gelem/s ± 0.06 | 0.70× (-30%) | yes |"), text);
        assertTrue(text.contains("2 of 50 benchmarks moved by more than 10% (1 slower, 1 faster); 48 within it."), text);
    }
}
