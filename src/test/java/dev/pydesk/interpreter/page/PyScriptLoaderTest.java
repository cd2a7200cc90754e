package dev.pydesk.interpreter.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recognising PyScript's loader: remote URLs by where PyScript is published, local files by what they are. */
public class PyScriptLoaderTest {
    /** A file with what every PyScript core bundle has (written for this test: exports and registry name). */
    public static final String FAKE_BUNDLE = """
            const registry = "@pyscript/core"; window.fakeLoaderRan = true;
            const hooks = {}, TYPES = new Map(), whenDefined = () => null, PyWorker = () => null, MPWorker = () => null;
            export { hooks, TYPES, whenDefined, PyWorker, MPWorker };
            """;

    @ParameterizedTest
    @CsvSource({
        "https://pyscript.net/releases/2025.11.1/core.js, true",
        "https://pyscript.net/releases/2024.1.1/core.js?v=1, true",
        "https://cdn.jsdelivr.net/npm/@pyscript/core@0.7.31/dist/core.js, true",
        "https://cdn.jsdelivr.net/npm/@pyscript/core, true",
        "https://cdn.jsdelivr.net/npm/@pyscript/core@0.7.31/+esm, true",
        "https://esm.sh/@pyscript/core@0.7.31, true",
        "https://unpkg.com/@pyscript/core/index.js, true",
        "//pyscript.net/releases/2025.11.1/core.js, true",
        "https://example.com/core.js, false",
        "https://cdn.jsdelivr.net/npm/@pyscript/core@0.7.31/dist/storage.js, false",
        "./dist/core.js, false",
        "https://pyscript.net/releases/2025.11.1/core.css, false",
    })
    void remoteLoaderUrls(String url, boolean loader) {
        assertEquals(loader, PyScriptLoader.isRemoteLoader(url));
    }

    @Test
    void aLocalFileIsTheLoaderByWhatItIs() {
        assertTrue(PyScriptLoader.isCoreModule(FAKE_BUNDLE));
        assertFalse(PyScriptLoader.isCoreModule("export const hooks = {}; // my own core.js"), "no registry name");
        assertFalse(PyScriptLoader.isCoreModule(FAKE_BUNDLE.replace("MPWorker", "Other")), "an export missing");
        assertTrue(PyScriptLoader.isLoaderName("/dist/core.js"));
        assertFalse(PyScriptLoader.isLoaderName("/dist/score.js"));
    }

    @Test
    void importsOfTheLoaderFromItsCdnGoToTheStandIn() {
        String code = """
                import { hooks } from "https://pyscript.net/releases/2025.11.1/core.js";
                const more = await import('https://cdn.jsdelivr.net/npm/@pyscript/core@0.7.31/dist/core.js');
                import other from "https://example.com/pyscript-tools.js";
                """;
        assertEquals("""
                import { hooks } from "/__pydesk__/pyscript/core.js";
                const more = await import('/__pydesk__/pyscript/core.js');
                import other from "https://example.com/pyscript-tools.js";
                """, PyScriptLoader.redirectImports(code));
        String untouched = "import x from 'https://example.com/x.js';";
        assertSame(untouched, PyScriptLoader.redirectImports(untouched));
    }
}
