package dev.pydesk.interpreter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageConfigTest {

    private static final ResourceReader NO_FILES = url -> { throw new java.io.FileNotFoundException(url); };

    private static final String TOML = """
            name = "demo"
            packages = ["numpy", "pandas"]
            plugins = ["!error"]
            big = 12345678901234567890
            ratio = 0.25
            ok = true

            [js_modules.main]
            "https://cdn.example/mod.js" = "mod"

            [[fetch]]
            from = "data/"
            files = ["a.csv"]
            """;

    @Test
    void toJsonRoundTrips() throws Exception {
        PageConfig config = ConfigResolver.resolveSingle(TOML, NO_FILES);
        String json = config.toJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> back = new ObjectMapper().readValue(json, Map.class);
        assertEquals(config.asMap(), back);
        // and it is itself a valid inline config giving the same tree
        assertEquals(config, ConfigResolver.resolveSingle(json, NO_FILES));
        assertTrue(json.startsWith("{\"name\":\"demo\",\"packages\":[\"numpy\",\"pandas\"]"), "keeps order: " + json);
    }

    @Test
    void treeIsImmutable() throws Exception {
        PageConfig config = ConfigResolver.resolveSingle(TOML, NO_FILES);
        assertThrows(UnsupportedOperationException.class, () -> config.asMap().put("x", 1));
        @SuppressWarnings("unchecked")
        List<Object> packages = (List<Object>) config.get("packages").orElseThrow();
        assertThrows(UnsupportedOperationException.class, () -> packages.add("x"));
        @SuppressWarnings("unchecked")
        Map<String, Object> modules = (Map<String, Object>) config.get("js_modules").orElseThrow();
        assertThrows(UnsupportedOperationException.class, () -> modules.clear());
    }

    @Test
    void valuesArePlainJava() throws Exception {
        PageConfig config = ConfigResolver.resolveSingle(
                "{\"n\": null, \"i\": 3, \"f\": 1.5, \"s\": \"x\", \"b\": false, \"l\": [{}]}", NO_FILES);
        Map<String, Object> map = config.asMap();
        assertTrue(map.containsKey("n"));
        assertEquals(null, map.get("n"));
        assertEquals(3, ((Number) map.get("i")).intValue());
        assertEquals(1.5, ((Number) map.get("f")).doubleValue());
        assertEquals("x", map.get("s"));
        assertEquals(false, map.get("b"));
        assertEquals(List.of(Map.of()), map.get("l"));
        assertEquals(Optional.empty(), config.get("n"));
    }

    @Test
    void nonFiniteFloatsStayNumbersForPython() throws Exception {
        PageConfig config = ConfigResolver.resolveSingle("a = nan\nb = inf\nc = -inf", NO_FILES);
        assertEquals("{\"a\":NaN,\"b\":Infinity,\"c\":-Infinity}", config.toJson());
    }

    @Test
    void rejectsNonJsonValues() {
        assertThrows(IllegalArgumentException.class, () -> new PageConfig(Map.of("x", new Object()), null));
    }
}
