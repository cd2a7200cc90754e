package dev.pydesk.interpreter;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.ConsoleEvent;
import java.io.OutputStream;

/**
 * Python's stdout and stderr for one context. A context is built before its page is known, so its streams are
 * fixed at build time and routed to the page's console bus once the interpreter is bound.
 */
final class ConsoleRouting {
    private volatile ConsoleBus bus;
    private volatile String source = "python";

    void bind(ConsoleBus bus) {
        this.bus = bus;
    }

    void source(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    OutputStream stdout() {
        return stream(ConsoleEvent.Level.LOG);
    }

    OutputStream stderr() {
        return stream(ConsoleEvent.Level.ERROR);
    }

    private OutputStream stream(ConsoleEvent.Level level) {
        ConsoleBus routed = new ConsoleBus();
        routed.subscribe(event -> {
            ConsoleBus target = bus;
            if (target != null) target.publish(event);
        });
        return new ConsoleOutput(routed, level, this::source);
    }
}
