package dev.pydesk.interpreter;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.NetworkBus;
import java.nio.file.Path;

/**
 * What every interpreter of one page shares: the document, the page's folder (Python's working folder) and files,
 * console and network logs, watchdog, errors, and whether its Python may listen on sockets ({@code [sockets]} in
 * pydesk.toml, {@link dev.pydesk.interpreter.page.SiteRoot}).
 */
record PageEnvironment(JsRealm realm, Path pageFolder, PageResources resources, ConsoleBus console, NetworkBus network,
                       Watchdog watchdog, ErrorSink errors, boolean listeningSockets) {
    /** The site root (see {@link PageResources#siteRoot()}, the one place that knows it). */
    Path siteRoot() {
        return resources.siteRoot();
    }
}
