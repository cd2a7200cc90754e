package dev.pydesk.inspector;

import dev.pydesk.bridge.DomInspection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the inspector needs of the page it inspects; the app implements it over its page loader, so the inspector
 * depends on no interpreter class (the layering: app -> inspector, interpreter -> bridge).
 */
public interface InspectedPage {
    /** What the REPL shows for one input: the value's repr ("" for a statement), or a traceback. */
    record Answer(boolean ok, String text) {}

    /** One worker of the page, as the Workers tab lists it. */
    record Worker(String label, String type, String state, Runnable stop) {}

    /**
     * Runs REPL input in the page's {@code py} or {@code mpy} interpreter, or ({@code js}) as the page's JavaScript;
     * {@code $0} is the element selected in the Elements tab. Completes on the FX thread.
     */
    CompletableFuture<Answer> run(String type, String code);

    /** Completions of a name or dotted path; completes on the FX thread. */
    CompletableFuture<List<String>> complete(String type, String text);

    /** The page's workers now. FX thread. */
    List<Worker> workers();

    /** The site root of the page shown (traceback file names are relative to it), if any. */
    Optional<Path> folder();

    /** The Elements tab's view of the document shown now, if PyDesk runs it. FX thread. */
    Optional<DomInspection> dom();
}
