package dev.pydesk.interpreter.python;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.NetworkBus;
import dev.pydesk.bridge.events.PageEvents;
import dev.pydesk.interpreter.files.FolderChooser;
import dev.pydesk.interpreter.net.PageResources;
import java.nio.file.Path;

/**
 * What every interpreter of one page shares: the document, the page's folder (Python's working folder) and files,
 * console and network logs, watchdog, the process's {@link Services}, errors, who to ask for a folder to mount, and
 * whether its Python may listen on sockets ({@code [sockets]} in pydesk.toml, {@link dev.pydesk.interpreter.page.SiteRoot}).
 * {@code workEnded} is told (any thread) whenever pending work of an interpreter ended (a timer ran or was cancelled,
 * a task or request finished, a worker call was answered, a worker's script ended): the session then checks whether
 * the page went idle ({@link dev.pydesk.bridge.events.PageEvent.Idle}).
 */
public record PageEnvironment(JsRealm realm, Path pageFolder, PageResources resources, ConsoleBus console, NetworkBus network,
                       Watchdog watchdog, Services services, ErrorSink errors, FolderChooser chooser,
                       boolean listeningSockets, Runnable workEnded) {
    /** The page's event stream (the console and network logs are views of it). */
    public PageEvents events() {
        return console.events();
    }

    /**
     * The site root (see {@link PageResources#siteRoot()}, the one place that knows it): PyDesk's stand-in for a
     * browser's origin, so what a browser keeps per origin (pyscript.storage's stores, pyscript.fs's folder choices)
     * PyDesk keeps per site root.
     */
    Path siteRoot() {
        return resources.siteRoot();
    }
}
