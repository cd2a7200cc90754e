package dev.pydesk.app;

import dev.pydesk.bridge.ConsoleEvent;

/** The console stream as text lines: {@code [py-0] hello}, with a level word for warnings and errors. */
final class ConsoleFormat {
    private ConsoleFormat() {}

    static String line(ConsoleEvent event) {
        String level = switch (event.level()) {
            case WARN -> "warning: ";
            case ERROR -> "error: ";
            default -> "";
        };
        String source = event.source().equals("js-uncaught") ? "js" : event.source();
        return "[" + source + "] " + level + event.text();
    }
}
