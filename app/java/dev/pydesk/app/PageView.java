package dev.pydesk.app;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.events.PageEvents;
import dev.pydesk.interpreter.session.PageLoader;
import dev.pydesk.interpreter.python.Services;
import java.time.Duration;
import javafx.scene.web.WebView;

/**
 * A WebView with its PyDesk page loader and its one event stream (the console is a view of it): what the window and
 * headless mode both show.
 */
final class PageView {
    final WebView webView = new WebView();
    final PageEvents events = new PageEvents();
    final ConsoleBus console = new ConsoleBus(events);
    final PageLoader loader;

    PageView(Services services, double scriptTimeoutSeconds) {
        webView.setContextMenuEnabled(false);
        loader = new PageLoader(webView.getEngine(), services, console,
                Duration.ofMillis((long) (scriptTimeoutSeconds * 1000)));
    }
}
