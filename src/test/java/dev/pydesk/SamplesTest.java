package dev.pydesk;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opens every page of {@code samples/} (found by listing the folder, so a new sample is covered without touching
 * this test) in a real WebView with real GraalPy, and checks that it ran: no console errors (errors.html: exactly
 * its one expected error), the samples' conventions, and one check of its own content per known page.
 */
@PageTest
class SamplesTest {
    static final Path SAMPLES = Path.of("samples").toAbsolutePath().normalize();
    static final String PYSCRIPT_CSS =
            "<link rel=\"stylesheet\" href=\"https://pyscript.net/releases/2025.11.1/core.css\">";
    static final String PYSCRIPT_JS =
            "<script type=\"module\" src=\"https://pyscript.net/releases/2025.11.1/core.js\"></script>";
    static final Duration WAIT = Duration.ofSeconds(30); // a first asyncio import on a cold interpreter takes seconds

    /** The page whose purpose is to fail: its error is expected and checked by {@link #errors()}. */
    static final String FAILING_PAGE = "errors.html";

    static PageHarness page;

    private final Map<String, Runnable> checks = Map.ofEntries(
            Map.entry("index.html", this::index),
            Map.entry("hello.html", this::hello),
            Map.entry("web.html", this::web),
            Map.entry("display.html", this::display),
            Map.entry("targets.html", this::targets),
            Map.entry("current-target.html", this::currentTarget),
            Map.entry("mpy.html", this::mpy),
            Map.entry("config.html", this::config),
            Map.entry("dom.html", this::dom),
            Map.entry("counter.html", this::counter),
            Map.entry("form.html", this::form),
            Map.entry("todo.html", this::todo),
            Map.entry("js-modules.html", this::jsModules),
            Map.entry("fetch.html", this::fetch),
            Map.entry("websocket.html", this::webSocket),
            Map.entry("worker.html", this::worker),
            Map.entry("packages.html", this::packages),
            Map.entry("storage.html", this::storage),
            Map.entry("fs.html", this::fs),
            Map.entry("media.html", this::media),
            Map.entry("pyodide.html", this::pyodide),
            Map.entry(FAILING_PAGE, this::errors));

