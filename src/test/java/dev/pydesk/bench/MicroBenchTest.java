package dev.pydesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Smoke-runs the micro-benchmark ({@code bench/micro}) with a few repetitions, so the build compiles and runs it:
 * every figure is there and is a duration, and every click reached the Python handler. No speed is asserted.
 */
@PageTest
class MicroBenchTest {
    static PageHarness page;
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"py main", "py worker", "mpy main"})
    void everyFigureIsMeasured(String variant) throws Exception {
        String[] parts = variant.split(" ");
        MicroBench.Options options = new MicroBench.Options(parts[0], parts[1].equals("worker"), 20, 2, 5, 50);
        Map<String, Object> result = MicroBench.measure(page, dir, options);
        assertEquals(List.of(), result.get("errors"), page.consoleText());
        for (String table : List.of("python_us", "java_us")) {
            Map<?, ?> rows = (Map<?, ?>) result.get(table);
            assertTrue(rows.size() >= 4, table + ": " + rows);
            rows.forEach((name, rounds) -> assertRounds(table + "." + name, (List<?>) rounds, 2));
        }
        assertRounds("click_us", (List<?>) result.get("click_us"), 5);
        assertRounds("js_click_us", (List<?>) result.get("js_click_us"), 5);
        assertEquals("5", page.text("#count"), "every click reached the handler");
    }

    private static void assertRounds(String what, List<?> rounds, int expected) {
        assertEquals(expected, rounds.size(), what + ": " + rounds);
        for (Object value : rounds) {
            double micros = ((Number) value).doubleValue();
            assertTrue(micros > 0 && Double.isFinite(micros), what + ": " + rounds);
        }
    }
}
