package dev.pydesk.interpreter;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.JsRealm;
import dev.pydesk.bridge.NetworkBus;
import java.nio.file.Path;

/**
 * What every interpreter of one page shares: the document, the page's folder and files, console and network logs,
 * watchdog, errors, and whether its Python may listen on sockets ({@link FolderSettings}).
 */
record PageEnvironment(JsRealm realm, Path pageFolder, PageResources resources, ConsoleBus console, NetworkBus network,
                       Watchdog watchdog, ErrorSink errors, boolean listeningSockets) {}
