package dev.pydesk.interpreter.python;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.events.ConsoleEvent;
import java.io.OutputStream;

/**
 * Python's stdout and stderr for one context. A context is built before its page is known, so its streams are
 * fixed at build time and routed to the page's console bus once the interpreter is bound.
 */
final class ConsoleRouting {
    private volatile ConsoleBus bus;
    private volatile String source = "python";
    private volatile ErrorSink stderrBanner;
    private final OutputStream stdout = stream(ConsoleEvent.Level.LOG);
    private final OutputStream stderr = stream(ConsoleEvent.Level.ERROR);

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
        return stdout;
    }

    OutputStream stderr() {
        return stderr;
    }

    /** A run ended: a line it left without its newline is published now, under the run's source. */
    void endLines() {
        ((ConsoleOutput) stdout).close();
        ((ConsoleOutput) stderr).close();
    }

    /**
     * Python's {@code sys.stdout} / {@code sys.stderr} write here through the host ({@code _pydesk.streams}), not
     * through the context's file descriptors: GraalPy writes those through an interruptible channel, which the
     * watchdog's interrupt closes for good (every later print of the page would fail with BrokenPipeError).
     */
    void write(boolean error, String text) {
        try {
            (error ? stderr : stdout).write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException cannot) {
            // ConsoleOutput does not fail
        }
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
