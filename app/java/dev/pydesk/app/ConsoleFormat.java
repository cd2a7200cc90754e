package dev.pydesk.app;

import dev.pydesk.bridge.events.ConsoleEvent;

/** The console stream as text lines: {@code [py-0] hello}, with a level word for warnings and errors. */
final class ConsoleFormat {
    private ConsoleFormat() {}

    static String line(ConsoleEvent event) {
        String level = switch (event.level()) {
            case WARN -> "warning: ";
            case ERROR -> "error: ";
            default -> "";
        };
        return "[" + event.source() + "] " + level + event.text();
    }
}
