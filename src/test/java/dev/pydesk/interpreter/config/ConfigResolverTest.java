package dev.pydesk.interpreter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PyScript's config rules, row by row, against real files in a temp directory. */
class ConfigResolverTest {

    @TempDir
    Path dir;

    private final List<String> reads = new ArrayList<>();
    /** Reads page-relative names from the temp dir, dropping any ?query like a web server would. */
    private ResourceReader reader;

    @BeforeEach
    void setUp() {
        reader = url -> {
            reads.add(url);
            return Files.readString(dir.resolve(url.replaceFirst("\\?.*$", "")));
        };
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private PageConfig element(String src, String type, String text) throws ConfigException {
        return ConfigResolver.resolveMain("py", List.of(new ConfigElement(src, type, text)), List.of(), reader);
    }

    private PageConfig attributes(String... values) throws ConfigException {
        return ConfigResolver.resolveMain("py", List.of(), List.of(values), reader);
    }

    private String elementError(String src, String type, String text) {
        return assertThrows(ConfigException.class, () -> element(src, type, text)).getMessage();
    }

    private String attributeError(String... values) {
        return assertThrows(ConfigException.class, () -> attributes(values)).getMessage();
    }

    // ---- formats ---------------------------------------------------------------------------

    /**
     * A config element's text (its {@code src} and {@code type} attributes beside) and the config PyScript makes of
     * it: JSON or TOML by the content, a forced type where it agrees, braces always JSON, JavaScript's whitespace.
     */
    static Stream<Arguments> inlineElements() {
        return Stream.of(
                arguments("JSON", null, null, "\n  {\"packages\": [\"numpy\"], \"debug\": true}\n",
                        Map.of("packages", List.of("numpy"), "debug", true)),
                arguments("TOML", null, null, """
                        packages = ["numpy", "pandas"]
                        name = "demo"
                        """, Map.of("packages", List.of("numpy", "pandas"), "name", "demo")),
                arguments("an empty src falls back to the text", "", null, "a = 1", Map.of("a", 1)),
                arguments("JavaScript's whitespace is trimmed", null, null, "\u00A0\uFEFF{\"a\": 1}\u3000",
                        Map.of("a", 1)),
                arguments("forced JSON on JSON", null, "json", "{\"a\": 1}", Map.of("a", 1)),
                arguments("forced TOML on TOML", null, "toml", "a = 1", Map.of("a", 1)),
                // PyScript checks `json || type === "json"` first, so {...} is always JSON.
                arguments("braces win over forced TOML", null, "toml", "{\"a\": 1}", Map.of("a", 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inlineElements")
    void anInlineConfigElementIsJsonOrToml(String what, String src, String type, String text,
                                           Map<String, Object> expected) throws Exception {
        PageConfig config = element(src, type, text);
        assertEquals(expected, config.asMap());
        assertEquals(Optional.empty(), config.configUrl());
    }

    @Test
    void inlineJsonAndTomlInAttribute() throws Exception {
        assertEquals(Map.of("a", 1), attributes("{\"a\": 1}").asMap());
        assertEquals(Map.of("a", 1), attributes("a = 1").asMap());
    }

    @Test
    void jsonFile() throws Exception {
        write("conf/pyscript.json", "{\"packages\": [\"rich\"]}");
        PageConfig config = element("conf/pyscript.json", null, "ignored text");
        assertEquals(Map.of("packages", List.of("rich")), config.asMap());
        assertEquals(Optional.of("conf/pyscript.json"), config.configUrl());
    }

    @Test
    void tomlFileWithQuery() throws Exception {
        write("pyscript.toml", "packages = [\"rich\"]\n");
        PageConfig config = attributes("  pyscript.toml?v=2 ");
        assertEquals(Map.of("packages", List.of("rich")), config.asMap());
        assertEquals(List.of("pyscript.toml?v=2"), reads);
        assertEquals(Optional.of("pyscript.toml?v=2"), config.configUrl());
    }

    @Test
    void nestedTablesAndArrays() throws Exception {
        write("nested.toml", """
                packages = ["numpy", "matplotlib"]
                plugins = ["!error"]

                [js_modules.main]
                "https://cdn.jsdelivr.net/npm/leaflet/dist/leaflet-src.esm.js" = "leaflet"

                [[fetch]]
                from = "data/"
                files = ["a.csv", "b.csv"]

                [[fetch]]
                files = ["c.csv"]
                """);
        Map<String, Object> map = attributes("nested.toml").asMap();
        assertEquals(List.of("numpy", "matplotlib"), map.get("packages"));
        assertEquals(Map.of("main", Map.of("https://cdn.jsdelivr.net/npm/leaflet/dist/leaflet-src.esm.js", "leaflet")),
                map.get("js_modules"));
        assertEquals(List.of(Map.of("from", "data/", "files", List.of("a.csv", "b.csv")),
                Map.of("files", List.of("c.csv"))), map.get("fetch"));
    }

    // ---- forced types that disagree, files that are not config ----------------------------

    /**
     * A config element PyScript refuses, before reading any file, and its message; one ending in a new line is the
     * start (the parser's own words follow).
     */
    static Stream<Arguments> refusedElements() {
        return Stream.of(
                arguments("forced JSON on TOML text", null, "json", "a = 1", "(PY1000): Invalid JSON\n"),
                // PyScript: the text is non-empty before trimming, so JSON.parse("") runs and fails.
                arguments("forced JSON on blank text", null, "json", "\n  \n", "(PY1000): Invalid JSON\n"),
                arguments("forced TOML on a .json file", "c.json", "toml", "",
                        "(PY1000): Invalid URL: c.json\nexpected toml content"),
                arguments("forced JSON on a .toml file", "c.toml", "json", "",
                        "(PY1000): Invalid URL: c.toml\nexpected json content"),
                // PyScript's extension regex sees ".5" here too.
                arguments("TOML ending in a decimal looks like a file", null, null, "version = 1.5",
                        "(PY1000): Invalid URL: version = 1.5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedElements")
    void aRefusedConfigElementSaysWhy(String what, String src, String type, String text, String message) {
        String error = elementError(src, type, text);
        if (message.endsWith("\n")) assertTrue(error.startsWith(message), error);
        else assertEquals(message, error);
        assertTrue(reads.isEmpty(), "read " + reads);
    }

    // ---- bad extension, bad content, bad files ---------------------------------------------

    @Test
    void badExtension() {
        assertEquals("(PY1000): Invalid URL: config.yaml", attributeError("config.yaml"));
        assertEquals("(PY1000): Invalid URL: config.yaml?x=1\nexpected toml content",
                elementError(null, "toml", " config.yaml?x=1 "));
    }

    @Test
    void badInlineJson() {
        String message = attributeError("{\"a\": 1,}");
        assertTrue(message.startsWith("(PY1000): Invalid JSON\n"), message);
        assertTrue(message.length() > "(PY1000): Invalid JSON\n".length(), message);
        assertTrue(attributeError("{\"a\": 1} {\"b\": 2}").startsWith("(PY1000): Invalid JSON\n"));
    }

    @Test
    void badJsonFileNamesTheUrl() throws Exception {
        write("bad.json", "{\"a\": }");
        assertTrue(attributeError("bad.json").startsWith("(PY1000): Invalid JSON @ bad.json\n"));
    }

    @Test
    void badInlineToml() {
        String message = elementError(null, null, "a = ");
        assertTrue(message.startsWith("(PY1000): Invalid TOML\n"), message);
        // A JSON array is not detected as JSON: it is handed to the TOML parser.
        assertTrue(attributeError("[1, 2]").startsWith("(PY1000): Invalid TOML\n"));
    }

    @Test
    void badTomlFileNamesTheUrl() throws Exception {
        write("bad.toml", "a = 1\na = 2\n");
        String message = elementError("bad.toml", null, null);
        assertTrue(message.startsWith("(PY1000): Invalid TOML @ bad.toml\n"), message);
    }

    @Test
    void missingFile() {
        assertEquals("(PY0404): Fetching from URL nope/missing.toml failed with error 404 (Not Found)."
                + " Are your filename and path correct?", attributeError("nope/missing.toml"));
    }

    @Test
    void unreadableFile() {
        ResourceReader forbidden = url -> { throw new java.nio.file.AccessDeniedException(url); };
        ConfigException denied = assertThrows(ConfigException.class,
                () -> ConfigResolver.resolveSingle("secret.json", forbidden));
        assertEquals("(PY0403): Fetching from URL secret.json failed with error 403 (Forbidden)."
                + " Are your filename and path correct?", denied.getMessage());
        assertEquals("PY0403", denied.code());

        ResourceReader broken = url -> { throw new IOException("disk on fire"); };
        assertEquals("(PY0001): Fetching from URL x.toml failed with error 'disk on fire'."
                        + " Are your filename and path correct?",
                assertThrows(ConfigException.class, () -> ConfigResolver.resolveSingle("x.toml", broken))
                        .getMessage());
    }

    // ---- conflicts -------------------------------------------------------------------------

    @Test
    void tooManyConfigElements() {
        List<ConfigElement> two = List.of(new ConfigElement(null, null, "a = 1"), new ConfigElement(null, null, "a = 1"));
        assertEquals("(PY0409): Too many py-config", assertThrows(ConfigException.class,
                () -> ConfigResolver.resolveMain("py", two, List.of(), reader)).getMessage());
        // checked before the ambiguity
        ConfigException mpy = assertThrows(ConfigException.class,
                () -> ConfigResolver.resolveMain("mpy", two, List.of("b = 2"), reader));
        assertEquals("(PY0409): Too many mpy-config", mpy.getMessage());
        assertEquals("PY0409", mpy.code());
    }

    @Test
    void elementAndAttributeAreAmbiguous() {
        assertEquals("(PY0409): Ambiguous py-config VS config attribute", assertThrows(ConfigException.class,
                () -> ConfigResolver.resolveMain("py", List.of(new ConfigElement(null, null, "a = 1")),
                        List.of(""), reader)).getMessage());
    }

    @Test
    void differentAttributesOnMain() {
        assertEquals("(PY0409): Unable to use different configs on main",
                attributeError("a.toml", "a.toml", " a.toml"));
        assertTrue(reads.isEmpty(), "conflicts are detected before any file is read");
    }

    @Test
    void identicalAttributesAreFine() throws Exception {
        write("shared.toml", "packages = [\"x\"]");
        PageConfig config = attributes("shared.toml", "shared.toml", "shared.toml");
        assertEquals(Map.of("packages", List.of("x")), config.asMap());
        assertEquals(List.of("shared.toml"), reads, "the file is read once");
    }

    // ---- empty and non-object configs ------------------------------------------------------

    @Test
    void emptyConfigs() throws Exception {
        assertEquals(PageConfig.empty(), ConfigResolver.resolveMain("py", List.of(), List.of(), reader));
        assertEquals(PageConfig.empty(), ConfigResolver.resolveMain("py", null, null, reader));
        assertEquals(PageConfig.empty(), element(null, null, null));
        assertEquals(PageConfig.empty(), element(null, null, "  \n\t "));
        assertEquals(PageConfig.empty(), element(null, "json", ""));
        assertEquals(PageConfig.empty(), attributes(""));
        assertEquals(PageConfig.empty(), element(null, null, "{}"));
        assertTrue(PageConfig.empty().isEmpty());
        assertEquals("{}", PageConfig.empty().toJson());
    }

    @Test
    void emptyFiles() throws Exception {
        write("empty.toml", "\n");
        write("empty.json", " ");
        PageConfig toml = attributes("empty.toml");
        assertTrue(toml.isEmpty());
        assertEquals(Optional.of("empty.toml"), toml.configUrl());
        assertTrue(attributeError("empty.json").startsWith("(PY1000): Invalid JSON @ empty.json\n"));
    }

    @Test
    void nonObjectJsonRootConfiguresNothing() throws Exception {
        write("list.json", "[1, 2]");
        write("null.json", "null");
        write("string.json", "\"hi\"");
        for (String file : List.of("list.json", "null.json", "string.json")) {
            PageConfig config = attributes(file);
            assertTrue(config.isEmpty(), file);
            assertEquals(Optional.of(file), config.configUrl());
        }
    }

    // ---- single source (workers) -----------------------------------------------------------

    @Test
    void resolveSingle() throws Exception {
        write("worker.toml", "packages = [\"w\"]");
        assertEquals(Map.of("packages", List.of("w")), ConfigResolver.resolveSingle("worker.toml", reader).asMap());
        assertEquals(Map.of("a", 1), ConfigResolver.resolveSingle("{\"a\": 1}", reader).asMap());
        assertEquals(PageConfig.empty(), ConfigResolver.resolveSingle(null, reader));
        assertEquals("(PY1000): Invalid URL: w.py", assertThrows(ConfigException.class,
                () -> ConfigResolver.resolveSingle("w.py", reader)).getMessage());
        assertFalse(ConfigResolver.resolveSingle("a = 1", reader).configUrl().isPresent());
    }
}
