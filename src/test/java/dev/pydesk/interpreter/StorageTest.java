package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pydesk.testing.MainAndWorker;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.Variants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pyscript.storage} on a real WebView, py and mpy, main thread and worker: a dict whose changes reach a file
 * of the state folder (a temporary one here, {@code -Dpydesk.state}), survive a reload and a new PyDesk session, are
 * shared by the pages of one site and by no other site, with PyScript's value types and errors.
 */
class StorageTest {
    static PageHarness page;
    @TempDir
    static Path state;
    @TempDir
    Path dir;
    private static String previousState;

    /** Every harness this class made: closed at the end only (a WebView closed mid-run upset the next one's pages). */
    private static final List<PageHarness> harnesses = new java.util.ArrayList<>();

    @BeforeAll
    static void start() {
        previousState = System.getProperty("pydesk.state");
        System.setProperty("pydesk.state", state.toString());
        page = newHarness();
    }

    private static PageHarness newHarness() {
        PageHarness made = new PageHarness(java.time.Duration.ofSeconds(120));
        harnesses.add(made);
        return made;
    }

    /** Ends the current harness's page session (its interpreters close, its stores are written and let go). */
    private static void endSession() {
        dev.pydesk.bridge.FxThread.run(() -> page.loader().close());
    }

    @AfterAll
    static void stop() {
        harnesses.forEach(PageHarness::close);
        if (previousState == null) System.clearProperty("pydesk.state");
        else System.setProperty("pydesk.state", previousState);
    }

    @BeforeEach
    void clear() {
        page.clearConsole();
    }

    @AfterEach
    void noLimit() {
        System.clearProperty("pydesk.storage.limit");
    }

    /** Every value type, as stored and as read back by a fresh open and after a reload (tuples come back as lists). */
    @MainAndWorker
    void valuesSurviveAReloadWithTheirTypes(String variant) throws Exception {
        String code = """
                from pyscript import storage
                store = await storage("types")
                if "int" not in store:
                    store.update(none=None, false=False, int=42, float=3.5, str="héllo", list=[1, [2]],
                                 tuple=(1, 2), dict={"a": {"b": [1, None]}}, bytearray=bytearray(b"\\x00\\xff"),
                                 memoryview=memoryview(b"mv"))
                    store[7] = "seven"
                    store[""] = "empty key"
                    await store.sync()
                    log("written", store["tuple"], type(store["memoryview"]).__name__)
                again = await storage("types")
                for key in sorted(again, key=str):
                    value = again[key]
                    shown = bytes(value) if isinstance(value, memoryview) else value
                    log(repr(key), type(value).__name__, repr(shown))
                log("done")
                """;
        List<String> first = Variants.run(page, dir, "types.html", variant, "", "", code);
        List<String> values = List.of("'' str 'empty key'", "7 str 'seven'", "'bytearray' bytearray bytearray(b'\\x00\\xff')",
                "'dict' dict {'a': {'b': [1, None]}}", "'false' bool False", "'float' float 3.5", "'int' int 42",
                "'list' list [1, [2]]", "'memoryview' memoryview b'mv'", "'none' NoneType None", "'str' str 'héllo'",
                "'tuple' list [1, 2]");
        assertEquals("written (1, 2) memoryview", first.getFirst(), page.consoleText());
        assertEquals(values, first.subList(1, first.size()));
        assertEquals(values, Variants.reload(page), page.consoleText());
    }

    /** A counter kept by the page: it goes on across reloads and across two PyDesk sessions (a new harness). */
    @ParameterizedTest
    @ValueSource(strings = {Variants.PY, Variants.MPY_WORKER})
    void aCounterPersistsAcrossReloadsAndSessions(String variant) throws Exception {
        String code = """
                from pyscript import storage
                store = await storage("visits")
                store["count"] = store.get("count", 0) + 1
                log(store["count"])
                log("done")
                """;
        assertEquals(List.of("1"), Variants.run(page, dir, "counter.html", variant, "", "", code));
        assertEquals(List.of("2"), Variants.reload(page));
        endSession(); // its stores are written and let go
        page.waitUntil("the count on disk", java.time.Duration.ofSeconds(30), () -> "2".equals(savedCount(dir)));
        page = newHarness(); // a new session: new interpreters, which read the store back from disk
        assertEquals(List.of("3"), Variants.run(page, dir, "counter.html", variant, "", "", code));
    }

