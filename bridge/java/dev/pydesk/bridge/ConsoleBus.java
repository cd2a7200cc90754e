package dev.pydesk.bridge;

import dev.pydesk.bridge.events.ConsoleEvent;
import dev.pydesk.bridge.events.PageEvent;
import dev.pydesk.bridge.events.PageEvents;
import java.util.function.Consumer;

/**
 * The console lines of a page's {@link PageEvents} ({@link PageEvent.ConsoleLine}): what the inspector's Console
 * tab, {@code --headless} output and tests read. A view: it publishes to and subscribes on the page's one stream,
 * so its subscribers are isolated as every subscriber there is. Thread-safe.
 */
public final class ConsoleBus {
    private final PageEvents events;

    /** A page of its own: a fresh event stream (tests, tools). */
    public ConsoleBus() {
        this(new PageEvents());
    }

    public ConsoleBus(PageEvents events) {
        this.events = events;
    }

    /** The page's whole event stream. */
    public PageEvents events() {
        return events;
    }

    public Runnable subscribe(Consumer<ConsoleEvent> listener) {
        return events.subscribe(PageEvent.ConsoleLine.class, line -> listener.accept(line.line()));
    }

    public void publish(ConsoleEvent event) {
        events.publish(new PageEvent.ConsoleLine(event));
    }

    public void publish(ConsoleEvent.Level level, String source, String text) {
        publish(ConsoleEvent.of(level, source, text));
    }
}
