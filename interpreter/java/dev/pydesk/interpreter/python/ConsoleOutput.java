package dev.pydesk.interpreter.python;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.events.ConsoleEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Python's stdout or stderr: bytes in, one console event per line out, tagged with the running script's id. */
final class ConsoleOutput extends OutputStream {
    private final ConsoleBus bus;
    private final ConsoleEvent.Level level;
    private final Supplier<String> source;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ConsoleOutput(ConsoleBus bus, ConsoleEvent.Level level, Supplier<String> source) {
        this.bus = bus;
        this.level = level;
        this.source = source;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    @Override
    public synchronized void flush() {
        // Lines are published whole; a partial line waits for its newline (or close).
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) emit();
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        bus.publish(level, source.get(), text);
    }
}
