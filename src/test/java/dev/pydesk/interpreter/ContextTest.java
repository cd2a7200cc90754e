package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyScript's context.py on the main thread: {@code current_target()}, {@code config}, {@code RUNNING_IN_WORKER},
 * {@code sync}, and where {@code print()} goes.
 */
@PageTest
class ContextTest {
    static PageHarness page;
    @TempDir
    Path dir;

    private static final String SHOW_CONFIG = """
                from pyscript import config, display
                display(repr(sorted(config.items())))
            """;

    private void open(String type, String body) throws Exception {
        page.open(dir, "context.html", "<!DOCTYPE html><html><head></head><body>\n"
                + body.replace("$TYPE", type) + "\n</body></html>");
    }

    @BothInterpreters
    void currentTargetAsInPyScriptsDocumentation(String type) throws Exception {
        open(type, """
                <$TYPE-script id="explicit-id">
                    from pyscript import display, current_target
                    display(f"current_target(): {current_target()}")
                </$TYPE-script>
                <$TYPE-script>
                    from pyscript import display, current_target
                    display(f"current_target(): {current_target()}")
                </$TYPE-script>
                <script type="$TYPE">
                    from pyscript import display, current_target
                    display(f"current_target(): {current_target()}")
                </script>""");
        assertEquals(List.of("current_target(): explicit-id"), page.texts("#explicit-id > div"), page.consoleText());
        assertEquals(List.of("current_target(): " + type + "-0"), page.texts(type + "-script#" + type + "-0 > div"));
        assertEquals(List.of("current_target(): " + type + "-1"), page.texts("script-py#" + type + "-1 > div"));
        assertEquals("SCRIPT", page.js("document.getElementById('" + type + "-1').previousElementSibling.tagName"),
                "the <script-py> comes right after the <script>");
        page.assertNoErrors();
    }

