package dev.pydesk.bridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one event stream every console line goes through; the inspector, {@code --headless} output and tests
 * all subscribe here. Thread-safe: producers are the FX thread and worker threads.
 */
public final class ConsoleBus {
    private final List<Consumer<ConsoleEvent>> listeners = new CopyOnWriteArrayList<>();

    public Runnable subscribe(Consumer<ConsoleEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(ConsoleEvent event) {
        for (Consumer<ConsoleEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    public void publish(ConsoleEvent.Level level, String source, String text) {
        publish(ConsoleEvent.of(level, source, text));
    }
}
