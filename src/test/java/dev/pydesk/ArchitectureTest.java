package dev.pydesk;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The folders are the architecture: {@code bridge/}, {@code interpreter/}, {@code inspector/} and {@code app/} hold
 * the packages {@code dev.pydesk.bridge..}, {@code dev.pydesk.interpreter..}, {@code dev.pydesk.inspector..} and
 * {@code dev.pydesk.app..}, and dependencies point one way: app -> inspector, app -> interpreter -> bridge. Inside
 * {@code interpreter/}: session -> workers -> python -> net -> page, config, and python -> files, packages, storage
 * (docs/architecture.md has the picture).
 */
class ArchitectureTest {
    private static final String BRIDGE = "dev.pydesk.bridge..";
    private static final String INTERPRETER = "dev.pydesk.interpreter..";
    private static final String INSPECTOR = "dev.pydesk.inspector..";
    private static final String APP = "dev.pydesk.app..";

    private static final String SESSION = "dev.pydesk.interpreter.session..";
    private static final String WORKERS = "dev.pydesk.interpreter.workers..";
    private static final String PYTHON = "dev.pydesk.interpreter.python..";
    private static final String NET = "dev.pydesk.interpreter.net..";
    /** What knows nothing of the interpreter packages above it: plain Java over files, archives and HTTP. */
    private static final String[] LEAVES = {"dev.pydesk.interpreter.config..", "dev.pydesk.interpreter.page..",
            "dev.pydesk.interpreter.files..", "dev.pydesk.interpreter.packages..", "dev.pydesk.interpreter.storage.."};

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pydesk");
        assertTrue(classes.contain("dev.pydesk.bridge.JsRealm"), "the main classes were not imported");
        assertTrue(classes.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), "test classes were imported");
    }

    @Test
    void bridgeDependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage(BRIDGE)
                .should().dependOnClassesThat().resideInAnyPackage(INTERPRETER, INSPECTOR, APP)
                .because("the bridge is the bottom layer: the JavaScript side of the page, nothing of Python or UI")
                .check(classes);
    }

    @Test
    void interpreterDependsOnNeitherInspectorNorApp() {
        noClasses().that().resideInAPackage(INTERPRETER)
                .should().dependOnClassesThat().resideInAnyPackage(INSPECTOR, APP)
                .check(classes);
    }

    @Test
    void inspectorDependsOnNeitherInterpreterNorApp() {
        noClasses().that().resideInAPackage(INSPECTOR)
                .should().dependOnClassesThat().resideInAnyPackage(INTERPRETER, APP)
                .allowEmptyShould(true) // inspector/ has no classes yet; the rule holds for the first one
                .check(classes);
    }

    @Test
    void noCyclesBetweenTheLayers() {
        slices().matching("dev.pydesk.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Every class of interpreter/ sits in a package that says what it does: none is left in the flat package. */
    @Test
    void interpreterHasNoFlatPackage() {
        noClasses().should().resideInAPackage("dev.pydesk.interpreter")
                .because("interpreter/ is split by responsibility: session, workers, python, net, files, ...")
                .check(classes);
    }

    @Test
    void noCyclesBetweenInterpreterPackages() {
        slices().matching("dev.pydesk.interpreter.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** The page session is the top of the interpreter layer: it runs a page; nothing below it knows of it. */
    @Test
    void onlyTheAppDependsOnTheSession() {
        noClasses().that().resideOutsideOfPackages(SESSION, APP)
                .should().dependOnClassesThat().resideInAPackage(SESSION)
                .because("the session plans and runs a page over workers and interpreters; they report to it through"
                        + " ErrorSink and the buses, never by calling it")
                .check(classes);
    }

    /** The app opens and runs pages through two entry points: the loader (navigation) and the session (a load). */
    @Test
    void theAppUsesTheSessionThroughItsEntryPoints() {
        noClasses().that().resideOutsideOfPackage(SESSION)
                .should().dependOnClassesThat(resideInAPackage(SESSION).and(not(
                        nameMatching("dev\\.pydesk\\.interpreter\\.session\\.(PageLoader|PageSession)(\\$.*)?"))))
                .check(classes);
    }

    /**
     * Python's runtime and host objects know nothing of workers: {@code Interpreter.bind} is handed a
     * {@code WorkerLink}, which the workers package implements ({@code WorkerAccess}).
     */
    @Test
    void pythonKnowsNothingOfWorkers() {
        noClasses().that().resideInAPackage(PYTHON)
                .should().dependOnClassesThat().resideInAPackage(WORKERS)
                .because("workers build their interpreters; an interpreter reaches the page's workers through the"
                        + " WorkerLink it was bound with")
                .check(classes);
    }

    /** What a page reaches by URL (its files, fetch, sockets) needs no Python: net is below the interpreters. */
    @Test
    void netDependsOnNoInterpreterPackageAboveIt() {
        noClasses().that().resideInAPackage(NET)
                .should().dependOnClassesThat().resideInAnyPackage(SESSION, WORKERS, PYTHON)
                .check(classes);
    }

    /**
     * Config, the page server, the sandboxed file system, the wheel installer and the stores are plain Java: Python
     * reaches them through its host objects ({@code MountAccess}, {@code PackageAccess}, {@code StorageAccess}),
     * which live in python, so these packages stay testable without GraalPy.
     */
    @Test
    void leavesDependOnNoInterpreterPackageAboveThem() {
        noClasses().that().resideInAnyPackage(LEAVES)
                .should().dependOnClassesThat().resideInAnyPackage(SESSION, WORKERS, PYTHON, NET)
                .check(classes);
    }

    /**
     * Java reaches PyDesk's Python through typed views of its modules ({@code PythonModules}, {@code RunnerModule},
     * ...), never by evaluating Python source to find a function: the only code that runs is the page's own scripts
     * and REPL input, which Python compiles itself ({@code _pydesk.runner.run}, {@code _pydesk.repl.run}).
     */
    @Test
    void noJavaEvaluatesPythonSource() {
        noClasses().should().callMethod(Context.class, "eval", String.class, CharSequence.class)
                .orShould().callMethod(Context.class, "eval", Source.class)
                .orShould().callMethod(Context.class, "parse", String.class, CharSequence.class)
                .orShould().callMethod(Context.class, "parse", Source.class)
                .because("Java calls Python through typed module interfaces, not source text")
                .check(classes);
        // ... and the rule sees calls: the contexts are built and used by real classes
        assertTrue(classes.get("dev.pydesk.interpreter.python.PythonRuntime").getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> d.getTargetClass().isEquivalentTo(Context.class)));
    }

    /**
     * Page JavaScript objects ({@code netscape.javascript.JSObject}) belong to the bridge, which hands Python only
     * its own proxies ({@code JsObject}, which expose no Java member), and to the interpreter layer, which reads the page's script tags and writes their output. The
     * app touches the DOM in one place: {@code --headless --wait-for SELECTOR} asks the document for the selector.
     */
    @Test
    void onlyBridgeInterpreterAndHeadlessWaitTouchPageJavaScript() {
        noClasses().that().resideOutsideOfPackages(BRIDGE, INTERPRETER)
                .and().haveNameNotMatching("dev\\.pydesk\\.app\\.HeadlessRun(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("netscape.javascript..")
                .because("JSObjects must only reach page Python through the bridge's JsObject proxies")
                .check(classes);
        // ... and the exception is real: if HeadlessRun stops using JSObject, drop it from the rule above.
        assertTrue(classes.get("dev.pydesk.app.HeadlessRun").getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> d.getTargetClass().getPackageName().equals("netscape.javascript")));
    }

    /** The rules above are not vacuous: the import sees the real dependencies, e.g. interpreter -> bridge. */
    @Test
    void rulesSeeRealDependencies() {
        assertThrows(AssertionError.class, () -> noClasses().that().resideInAPackage(INTERPRETER)
                .should().dependOnClassesThat().resideInAPackage(BRIDGE).check(classes));
        assertThrows(AssertionError.class, () -> noClasses().that().resideInAPackage(APP)
                .should().dependOnClassesThat().resideInAPackage(INTERPRETER).check(classes));
    }

    /**
     * The page's events are plain data any thread may keep: no JavaScript handle (valid on the FX thread, for one page
     * load), no JavaFX object, no GraalPy value (one context's, one thread's); and the bus knows nothing of the rest
     * of PyDesk, which publishes to it.
     */
    @Test
    void pageEventsCarryOnlyPlainData() {
        noClasses().that().resideInAPackage("dev.pydesk.bridge.events..")
                .should().dependOnClassesThat().resideInAnyPackage("netscape..", "javafx..", "com.sun..",
                        "org.graalvm..", "dev.pydesk.bridge", "dev.pydesk.interpreter..", "dev.pydesk.inspector..",
                        "dev.pydesk.app..")
                .because("events cross threads and outlive page loads (docs/page-events.md)")
                .check(classes);
    }

    /** Every source file in a layer's folder declares a package of that layer. */
    @Test
    void foldersArePackages() throws IOException {
        List<String> misplaced = new ArrayList<>();
        int files = 0;
        Pattern packageLine = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
        for (String layer : List.of("bridge", "interpreter", "inspector", "app")) {
            Path root = Path.of(layer, "java");
            if (!Files.isDirectory(root)) continue; // inspector/ has no sources yet
            try (Stream<Path> sources = Files.walk(root)) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    Matcher declared = packageLine.matcher(Files.readString(source));
                    String pkg = declared.find() ? declared.group(1) : "";
                    String expected = root.relativize(source.getParent()).toString().replace('/', '.');
                    if (!(pkg.equals("dev.pydesk." + layer) || pkg.startsWith("dev.pydesk." + layer + "."))
                            || !pkg.equals(expected)) {
                        misplaced.add(source + " declares package '" + pkg + "'");
                    }
                }
            }
        }
        assertTrue(files > 20, "found only " + files + " sources: is the working directory the project?");
        assertEquals(List.of(), misplaced);
    }
}