    @BothInterpreters
    void currentTargetOfAScriptWithIdIsItsOutputElementNotTheScript(String type) throws Exception {
        open(type, """
                <script type="$TYPE" id="unique-id">
                    from pyscript import display, current_target, document
                    display(current_target())
                    display(document.getElementById("unique-id").tagName)
                </script>""");
        assertEquals(List.of(type + "-0", "SCRIPT"), page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void documentCurrentScriptIsTheRunningScript(String type) throws Exception {
        // polyscript defines document.currentScript as the <script> while its code runs, so that the code can
        // reach its output element as document.currentScript.target (core.js).
        open(type, """
                <script type="$TYPE" data-name="first">
                    from pyscript import display, document
                    display(document.currentScript.dataset.name, document.currentScript.target.id)
                </script>
                <script type="$TYPE" data-name="second">
                    from pyscript import display, document
                    display(document.currentScript.dataset.name)
                </script>""");
        assertEquals(List.of("first", type + "-0"), page.texts("#" + type + "-0 > div"), page.consoleText());
        assertEquals(List.of("second"), page.texts("#" + type + "-1 > div"), page.consoleText());
        assertEquals(true, page.js("document.currentScript === null"), "restored once the scripts have run");
        page.assertNoErrors();
    }

    @BothInterpreters
    void configWithoutAnyConfigurationHasOnlyTheType(String type) throws Exception {
        open(type, "<script type=\"$TYPE\">\n" + SHOW_CONFIG + "</script>");
        assertEquals(List.of("[('type', '" + type + "')]"), page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void configFromAnInlineJsonAttribute(String type) throws Exception {
        open(type, "<script type=\"$TYPE\" config='{\"name\": \"demo\", \"count\": 3, \"flags\": [true, null],"
                + " \"nested\": {\"k\": \"v\"}}'>\n" + SHOW_CONFIG + "</script>");
        assertEquals(List.of("[('count', 3), ('flags', [True, None]), ('name', 'demo'), ('nested', {'k': 'v'}),"
                + " ('type', '" + type + "')]"), page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void configFromATomlFile(String type) throws Exception {
        Files.writeString(dir.resolve("settings.toml"), """
                name = "from toml"
                count = 4
                ratio = 0.5

                [nested]
                k = "v"
                """);
        open(type, "<script type=\"$TYPE\" config=\"./settings.toml\">\n" + SHOW_CONFIG + "</script>");
        assertEquals(List.of("[('count', 4), ('name', 'from toml'), ('nested', {'k': 'v'}), ('ratio', 0.5),"
                + " ('type', '" + type + "')]"), page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void configFromAConfigElement(String type) throws Exception {
        open(type, """
                <$TYPE-config>
                    name = "from the element"
                </$TYPE-config>
                <script type="$TYPE">
                """ + SHOW_CONFIG + "</script>");
        assertEquals(List.of("[('name', 'from the element'), ('type', '" + type + "')]"),
                page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void configInfinityAndNanBecomeNoneAsThroughJsonStringify(String type) throws Exception {
        // PyScript builds `config` with json.loads(JSON.stringify(config)): JavaScript writes NaN and Infinity as null.
        Files.writeString(dir.resolve("numbers.toml"), """
                big = inf
                small = -inf
                odd = nan
                fine = 1.25
                """);
        open(type, "<script type=\"$TYPE\" config=\"./numbers.toml\">\n" + SHOW_CONFIG + "</script>");
        assertEquals(List.of("[('big', None), ('fine', 1.25), ('odd', None), ('small', None), ('type', '" + type
                + "')]"), page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void configIsPerInterpreterType(String type) throws Exception {
        String other = type.equals("py") ? "mpy" : "py";
        open(type, "<script type=\"$TYPE\" config='{\"mine\": 1}'>\n" + SHOW_CONFIG + "</script>\n"
                + "<script type=\"" + other + "\">\n" + SHOW_CONFIG + "</script>");
        assertEquals(List.of("[('mine', 1), ('type', '" + type + "')]"), page.texts("#" + type + "-0 > div"),
                page.consoleText());
        assertEquals(List.of("[('type', '" + other + "')]"), page.texts("#" + other + "-0 > div"));
        page.assertNoErrors();
    }

    @BothInterpreters
    void changingConfigHasNoEffect(String type) throws Exception {
        String other = type.equals("py") ? "mpy" : "py";
        String body = "<script type=\"$TYPE\" config='{\"name\": \"original\", \"count\": 1}'>\n"
                + SHOW_CONFIG + """
                    config["name"] = "changed"
                    config["extra"] = True
                    del config["count"]
                </script>
                <script type="%1$s" config='{"name": "original", "count": 1}'>
                """.formatted(other) + SHOW_CONFIG + "</script>";
        String expected = "[('count', 1), ('name', 'original'), ('type', '%s')]";
        open(type, body);
        assertEquals(List.of(expected.formatted(type)), page.texts("#" + type + "-0 > div"), page.consoleText());
        assertEquals(List.of(expected.formatted(other)), page.texts("#" + other + "-0 > div"),
                "the other interpreter's config is untouched");
        open(type, body);
        assertEquals(List.of(expected.formatted(type)), page.texts("#" + type + "-0 > div"),
                "the page opened again gets the real configuration; " + page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void runningInWorkerIsFalseAndSyncIsNotSupportedOnTheMainThread(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    from pyscript import display, RUNNING_IN_WORKER, sync
                    display(RUNNING_IN_WORKER)
                    try:
                        sync.anything
                    except AttributeError as error:
                        display(str(error))
                </script>""");
        assertEquals(List.of("False", "pyscript.sync works only when running in a worker"),
                page.texts("#" + type + "-0 > div"), page.consoleText());
        page.assertNoErrors();
    }

    @BothInterpreters
    void printGoesToTheConsoleTaggedWithTheScriptsId(String type) throws Exception {
        open(type, """
                <script type="$TYPE">
                    print("from the first script")
                    print("two", "words", sep="-")
                </script>
                <$TYPE-script id="named">
                    print("from the named element")
                </$TYPE-script>
                <script type="$TYPE">
                    import sys
                    print("to stderr", file=sys.stderr)
                    print("multi\\nline")
                </script>""");
        assertEquals(List.of("from the first script", "two-words"), page.consoleFrom(type + "-0"), page.consoleText());
        assertEquals(List.of("from the named element"), page.consoleFrom("named"));
        assertEquals(List.of("to stderr", "multi", "line"), page.consoleFrom(type + "-1"));
        List<ConsoleEvent> second = page.console().stream().filter(e -> e.source().equals(type + "-1")).toList();
        assertEquals(ConsoleEvent.Level.ERROR, second.get(0).level(), "stderr is error output");
        assertEquals(ConsoleEvent.Level.LOG, second.get(1).level(), "stdout is log output");
        assertEquals(ConsoleEvent.Level.LOG,
                page.console().stream().filter(e -> e.source().equals(type + "-0")).findFirst().orElseThrow().level());
    }
}