    /** The count in the "visits" store file of the site {@code site}, as the file has it (null: no such file). */
    private static String savedCount(Path site) {
        try (Stream<Path> files = Files.walk(state.resolve("storage"))) {
            List<Path> stores = files.filter(file -> file.getFileName().toString().startsWith("visits-")).toList();
            for (Path file : stores) {
                JsonNode saved = new ObjectMapper().readTree(Files.readString(file));
                if (!saved.get("site").asText().equals(site.toString())) continue;
                for (JsonNode pair : saved.get("entries")) {
                    if (pair.get(0).asText().equals("\"count\"")) {
                        return new ObjectMapper().readTree(pair.get(1).asText()).get(1).asText();
                    }
                }
            }
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Two pages of one folder share a store (one origin); a page of another folder does not. */
    @Test
    void pagesOfOneSiteShareAStoreAndOtherSitesDoNot() throws Exception {
        Path siteA = Files.createDirectories(dir.resolve("a"));
        Path siteB = Files.createDirectories(dir.resolve("b"));
        String write = """
                from pyscript import storage
                store = await storage("shared")
                store["who"] = WHO
                await store.sync()
                log("done")
                """;
        String read = """
                from pyscript import storage
                store = await storage("shared")
                log(store.get("who", "nobody"))
                log("done")
                """;
        Variants.run(page, siteA, "writer.html", Variants.PY, "", "", write.replace("WHO", "'site a'"));
        assertEquals(List.of("site a"), Variants.run(page, siteA, "reader.html", Variants.MPY, "", "", read));
        assertEquals(List.of("nobody"), Variants.run(page, siteB, "reader.html", Variants.PY, "", "", read));
        Variants.run(page, siteB, "writer.html", Variants.PY, "", "", write.replace("WHO", "'site b'"));
        assertEquals(List.of("site a"), Variants.run(page, siteA, "reader.html", Variants.PY, "", "", read));
        assertEquals(List.of("site b"), Variants.run(page, siteB, "reader.html", Variants.PY, "", "", read));
    }

    /**
     * With a site root above the pages ({@code root = ".."} in pydesk.toml), pages of two folders under it share a
     * store, as pages of one origin do; a page of a third folder, whose site root is its own folder, does not.
     */
    @Test
    void pagesUnderOneSiteRootShareAStore() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path one = Files.createDirectories(project.resolve("one"));
        Path two = Files.createDirectories(project.resolve("two"));
        Path alone = Files.createDirectories(project.resolve("alone"));
        for (Path folder : List.of(one, two)) Files.writeString(folder.resolve("pydesk.toml"), "root = \"..\"\n");
        String write = """
                from pyscript import storage
                store = await storage("projectwide")
                store["who"] = "one"
                await store.sync()
                log("done")
                """;
        String read = """
                from pyscript import storage
                store = await storage("projectwide")
                log(store.get("who", "nobody"))
                log("done")
                """;
        Variants.run(page, one, "writer.html", Variants.PY, "", "", write);
        assertEquals(List.of("one"), Variants.run(page, two, "reader.html", Variants.MPY_WORKER, "", "", read));
        assertEquals(List.of("nobody"), Variants.run(page, alone, "reader.html", Variants.PY, "", "", read));
        try (Stream<Path> files = Files.walk(state.resolve("storage"))) {
            List<String> sites = files.filter(file -> file.getFileName().toString().startsWith("projectwide-"))
                    .map(file -> {
                        try {
                            return new ObjectMapper().readTree(Files.readString(file)).get("site").asText();
                        } catch (java.io.IOException e) {
                            throw new AssertionError(e);
                        }
                    }).toList();
            assertEquals(List.of(project.toRealPath().toString()), sites, "one store, keyed by the site root");
        }
    }

    /** dict methods all save (PyScript's update/pop/setdefault do not); a custom storage_class sees every change. */
    @ParameterizedTest
    @ValueSource(strings = {Variants.PY, Variants.MPY_WORKER})
    void everyDictChangeIsSavedAndSubclassesSeeThem(String variant) throws Exception {
        String code = """
                from pyscript import Storage, storage
                calls = []
                class Tracking(Storage):
                    def __setitem__(self, key, value):
                        calls.append(("set", key))
                        super().__setitem__(key, value)
                    def __delitem__(self, key):
                        calls.append(("del", key))
                        super().__delitem__(key)
                store = await storage("methods", storage_class=Tracking)
                store.clear()
                store["a"] = 1
                store.update({"b": 2}, c=3)
                store |= {"d": 4}
                store.setdefault("e", 5)
                store.setdefault("a", 99)
                log(store.pop("b"), store.pop("zz", "default"), store.popitem())
                del store["c"]
                try:
                    del store["missing"]
                except KeyError as error:
                    log("KeyError", error)
                log(type(store).__name__, calls)
                await store.sync()
                fresh = await storage("methods")
                log(sorted(fresh.items()))
                log("done")
                """;
        List<String> log = Variants.run(page, dir, "methods.html", variant, "", "", code);
        assertEquals(List.of("2 default ('e', 5)", "KeyError 'missing'",
                "Tracking [('set', 'a'), ('set', 'b'), ('set', 'c'), ('set', 'd'), ('set', 'e'), ('del', 'b'), "
                        + "('del', 'e'), ('del', 'c'), ('del', 'missing')]",
                "[('a', 1), ('d', 4)]"), log, page.consoleText());
    }

    /** PyScript's errors: an empty name, a value type it cannot store, a key type it cannot store; a full store. */
    @ParameterizedTest
    @ValueSource(strings = {Variants.PY, Variants.PY_WORKER})
    void badNamesValuesAndAFullStoreGiveClearErrors(String variant) throws Exception {
        System.setProperty("pydesk.storage.limit", "2000");
        String code = """
                from pyscript import storage
                try:
                    await storage("")
                except ValueError as error:
                    log("ValueError", error)
                store = await storage("errors")
                store.clear()
                for value in (b"raw", {1, 2}, object(), [b"nested"]):
                    try:
                        store["k"] = value
                    except TypeError as error:
                        log("TypeError", error)
                try:
                    store[(1, 2)] = 1
                except TypeError as error:
                    log("TypeError", error)
                store["small"] = "x" * 100
                try:
                    store["big"] = "x" * 5000
                except OSError as error:
                    log("OSError", error.errno, error.strerror)
                log(sorted(store), "k" in store)
                log("done")
                """;
        List<String> log = Variants.run(page, dir, "errors.html", variant, "", "", code);
        assertEquals("ValueError Storage name must be a non-empty string", log.get(0));
        assertEquals("TypeError Cannot serialize type bytes for storage. (store it as a bytearray)", log.get(1));
        assertEquals("TypeError Cannot serialize type set for storage.", log.get(2));
        assertEquals("TypeError Cannot serialize type object for storage.", log.get(3));
        assertTrue(log.get(4).startsWith("TypeError Cannot serialize list for storage: "), log.get(4));
        assertEquals("TypeError storage keys must be str, int or float, not tuple", log.get(5));
        assertTrue(log.get(6).startsWith("OSError 28 storage 'errors' is full: it would hold "), log.get(6));
        assertTrue(log.get(6).endsWith("Delete entries, or keep large data in files."), log.get(6));
        assertEquals("['small'] False", log.get(7));
        assertTrue(log.stream().noneMatch(line -> line.contains("java")), log.toString());
    }

    /** A damaged store file is reported with its place and what to do; the page goes on. */
    @Test
    void aDamagedStoreFileIsReportedNotWiped() throws Exception {
        String code = """
                from pyscript import storage
                try:
                    store = await storage("damaged")
                    log("opened", dict(store))
                except OSError as error:
                    log("OSError", error)
                log("done")
                """;
        Variants.run(page, dir, "damaged.html", Variants.PY, "", "",
                "from pyscript import storage\ns = await storage('damaged')\ns['a'] = 1\nawait s.sync()\nlog('done')");
        endSession();
        page = newHarness();
        Path file;
        try (Stream<Path> files = Files.walk(state.resolve("storage"))) {
            file = files.filter(f -> f.getFileName().toString().startsWith("damaged-")).findFirst().orElseThrow();
        }
        Files.writeString(file, "{not json");
        List<String> log = Variants.run(page, dir, "damaged.html", Variants.PY, "", "", code);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.getFirst().startsWith("OSError storage 'damaged' could not be opened: the saved store "
                + file + " is not valid"), log.getFirst());
        assertTrue(log.getFirst().endsWith("delete that file to start the store afresh"), log.getFirst());
        assertEquals("{not json", Files.readString(file), "the damaged file was left alone");
    }
}
