package dev.pydesk.interpreter.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan over a page's script tags, on plain data: no WebView, no interpreter (PyScript's numbering rules). */
class ScriptPlanTest {

    private static ScriptTag script(String type) {
        return new ScriptTag(null, type, true, false, null, "print(1)", null, null, false, null);
    }

    private static ScriptTag targeted(String type, String target) {
        return new ScriptTag(null, type, true, false, null, "print(1)", target, null, false, null);
    }

    private static ScriptTag element(String type, String id) {
        return new ScriptTag(null, type, false, false, null, "print(1)", null, null, false, id);
    }

    private static ScriptTag worker(String type, String config, String id) {
        return new ScriptTag(null, type, true, true, null, "print(1)", null, config, false, id);
    }

    private static ScriptTag withSrc(boolean isScriptElement, String text) {
        return new ScriptTag(null, "py", isScriptElement, false, "main.py", text, null, null, false, null);
    }

    private static List<String> ids(ScriptPlan plan, ScriptTag... tags) {
        return Arrays.stream(tags).map(plan::id).toList();
    }

    @Test
    void mainThreadScriptsAreNumberedPerTypeInDocumentOrder() {
        ScriptTag[] tags = {script("py"), script("mpy"), element("py", null), script("mpy"), element("mpy", null)};
        ScriptPlan plan = ScriptPlan.of(List.of(tags));
        assertEquals(List.of("py-0", "mpy-0", "py-1", "mpy-1", "mpy-2"), ids(plan, tags));
        assertEquals("py-2", plan.nextId("py"), "the counters go on after the plan");
        assertEquals("mpy-3", plan.nextId("mpy"));
    }

    @Test
    void outputElementsOfThePageKeepTheirOwnIdAndTakeNoNumber() {
        ScriptTag[] tags = {targeted("py", "out"), element("py", "mine"), element("py", ""), script("py")};
        ScriptPlan plan = ScriptPlan.of(List.of(tags));
        // a target's own id (or, when it has none, the next number at run time); a <py-script> with an id
        // attribute, even an empty one, makes none planned
        assertEquals(Arrays.asList(null, null, null, "py-0"), ids(plan, tags));
        assertEquals("py-1", plan.nextId("py"));
    }

    @Test
    void workersShareOneCounterAndThoseWithAConfigFileComeLast() {
        ScriptTag fromFile = worker("py", " conf.toml ", null);
        ScriptTag inline = worker("mpy", "{\"files\": {}}", null);
        ScriptTag own = worker("py", null, "calc");
        ScriptTag plain = worker("py", null, null);
        ScriptTag main = script("py");
        ScriptPlan plan = ScriptPlan.of(List.of(fromFile, inline, own, main, plain));
        assertEquals(List.of("py-w2", "mpy-w0", "calc", "py-0", "py-w1"), ids(plan, fromFile, inline, own, main, plain));
        assertEquals("py-w2", plan.generatedWorkerId(fromFile), "a generated id is set on the worker's element");
        assertNull(plan.generatedWorkerId(own), "an element's own id stays as it is");
        assertEquals("mpy-0", plan.nextId("mpy"), "workers take no main-thread number");
    }

    @Test
    void aWorkerWithAnEmptyIdGetsAGeneratedOne() {
        ScriptTag empty = worker("mpy", null, "");
        assertEquals("mpy-w0", ScriptPlan.of(List.of(empty)).generatedWorkerId(empty));
    }

    @Test
    void aScriptWithASrcAndCodeOfItsOwnIsRefusedAsPyScriptDoes() {
        assertEquals(ScriptPlan.SRC_AND_CODE, ScriptPlan.refusal(withSrc(true, "\nprint('inline')\n")));
        assertNull(ScriptPlan.refusal(withSrc(true, "\n   # only a comment\n\n")), "blank lines and comments are no code");
        assertNull(ScriptPlan.refusal(withSrc(false, "print('inline')")), "<py-script src> is not PY0409");
        assertNull(ScriptPlan.refusal(script("py")), "inline code without src runs");
    }
}
