package dev.pydesk.interpreter.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyDesk's own modules compiled once by a training run and loaded from there by later interpreters
 * ({@link CompiledModules}), on real GraalPy contexts: what a training run keeps, that a later run really loads it,
 * that a bad entry falls back to the source, and that only a training run writes.
 */
class CompiledModulesTest {
    @TempDir
    Path cache;

    private static Context prepared(PythonRuntime runtime) throws Exception {
        return runtime.prewarm().take().get(180, TimeUnit.SECONDS).context();
    }

    private String cacheTag(Context context) {
        return context.eval("python", "import sys\nsys.implementation.cache_tag").asString();
    }

    private long entries(String module) throws Exception {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().startsWith(module + ".graalpy")).count();
        }
    }

    @Test
    void aTrainingRunKeepsTheModulesItImportedAndALaterRunLoadsThem() throws Exception {
        try (Services trainingServices = new Services(new CompiledModules(cache, true))) {
            PythonRuntime training = trainingServices.python();
            Context context = prepared(training);
            context.eval("python", "import _pydesk.workers");
            context.close();
        }
        assertEquals(1, entries("_pydesk.runner"), "imported while the context was prepared");
        assertEquals(1, entries("_pydesk.workers"));
        assertEquals(0, entries("_pydesk.repl"), "never imported, never compiled");

        // Proof that a later run loads the entry instead of compiling the source: an entry of other code, under the
        // name _pydesk.workers's present source has.
        Path workers;
        try (Stream<Path> files = Files.list(cache)) {
            workers = files.filter(f -> f.getFileName().toString().startsWith("_pydesk.workers.")).findFirst().orElseThrow();
        }
        try (Services readingServices = new Services(new CompiledModules(cache, false))) {
            PythonRuntime reading = readingServices.python();
            Context other = prepared(reading);
            String marked = other.eval("python", "import marshal, binascii\nbinascii.b2a_base64(marshal.dumps("
                    + "compile('MARKER = 42', 'pydesk:_pydesk.workers', 'exec')), newline=False).decode()").asString();
            Files.writeString(workers, marked, StandardCharsets.US_ASCII);
            other.close();
            Context context = prepared(reading);
            assertEquals(42, context.eval("python", "import _pydesk.workers\n_pydesk.workers.MARKER").asInt());
            context.close();
        }
    }

    @Test
    void aBrokenEntryFallsBackToTheSource() throws Exception {
        try (Services readingServices = new Services(new CompiledModules(cache, false))) {
            PythonRuntime reading = readingServices.python();
            Context context = prepared(reading);
            String source = ModuleSources.find("_pydesk.workers").orElseThrow().source();
            Path entry = new CompiledModules(cache, false).entry("_pydesk.workers", source, cacheTag(context));
            Files.writeString(entry, "bm90IG1hcnNoYWw=", StandardCharsets.US_ASCII); // base64 of "not marshal"
            assertTrue(context.eval("python", "import _pydesk.workers\nhasattr(_pydesk.workers, 'WorkerError')")
                    .asBoolean());
            context.close();
        }
    }

    @Test
    void onlyATrainingRunWrites() throws Exception {
        try (Services runningServices = new Services(new CompiledModules(cache, false))) {
            PythonRuntime running = runningServices.python();
            Context context = prepared(running);
            context.eval("python", "import _pydesk.workers");
            context.close();
        }
        new CompiledModules(cache, false).write("_pydesk.workers", "x = 1", "graalpy250-312", "AAAA");
        try (Stream<Path> files = Files.list(cache)) {
            assertFalse(files.findAny().isPresent(), "nothing written outside a training run");
        }
    }

    @Test
    void pagePythonThatReachesTheFinderWritesNothingAndLoadsOnlyPyDesksModules() throws Exception {
        try (Services runningServices = new Services(new CompiledModules(cache, false))) {
            PythonRuntime running = runningServices.python();
            Context context = prepared(running);
            // what any page script can do: take the finder from sys.meta_path and call its loader directly
            context.eval("python", """
                    import sys, types
                    finder = sys.meta_path[0]
                    finder.exec_module(types.ModuleType('_pydesk.workers'))
                    """);
            assertThrows(PolyglotException.class, () -> context.eval("python",
                    "finder.exec_module(types.ModuleType('../../etc/passwd'))"), "only PyDesk's own modules load");
            context.close();
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertFalse(files.findAny().isPresent(), "page Python wrote nothing into the cache");
        }
    }
}
