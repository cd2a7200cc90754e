package dev.pydesk.interpreter;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.NetworkBus;
import java.nio.file.Path;

/**
 * What every interpreter of one page shares: the document, the page's folder and files, console and network logs,
 * watchdog, errors, and who to ask for a folder to mount.
 */
record PageEnvironment(JsRealm realm, Path pageFolder, PageResources resources, ConsoleBus console, NetworkBus network,
                       Watchdog watchdog, ErrorSink errors, FolderChooser chooser) {
    /**
     * The site: the folder the page server serves, PyDesk's stand-in for a browser's origin. What a browser keeps
     * per origin (pyscript.storage's stores, pyscript.fs's folder choices) PyDesk keeps per site.
     */
    Path site() {
        return pageFolder;
    }
}
