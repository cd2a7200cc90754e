package dev.pydesk.app;

import dev.pydesk.bridge.events.PageEvent;
import dev.pydesk.bridge.events.PageEvents;
import java.net.URI;
import java.util.function.Consumer;

/**
 * The window's status line as the page's events make it: "loading index.html...", "starting Python (py)...",
 * "running py-0", "done" or "done, 2 error(s)", "failed to load the page". Any thread; {@code show} is told the new
 * text on the publisher's thread (the shell hands it to the FX thread).
 */
final class StatusLine {
    private StatusLine() {}

    static Runnable follow(PageEvents events, Consumer<String> show) {
        return events.subscribe(event -> {
            String text = text(event);
            if (text != null) show.accept(text);
        });
    }

    /** The status an event makes, or null when it leaves the line as it is. */
    static String text(PageEvent event) {
        return switch (event) {
            case PageEvent.Loading loading -> "loading " + fileName(loading.url()) + "...";
            case PageEvent.LoadFailed failed -> failed.status();
            case PageEvent.InterpreterStarting starting -> "starting Python (" + starting.type() + ")...";
            case PageEvent.ScriptStarted started -> "running " + started.id();
            case PageEvent.ScriptsDone done -> done.errors() == 0 ? "done" : "done, " + done.errors() + " error(s)";
            default -> null;
        };
    }

    /** The last segment of a page's address ({@code index.html}), or the address itself. */
    private static String fileName(String url) {
        if (url == null || url.isEmpty()) return "the page";
        try {
            String path = URI.create(url).getPath();
            if (path != null && !path.isEmpty() && !path.endsWith("/")) return path.substring(path.lastIndexOf('/') + 1);
        } catch (IllegalArgumentException notAUri) {
            // shown as given
        }
        return url;
    }
}
