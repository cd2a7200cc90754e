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
    private volatile ErrorSink stderrBanner;

    void bind(ConsoleBus bus) {
        this.bus = bus;
    }

    /** Shows every stderr line in the page's banner as well (main-thread interpreters, PyScript's error plugin). */
    void stderrBanner(ErrorSink errors) {
        this.stderrBanner = errors;
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
            ErrorSink banner = stderrBanner;
            if (banner != null && level == ConsoleEvent.Level.ERROR) banner.stderrLine(event.source(), event.text());
        });
        return new ConsoleOutput(routed, level, this::source);
    }
}
