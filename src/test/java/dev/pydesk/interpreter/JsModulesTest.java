package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.JavaObjectProbe;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * JavaScript modules for page Python, on py and mpy: the config's {@code [js_modules.main]} (modules and
 * stylesheets, loaded before the first script), {@code from pyscript.js_modules import name}, and
 * {@code await js_import(...)}.
 */
@PageTest(scriptTimeoutSeconds = 120)
class JsModulesTest {
    static PageHarness page;
    @TempDir
    Path dir;

    private static final String SHOW = """
                from pyscript import display, window, document
                def show(name, value):
                    display(f"{name}={value!r}")
            """;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("greeting.js"), """
                export const answer = 42;
                export function greet(name) { return "hello " + name; }
                export default { kind: "default export" };
                """);
        Files.writeString(dir.resolve("other.js"), "export const name = 'other';\n");
        Files.writeString(dir.resolve("style.css"), "#styled { color: rgb(1, 2, 3); }\n");
        Files.writeString(dir.resolve("worker.js"), "export const where = 'worker';\n");
        Files.writeString(dir.resolve("broken.js"), "export const = ;\n");
        Files.writeString(dir.resolve("throws.js"), "throw new Error('module evaluation failed on purpose');\n");
    }

    private Map<String, String> run(String type, String config, String code) throws Exception {
        page.open(dir, "modules.html", "<!DOCTYPE html><html><head></head><body>\n<p id=\"styled\">styled</p>\n"
                + "<" + type + "-config>\n" + config + "</" + type + "-config>\n"
                + "<script type=\"" + type + "\">\n" + SHOW + code + "</script>\n</body></html>");
        return page.shown("#" + type + "-0 > div");
    }

    private static final String CONFIG = """
            [js_modules.main]
            "./greeting.js" = "greeting"
            "./style.css" = "styles"

            [js_modules.worker]
            "./worker.js" = "worker_only"
            "./other.js" = "greeting"
            """;

    @BothInterpreters
    void mainModulesAreImportableAndStylesheetsApply(String type) throws Exception {
        Map<String, String> shown = run(type, CONFIG, """
                    from pyscript.js_modules import greeting
                    import pyscript.js_modules as js_modules
                    show("answer", greeting.answer)
                    show("greet", greeting.greet("python"))
                    show("default", greeting.default.kind)
                    show("same", js_modules.greeting == greeting)
                    show("dir", "greeting" in dir(js_modules))
                    window.greetingNamespace = greeting
                """);
        assertEquals("42", shown.get("answer"), page.consoleText());
        assertEquals("'hello python'", shown.get("greet"));
        assertEquals("'default export'", shown.get("default"));
        assertEquals("True", shown.get("same"));
        assertEquals("True", shown.get("dir"));
        page.waitUntil("the stylesheet to apply", Duration.ofSeconds(10),
                () -> "rgb(1, 2, 3)".equals(page.js("getComputedStyle(document.getElementById('styled')).color")));
        assertEquals(1, page.count("link[rel=stylesheet][href='./style.css']"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void workerOnlyAndUnknownNamesRaiseImportError(String type) throws Exception {
        Map<String, String> shown = run(type, CONFIG, """
                    try:
                        from pyscript.js_modules import worker_only
                        show("worker_only", "imported")
                    except ImportError as error:
                        show("worker_only", f"ImportError {'worker' in str(error)} {'worker_only' in str(error)}")
                    try:
                        from pyscript.js_modules import no_such_module
                        show("unknown", "imported")
                    except ImportError as error:
                        show("unknown", f"ImportError {'no_such_module' in str(error)}")
                    import pyscript.js_modules as js_modules
                    show("hasattr", hasattr(js_modules, "__wrapped__"))
                """);
        assertEquals("'ImportError True True'", shown.get("worker_only"), page.consoleText());
        assertEquals("'ImportError True'", shown.get("unknown"));
        assertEquals("False", shown.get("hasattr"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void jsImportReturnsATupleOfModules(String type) throws Exception {
        Map<String, String> shown = run(type, "", """
                    from pyscript import js_import
                    modules = await js_import("./greeting.js", "./other.js")
                    show("type", type(modules).__name__)
                    show("len", len(modules))
                    greeting, other = modules
                    show("answer", greeting.answer)
                    show("other", other.name)
                    (single,) = await js_import("./greeting.js")
                    show("single", single.greet("again"))
                    window.importedNamespace = other
                """);
        assertEquals("'tuple'", shown.get("type"), page.consoleText());
        assertEquals("2", shown.get("len"));
        assertEquals("42", shown.get("answer"));
        assertEquals("'other'", shown.get("other"));
        assertEquals("'hello again'", shown.get("single"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void jsImportOfAModuleThatFailsRaisesJsException(String type) throws Exception {
        Map<String, String> shown = run(type, "", """
                    from pyscript import js_import
                    from pyscript.ffi import JsException
                    for url in ["./missing.js", "./broken.js", "./throws.js"]:
                        try:
                            await js_import(url)
                            show(url, "imported")
                        except JsException as error:
                            show(url, f"JsException: {error}")
                """);
        for (String url : new String[] {"./missing.js", "./broken.js", "./throws.js"}) {
            String outcome = String.valueOf(shown.get(url));
            assertTrue(outcome.contains("JsException: ") && outcome.contains(url), "the error names the module: "
                    + shown + "\n" + page.consoleText());
        }
        assertTrue(shown.get("./broken.js").contains("SyntaxError"), String.valueOf(shown));
        assertTrue(shown.get("./throws.js").contains("module evaluation failed on purpose"), String.valueOf(shown));
    }

    @BothInterpreters
    void aConfiguredModuleThatFailsToLoadGivesAClearError(String type) throws Exception {
        Map<String, String> shown = run(type, """
                [js_modules.main]
                "./missing.js" = "gone"
                "./greeting.js" = "greeting"
                """, """
                    show("ran", True)
                    try:
                        from pyscript.js_modules import gone
                    except ImportError as error:
                        show("gone", "ImportError")
                """);
        assertEquals("True", shown.get("ran"), "the page's scripts still run; " + page.consoleText());
        assertEquals("'ImportError'", shown.get("gone"));
        page.waitUntil("the error banner", Duration.ofSeconds(10), () -> page.count("div.py-error") >= 1);
        String error = page.errorText();
        assertTrue(error.contains("js_modules") && error.contains("./missing.js") && error.contains("'gone'"), error);
        assertTrue(page.bannerText().contains("./missing.js"), page.bannerText());
    }

    @BothInterpreters
    void moduleNamespacesExposeNoJava(String type) throws Exception {
        run(type, CONFIG, """
                    from pyscript import js_import
                    from pyscript.js_modules import greeting
                    window.greetingNamespace = greeting
                    (window.importedNamespace,) = await js_import("./other.js")
                    window.greetFunction = greeting.greet
                """);
        assertEquals("object", page.js("typeof window.greetingNamespace"), page.consoleText());
        assertEquals("other", page.js("window.importedNamespace.name"));
        JavaObjectProbe.assertDetectorFindsPlantedJava();
        JavaObjectProbe.assertNoJava(page, "window.greetingNamespace");
        JavaObjectProbe.assertNoJava(page, "window.importedNamespace");
        JavaObjectProbe.assertNoJava(page, "window.greetFunction");
        page.assertNoErrors();
    }
}