    static List<String> samplePages() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".html"))
                    .sorted()
                    .toList();
            assertTrue(names.contains("index.html"), "no samples found in " + SAMPLES);
            return names;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplePages")
    void sampleRuns(String name) throws IOException {
        page.clearConsole();
        page.open(SAMPLES.resolve(name));
        followsTheConventions(name);
        if (!name.equals(FAILING_PAGE)) {
            assertEquals(List.of(), page.errors(), "console errors on " + name + ":\n" + page.consoleText());
            assertEquals(0, page.count(".py-error"), "an error banner on " + name + ": " + page.text(".py-error"));
        }
        Runnable check = checks.get(name);
        if (check != null) check.run();
    }

    /**
     * samples/project/: a page in a folder of its own (not in the gallery's folder, so not listed above), with a
     * pydesk.toml that sets its site root, a config naming files relative to itself, a worker that gets the page's
     * config, and a plugin importing core.js.
     */
    @org.junit.jupiter.api.Test
    void projectSample() throws IOException {
        page.clearConsole();
        Path project = SAMPLES.resolve("project/app/index.html");
        page.open(project);
        String source = Files.readString(project);
        page.waitUntil("the worker's output", WAIT,
                () -> String.valueOf(page.text("script-py#py-w0-target")).startsWith("worker (True)"));
        assertAll(
                () -> assertTrue(source.contains(PYSCRIPT_CSS) && source.contains(PYSCRIPT_JS), "PyScript's tags"),
                () -> assertTrue(source.contains("href=\"../../style.css\""), "the gallery's style"),
                () -> assertEquals(1, page.count("header nav a[href=\"../../index.html\"]"), "a link back"),
                () -> assertFalse(text("header .lead").isBlank()),
                () -> assertEquals("14 words, the longest is 'folder'", text("#main-out")),
                () -> assertEquals("files from the config: ['{SHARED}', '{SHARED}/words.py']", text("#config-out")),
                () -> assertEquals("worker (True): 7 words, the longest is 'module'", text("script-py#py-w0-target")),
                () -> assertEquals("py ready (./main.py); main script done;", text("#hooks").strip()),
                () -> assertEquals(List.of(), page.errors(), page.consoleText()),
                () -> assertEquals(0, page.count(".py-error"), page.consoleText()));
    }

    /** What every sample has: PyScript's loader (so it works in a browser), the shared style, a one-line lead. */
    private void followsTheConventions(String name) throws IOException {
        String source = Files.readString(SAMPLES.resolve(name));
        assertAll(name,
                () -> assertTrue(source.contains(PYSCRIPT_CSS), "PyScript's core.css link is missing"),
                () -> assertTrue(source.contains(PYSCRIPT_JS), "PyScript's core.js script is missing"),
                () -> assertTrue(source.contains("href=\"style.css\""), "samples/style.css is not linked"),
                () -> assertFalse(text("title").isBlank(), "no <title>"),
                () -> assertFalse(text("header .lead").isBlank(), "no one-sentence lead in the header"),
                () -> assertTrue(name.equals("index.html") || page.count("header nav a[href=\"index.html\"]") == 1,
                        "no link back to the gallery"));
    }

    private void index() {
        Set<String> links = new TreeSet<>();
        int count = page.count("a[href]");
        for (int i = 0; i < count; i++) {
            links.add(String.valueOf(page.js("document.querySelectorAll('a[href]')[" + i + "].getAttribute('href')")));
        }
        List<String> problems = new ArrayList<>();
        for (String link : links) {
            URI uri = URI.create(link);
            if (uri.isAbsolute()) continue; // none today; external links would not be files
            Path target = SAMPLES.resolve(uri.getPath()).normalize();
            if (!Files.isRegularFile(target)) problems.add("the link " + link + " leads to no file");
        }
        try {
            for (String sample : samplePages()) {
                if (!sample.equals("index.html") && !links.contains(sample)) problems.add(sample + " is not linked");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(), problems, "links of index.html: " + links);
        assertEquals(links.size(), page.count(".gallery a"), "every link is a gallery tile");
        for (int i = 0; i < links.size(); i++) {
            String description = String.valueOf(page.js("document.querySelectorAll('.gallery a span')[" + i + "].textContent"));
            assertFalse(description.isBlank(), "gallery tile " + i + " has no description");
        }
        assertTrue(text("#python-version").matches("graalpy \\(Python 3\\.\\d+\\.\\d+\\) on \\w+"),
                text("#python-version"));
    }

    private void hello() {
        assertTrue(text("script-py#py-0").matches("Hello from Python 3\\.\\d+\\.\\d+"), text("script-py#py-0"));
        assertTrue(page.console().stream().anyMatch(event -> event.level() != ConsoleEvent.Level.ERROR
                && event.text().contains("printed lines go to the console")), page.consoleText());
        assertEquals("rgb(159, 240, 192)", page.js("getComputedStyle(document.querySelector('h1')).color"));
    }

    private void web() {
        List<String> all = List.of("Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune");
        assertAll(
                () -> assertEquals(all, page.texts("#planets .planet h3")),
                () -> assertEquals("rocky, 1 moon", text("#earth p")),
                () -> assertEquals("rgb(59, 125, 216)", page.js("document.querySelector('#earth .globe').style.backgroundColor")),
                () -> assertEquals(List.of("all", "rocky", "gas", "ice"),
                        page.jsonList("Array.from(document.querySelectorAll('#kind option')).map(o => o.value)")),
                () -> assertEquals("8 of 8 shown. Favourites: none yet, click a planet.", text("#summary")));
        type("#search", "ur"); // @when("input", search)
        page.waitUntil("the filter", WAIT, () -> page.count("#planets .planet.hidden") == 5);
        assertEquals(List.of("Mercury", "Saturn", "Uranus"), page.texts("#planets .planet:not(.hidden) h3"));
        page.js("(function(){const k=document.getElementById('kind');k.value='ice';"
                + "k.dispatchEvent(new Event('change', {bubbles: true}))})()");
        page.waitUntil("the kind filter", WAIT, () -> page.count("#planets .planet.hidden") == 7);
        assertEquals("1 of 8 shown. Favourites: none yet, click a planet.", text("#summary"));
        type("#search", "");
        page.waitUntil("the filter cleared", WAIT, () -> page.count("#planets .planet.hidden") == 6);
        click("#neptune"); // on_click=toggle_favourite, given when the card was made
        page.waitUntil("the favourite", WAIT, () -> page.count("#planets .favourite") == 1);
        assertAll(
                () -> assertEquals("2 of 8 shown. Favourites: Neptune.", text("#summary")),
                () -> assertEquals("Planets (1 \u2605)", page.js("document.title")));
        click("#sort");
        page.waitUntil("the sort", WAIT, () -> "Fewest moons first".equals(page.text("#sort")));
        assertEquals(List.of("Saturn", "Jupiter", "Uranus", "Neptune", "Mars", "Earth", "Mercury", "Venus"),
                page.texts("#planets .planet h3"));
        click("#neptune");
        page.waitUntil("the favourite removed", WAIT, () -> page.count("#planets .favourite") == 0);
        assertEquals("Planets, built with pyscript.web", page.js("document.title"));
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    private void display() {
        assertAll(
                () -> assertEquals("<b>not bold</b>, just text", text("#text script-py")),
                () -> assertEquals(0, page.count("#text script-py b")),
                () -> assertEquals("bold", text("#html script-py b")),
                () -> assertEquals("emphasised", text("#html script-py em")),
                () -> assertEquals(5, page.count("#repr-html script-py .swatch")),
                () -> assertEquals("drawn by Python", text("#svg script-py svg text")),
                () -> assertEquals("svg", page.js("document.querySelector('#svg script-py svg').localName")),
                () -> {
                    assertEquals(1, page.count("#png script-py img[src^=\"data:image/png;base64,\"]"));
                    String src = String.valueOf(page.js("document.querySelector('#png img').getAttribute('src')"));
                    byte[] png = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
                    assertEquals("\u0089PNG", new String(png, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
                    page.waitUntil("WebKit to decode the PNG", WAIT, () -> ((Number) page.js(
                            "document.querySelector('#png img').naturalWidth")).intValue() == 24);
                },
                () -> {
                    String json = text("#json script-py");
                    assertTrue(json.contains("\"theme\": \"light\"") && json.contains("\"font_size\": 16")
                            && json.contains("\"clock\""), json);
                },
                () -> {
                    assertEquals(0, ((Number) page.js("document.querySelector('#replace script-py').childElementCount")).intValue());
                    assertTrue(text("#replace script-py").startsWith("only this line is left"), text("#replace script-py"));
                });
    }

    private void targets() {
        assertAll(
                () -> assertEquals("Hello! This script has target=\"greeting\".", text("#greeting")),
                () -> assertEquals("Found by the selector .selector-demo .slot", text(".selector-demo .slot")),
                () -> assertEquals("Sent with target=\"plain\"", text("#plain")),
                () -> assertEquals("Sent with target=\"#hashed\"", text("#hashed")),
                // scripts with a target attribute write there, not into a <script-py> of their own
                () -> assertEquals(1, page.count("script-py")));
    }

    private void currentTarget() {
        assertAll(
                () -> assertEquals("current_target(): explicit-py", text("py-script#explicit-py")),
                () -> assertEquals("current_target(): py-0", text("py-script#py-0")),
                () -> assertEquals("current_target(): py-1", text("script[type=py]:not([id]) + script-py#py-1")),
                () -> assertEquals("current_target(): explicit-mpy", text("mpy-script#explicit-mpy")),
                () -> assertEquals("current_target(): mpy-0", text("mpy-script#mpy-0")),
                () -> assertEquals("current_target(): mpy-1", text("script[type=mpy] + script-py#mpy-1")),
                () -> assertEquals("current_target(): py-2", text("#unique-id + script-py#py-2 div:first-child")),
                () -> assertEquals("the script itself: <script id=\"unique-id\" type=\"py\">",
                        text("#py-2 div:last-child")));
    }

    private void mpy() {
        String py = text("#py-check");
        String mpy = text("#mpy-check");
        assertAll(
                () -> assertTrue(py.contains("py still sees fruit = 'apple'"), py),
                () -> assertTrue(py.contains("only_in_mpy is a NameError here"), py),
                () -> assertTrue(mpy.contains("mpy still sees fruit = 'banana'"), mpy),
                () -> assertTrue(mpy.contains("only_in_py is a NameError here"), mpy),
                () -> assertFalse((py + mpy).contains("would be a bug"), py + mpy),
                () -> assertTrue(text(".note").contains("interpreter of its own"), text(".note")));
    }

    private void config() {
        String shown = text("main");
        assertAll(
                () -> assertEquals("Hello from config.toml", text("script-py#py-0 strong")),
                () -> assertEquals("rgb(31, 157, 85)", page.js("getComputedStyle(document.querySelector('#py-0 strong')).color")),
                () -> assertTrue(shown.contains("app name: Plant tracker"), shown),
                () -> assertTrue(shown.contains("water the Basil every 2 days"), shown),
                () -> assertTrue(shown.contains("water the Cactus every 14 days"), shown),
                () -> assertTrue(shown.contains("type(config) is dict, config['app'] has the keys "
                        + "['accent', 'greeting', 'name', 'plants']"), shown));
    }

    private void dom() {
        assertAll(
                () -> assertEquals(4, page.count("#basket-home > ul#basket > li.fruit")),
                () -> assertEquals(2, page.count("#basket li.ripe")),
                () -> assertEquals("3px solid rgb(31, 157, 85)", page.js("document.querySelector('#basket li').style.borderBottom")),
                () -> assertEquals("4 fruits, ripe ones: apple, mango", text("#py-1")),
                () -> assertEquals("URL.new(...): host pyscript.net, path /docs/, page=builtins", text("#py-2 div:first-child")),
                () -> assertEquals("JSON.stringify(to_js(dict)): {\"fruit\":\"kiwi\",\"count\":3}", text("#py-2 div:last-child")),
                () -> assertEquals("getElementById('no-such-element') is None: True", text("#py-3 div:first-child")),
                () -> assertEquals("querySelector('.nothing') is None: True", text("#py-3 div:last-child")));
        page.js("document.getElementById('add-fruit').click()");
        page.waitUntil("the click handler to add a fruit", WAIT, () -> page.count("#basket li") == 5);
        assertEquals("plum", text("#basket li:last-child"));
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    private void fetch() {
        page.waitUntil("the table", WAIT, () -> page.count("#planets tbody tr") == 6);
        assertEquals("200 OK: 6 planets. A missing file is a response too: status 404, ok=False.", text("#status"));
        assertEquals("Saturn", page.text("#planets tbody tr:last-child td"));
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    private void packages() {
        assertEquals("text: 3", text("#words li"), page.consoleText());
        assertEquals(5, page.count("#words li"));
        assertEquals("notes.txt says 'written by Python'; the folder now lists modules, notes.txt, out, words.txt",
                text("#scratch"));
        assertEquals("mean of 1, 2, 3, 4 = 2.5", text("#imported"));
        assertFalse(Files.exists(SAMPLES.resolve("notes.txt")) || Files.exists(SAMPLES.resolve("modules")),
                "the sample wrote into samples/");
    }

    private void worker() {
        page.waitUntil("the worker's greeting", WAIT, () -> text("#from-worker").contains("RUNNING_IN_WORKER = True"));
        click("#poke");
        page.waitUntil("the click", WAIT, () -> text("#clicks").equals("1 click"));
        page.waitUntil("the picture", Duration.ofSeconds(120), () -> text("#status").startsWith("Done: 240x150 pixels"));
        Object corner = page.js("Array.from(document.getElementById('canvas').getContext('2d')"
                + ".getImageData(96, 75, 1, 1).data).join(',')");
        assertEquals("0,0,0,255", corner, "the set is black"); // c = -1.1 lies in its period-2 bulb
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    private void webSocket() {
        try (dev.pydesk.testing.EchoWebSocketServer server = dev.pydesk.testing.EchoWebSocketServer.launch()) {
            assertEquals("Not connected.", text("#state"));
            page.js("document.getElementById('url').value = " + PageHarness.quote(server.url()));
            click("#connect");
            page.waitUntil("the connection", WAIT, () -> text("#state").startsWith("Connected to " + server.url()));
            page.js("document.getElementById('message').value = 'hello there'");
            page.js("document.querySelector('form').requestSubmit()");
            page.waitUntil("the echo", WAIT, () -> text("#messages").equals("you: hello there\nhello there"));
            assertEquals(List.of(), page.errors(), page.consoleText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void counter() {
        assertEquals("0", text("#count"));
        assertEquals("No clicks yet.", text("#log"));
        click("#plus");
        page.waitUntil("the @when handler of +", WAIT, () -> "1".equals(page.text("#count")));
        click("#plus");
        click("#plus");
        assertAll(
                () -> assertEquals("3", text("#count")),
                () -> assertEquals("+1: the count is 3 (3 clicks so far)", text("#log")),
                () -> assertEquals(0, page.count("#count.negative")));
        for (int i = 0; i < 5; i++) click("#minus");
        assertAll(
                () -> assertEquals("-2", text("#count")),
                () -> assertEquals("-1 (click on #minus): the count is -2 (8 clicks so far)", text("#log")),
                () -> assertEquals("rgb(192, 57, 43)", page.js("getComputedStyle(document.getElementById('count')).color")));
        click("#reset"); // py-click="reset"
        assertAll(
                () -> assertEquals("0", text("#count")),
                () -> assertEquals("reset: the count is 0 (9 clicks so far)", text("#log")),
                () -> assertEquals(0, page.count("#count.negative")));
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    private void form() {
        assertEquals("Start typing...", text("#preview"));
        assertEquals("Nothing sent yet.", text("#result"));
        type("#name", "Ada Lovelace");
        page.waitUntil("py-input to preview the name", WAIT, () -> "Ada Lovelace, Python".equals(page.text("#preview")));
        type("#email", "ada@example");
        type("#age", "9");
        click("#send");
        assertAll("an invalid form is not sent",
                () -> assertEquals("Not sent: 2 field(s) to fix.", text("#result")),
                () -> assertEquals(List.of("An email address looks like name@example.org.",
                        "Age is a whole number from 13 to 120."), page.texts("#errors li")),
                () -> assertEquals(List.of("email", "age"),
                        page.jsonList("Array.from(document.querySelectorAll('input.invalid')).map(e => e.id)")),
                () -> assertEquals("Ada Lovelace <ada@example>, Python", text("#preview")));
        page.js("document.getElementById('topic').value = 'PyScript'");
        type("#email", "ada@example.org");
        type("#age", "36");
        assertEquals("Ada Lovelace <ada@example.org>, PyScript", text("#preview"));
        click("#send");
        assertAll("a valid form",
                () -> assertEquals("Thanks, Ada Lovelace! You are 36; we will write to ada@example.org about PyScript.",
                        text("#result")),
                () -> assertEquals(1, page.count("#result.ok")),
                () -> assertEquals(0, page.count("#errors li")),
                () -> assertEquals(0, page.count("input.invalid")));
        // preventDefault() worked: the page was not submitted (a GET would have added ?name=... and reloaded it)
        assertEquals("", page.js("location.search"));
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    private void todo() {
        assertEquals(List.of("Read about py-* attributes", "Try PyDesk"), page.texts("#todos li .text"));
        assertEquals("0 of 2 done", text("#summary"));
        type("#todo-text", "Buy milk");
        click("#add"); // py-click="add_todo", an async handler: it runs as a task, soon after the click
        page.waitUntil("the todo added by the Add button", WAIT, () -> page.count("#todos li") == 3);
        type("#todo-text", "Water the plants");
        page.js("document.getElementById('todo-text').dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}))");
        page.waitUntil("the todo added by the Enter key", WAIT, () -> page.count("#todos li") == 4);
        assertAll("two todos added",
                () -> assertEquals(List.of("Read about py-* attributes", "Try PyDesk", "Buy milk", "Water the plants"),
                        page.texts("#todos li .text")),
                () -> assertEquals("", page.js("document.getElementById('todo-text').value")),
                () -> assertEquals("0 of 4 done", text("#summary")));

        // the buttons of the items added by Python reach Python through their py-click attributes
        click("#todos li:nth-child(3) .toggle");
        page.waitUntil("the async toggle handler", WAIT, () -> page.count("#todos li.done") == 1);
        assertAll("one todo toggled",
                () -> assertEquals("Buy milk", text("#todos li.done .text")),
                () -> assertEquals("Undo", text("#todos li.done .toggle")),
                () -> assertTrue(String.valueOf(page.js("getComputedStyle(document.querySelector('#todos li.done .text'))"
                        + ".textDecorationLine")).contains("line-through")),
                () -> assertEquals("1 of 4 done", text("#summary")));

        // the "saved" flash: shown by the async handler, hidden after its asyncio.sleep
        page.waitUntil("the earlier flashes to end", WAIT, () -> page.count("#saved.show") == 0);
        page.js("window.savedClasses = []; new MutationObserver(() => savedClasses.push("
                + "document.getElementById('saved').className)).observe(document.getElementById('saved'), "
                + "{attributes: true, attributeFilter: ['class']})");
        click("#todos li:nth-child(4) .delete");
        page.waitUntil("the async delete handler", WAIT, () -> page.count("#todos li") == 3);
        assertAll("one todo deleted",
                () -> assertEquals(List.of("Read about py-* attributes", "Try PyDesk", "Buy milk"),
                        page.texts("#todos li .text")),
                () -> assertEquals("1 of 3 done", text("#summary")),
                () -> assertEquals("saved", text("#saved")));
        page.waitUntil("the flash to come and go", WAIT, () -> page.jsonList("savedClasses").equals(List.of("show", "")));
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    private void jsModules() {
        assertAll("[js_modules.main]: the module ran and its stylesheet applies",
                () -> assertEquals("confetti.burst() added 30 pieces (burst 1)", text("#confetti-out")),
                () -> assertEquals(30, page.count("#confetti-box > span.confetti-piece")),
                () -> assertEquals(1, page.count("head link[rel=stylesheet][href=\"./js/confetti.css\"]")),
                () -> assertEquals("absolute", page.js("getComputedStyle(document.querySelector('.confetti-piece')).position")),
                () -> assertEquals("150px", page.js("getComputedStyle(document.getElementById('confetti-box')).height")),
                () -> assertTrue(String.valueOf(page.js("getComputedStyle(document.querySelector('.confetti-piece'))"
                        + ".animationName")).contains("confetti-fall")));
        click("#celebrate");
        assertEquals("confetti.burst() added 30 pieces (burst 2)", text("#confetti-out"));
        assertEquals(30, page.count("#confetti-box > span.confetti-piece"));
        assertEquals(List.of("512 bytes is 512 bytes", "1536 bytes is 1.5 KiB", "5242880 bytes is 5.0 MiB",
                "units known to the module: bytes, KiB, MiB, GiB, TiB"), page.texts("script-py#py-1 > div"));
        assertEquals(List.of(), page.errors(), page.consoleText());
    }

    private void errors() {
        page.waitUntil("the error banner", WAIT, () -> page.count(".py-error") > 0);
        String banner = text(".py-error");
        List<ConsoleEvent> errors = page.errors();
        assertAll(
                () -> assertEquals(1, page.count(".py-error"), "exactly one banner"),
                () -> assertTrue(banner.startsWith("Traceback (most recent call last):"), banner),
                () -> assertTrue(banner.contains("errors.html#py-0"), banner),
                () -> assertTrue(banner.strip().endsWith("ZeroDivisionError: division by zero"), banner),
                () -> assertEquals(1, errors.size(), page.consoleText()),
                () -> assertTrue(errors.getFirst().text().contains("ZeroDivisionError"), page.consoleText()),
                () -> assertEquals("about to divide by zero...", text("#py-0")),
                () -> assertEquals("still running: the error above did not stop this script", text("#py-1")),
                () -> assertTrue(text(".note").contains("red box at the bottom of this page is expected"),
                        text(".note")));
    }

    /** The visit count goes up with a reload; a note added is still there after it. */
    private void storage() {
        page.waitUntil("the store", WAIT, () -> text("#visits").startsWith("This page was opened"));
        int visits = Integer.parseInt(text("#visits").replaceAll("\\D", ""));
        String note = "note " + System.nanoTime();
        type("#note", note);
        click("#add");
        page.waitUntil("the note", WAIT, () -> page.texts("#notes li").contains(note));
        page.js("document.documentElement.dataset.old = 'yes'");
        page.reload();
        page.waitUntil("the reloaded page", WAIT, () -> {
            try {
                return Boolean.FALSE.equals(page.js("document.documentElement.dataset.old === 'yes'"))
                        && text("#visits").startsWith("This page was opened");
            } catch (RuntimeException | AssertionError betweenDocuments) {
                return false;
            }
        });
        assertEquals("This page was opened " + (visits + 1) + " time(s).", text("#visits"));
        page.waitUntil("the note after the reload", WAIT, () -> page.texts("#notes li").contains(note));
        click("#clear");
        page.waitUntil("no notes", WAIT, () -> page.count("#notes li") == 0);
    }

    /** Without a chooser the mount is refused, and said so; with a folder chosen, its files are listed. */
    private void fs() {
        click("#choose");
        page.waitUntil("the refusal", WAIT, () -> text("#status").startsWith("fs.mount(/chosen): no folder was chosen"));
        Path chosen;
        try {
            chosen = Files.createTempDirectory("pydesk-samples-fs");
            Files.writeString(chosen.resolve("hello.txt"), "hello");
            Files.createDirectories(chosen.resolve("pictures"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        page.loader().folderChooser(request -> java.util.concurrent.CompletableFuture.completedFuture(
                dev.pydesk.interpreter.files.FolderChooser.Choice.of(chosen)));
        try {
            page.open(SAMPLES.resolve("fs.html"));
            click("#choose");
            page.waitUntil("the listing", WAIT, () -> text("#status").equals("/chosen holds 2 entries."));
            assertEquals(List.of("hello.txt5 bytes", "picturesfolder"), page.texts("#files tr"));
        } finally {
            page.loader().folderChooser(null);
        }
    }

    private void media() {
        assertEquals("No camera, microphone or speaker can be reached from this page.", text("#devices"));
        click("#camera");
        page.waitUntil("the camera's answer", WAIT, () -> text("#status").startsWith("NotFoundError: no camera"));
        assertTrue(text("#status").contains("navigator.mediaDevices"), text("#status"));
    }

    private void pyodide() {
        assertEquals("200 OK: Mercury, Venus, Earth, Mars, Jupiter, Saturn", text("#planets"));
        assertEquals("JavaScript says: 1 4 9", text("#js"));
        click("#tap");
        click("#tap");
        page.waitUntil("two taps", WAIT, () -> text("#taps").equals("2 tap(s)"));
        page.waitUntil("five ticks", WAIT, () -> text("#ticks").equals("The clock ticked 5 time(s)."));
    }

    /** Clicks the element as {@code element.click()} does: the listeners run before this returns. */
    private static void click(String selector) {
        assertEquals(1, page.count(selector), "one element matches " + selector);
        page.js("document.querySelector(" + PageHarness.quote(selector) + ").click()");
    }

    /** Sets a field's value and fires the input event typing would. */
    private static void type(String selector, String value) {
        page.js("(function(){const e=document.querySelector(" + PageHarness.quote(selector) + ");e.value="
                + PageHarness.quote(value) + ";e.dispatchEvent(new Event('input', {bubbles: true}))})()");
    }

    private static String text(String selector) {
        String text = page.text(selector);
        assertNotNull(text, "nothing matches " + selector);
        return text.strip();
    }
}
