package dev.pydesk.app;

import dev.pydesk.bridge.DomInspection;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.inspector.InspectedPage;
import dev.pydesk.interpreter.python.Interpreter;
import dev.pydesk.interpreter.session.PageLoader;
import dev.pydesk.interpreter.session.PageSession;
import dev.pydesk.interpreter.workers.PageWorker;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The inspector's view of the page a {@link PageLoader} shows: REPL input goes to the page's interpreters. */
final class PageInspection implements InspectedPage {
    private final PageLoader loader;

    PageInspection(PageLoader loader) {
        this.loader = loader;
    }

    @Override
    public CompletableFuture<Answer> run(String type, String code) {
        if ("js".equals(type)) {
            return dom().map(dom -> {
                DomInspection.Answer answer = dom.evaluate(code);
                return CompletableFuture.completedFuture(new Answer(answer.ok(), answer.text()));
            }).orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("No page is open.")));
        }
        return withInterpreter(type, interpreter -> {
            dev.pydesk.bridge.JsRef selection = dom().map(DomInspection::selection).orElse(null);
            Interpreter.ReplAnswer answer = interpreter.repl(code, selection);
            return new Answer(answer.ok(), answer.text());
        });
    }

    @Override
    public CompletableFuture<List<String>> complete(String type, String text) {
        return withInterpreter(type, interpreter -> interpreter.complete(text));
    }

    /** Main-thread interpreters live on the FX thread: the work runs there, once the interpreter exists. */
    private <T> CompletableFuture<T> withInterpreter(String type, Function<Interpreter, T> work) {
        Optional<PageSession> session = loader.session();
        if (session.isEmpty()) return CompletableFuture.failedFuture(new IllegalStateException("No page is open."));
        CompletableFuture<T> result = new CompletableFuture<>();
        session.get().interpreter(type).whenComplete((interpreter, failure) -> FxThread.later(() -> {
            if (failure != null) {
                result.completeExceptionally(new IllegalStateException("The " + type + " interpreter could not start: "
                        + failure.getMessage()));
            } else {
                try {
                    result.complete(work.apply(interpreter));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        }));
        return result;
    }

    @Override
    public List<Worker> workers() {
        return loader.session().map(session -> session.workers().all().stream()
                .map(PageInspection::row).toList()).orElse(List.of());
    }

    private static Worker row(PageWorker worker) {
        return new Worker(worker.label(), worker.type(), worker.state().name().toLowerCase(Locale.ROOT), worker::terminate);
    }

    @Override
    public Optional<DomInspection> dom() {
        return loader.session().map(session -> session.realm().dom()).filter(DomInspection::isOpen);
    }

    @Override
    public Optional<Path> folder() {
        return loader.site().map(dev.pydesk.interpreter.page.SiteRoot::folder);
    }
}
