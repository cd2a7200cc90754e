package dev.pydesk.interpreter.net;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.ServiceConfigurationError;

/**
 * Python's own sockets narrowed to what a web page may do: connect out ({@code http.client}, {@code urllib}, a TCP
 * client), but neither listen for connections nor use UDP, unless the page's folder opts in ({@code [sockets]
 * listen = true} in its {@code pydesk.toml}). Raw sockets do not exist on GraalPy's Java backend at all.
 * <p>
 * GraalPy only has all-or-nothing socket access ({@code IOAccess.allowHostSocketAccess}); its server and UDP
 * sockets are NIO channels, opened through the JVM's one {@link SelectorProvider}. PyDesk installs this provider
 * ({@code -Djava.nio.channels.spi.SelectorProvider=dev.pydesk.interpreter.net.PageSocketGuard}, which needs
 * {@code --add-exports=java.base/sun.nio.ch=ALL-UNNAMED} to reach the platform's provider): it hands everything to
 * the platform's provider, and refuses those two kinds of channel when page Python asks for one without the opt-in.
 * The refusal is an IOException, which page Python gets as a catchable OSError (a PermissionError, see sandbox.py).
 * Without this provider page Python gets no sockets at all ({@link #installed()}).
 */
public final class PageSocketGuard extends SelectorProvider {
    /** The opt-in of the page whose Python runs on this thread right now (set around every entry into Python). */
    private static final ThreadLocal<Boolean> LISTENING_ALLOWED = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final String PYTHON_SOCKETS = "com.oracle.graal.python.";
    static final String OPT_IN = "put these two lines in pydesk.toml next to the page: [sockets] and listen = true";

    private final SelectorProvider platform;

    public PageSocketGuard() {
        try {
            platform = (SelectorProvider) Class.forName("sun.nio.ch.DefaultSelectorProvider").getMethod("get").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ServiceConfigurationError("PyDesk's socket guard needs the JVM option"
                    + " --add-exports=java.base/sun.nio.ch=ALL-UNNAMED next to"
                    + " -Djava.nio.channels.spi.SelectorProvider=" + PageSocketGuard.class.getName(), e);
        }
    }

    /** True when the JVM's provider is this guard: only then may page Python have sockets. */
    public static boolean installed() {
        return SelectorProvider.provider() instanceof PageSocketGuard;
    }

    /** Python of a page with (or without) the opt-in starts running on this thread; returns what to restore. */
    public static boolean enter(boolean listeningAllowed) {
        boolean previous = LISTENING_ALLOWED.get();
        LISTENING_ALLOWED.set(listeningAllowed);
        return previous;
    }

    public static void leave(boolean previous) {
        LISTENING_ALLOWED.set(previous);
    }

    private static void refuseForPagePython(String what) throws IOException {
        if (LISTENING_ALLOWED.get()) return;
        boolean fromPython = StackWalker.getInstance().walk(frames ->
                frames.anyMatch(frame -> frame.getClassName().startsWith(PYTHON_SOCKETS)));
        if (fromPython) {
            // sandbox.py turns this text (it must start with "PyDesk pages cannot ") into a PermissionError
            throw new IOException("PyDesk pages cannot " + what + ": like a web page, page Python may connect out"
                    + " (http.client, urllib, fetch, WebSocket), not accept connections. To let this page do it, "
                    + OPT_IN + ".");
        }
    }

    @Override
    public ServerSocketChannel openServerSocketChannel() throws IOException {
        refuseForPagePython("listen for network connections");
        return platform.openServerSocketChannel();
    }

    @Override
    public ServerSocketChannel openServerSocketChannel(ProtocolFamily family) throws IOException {
        refuseForPagePython("listen for network connections");
        return platform.openServerSocketChannel(family);
    }

    @Override
    public DatagramChannel openDatagramChannel() throws IOException {
        refuseForPagePython("use UDP sockets");
        return platform.openDatagramChannel();
    }

    @Override
    public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException {
        refuseForPagePython("use UDP sockets");
        return platform.openDatagramChannel(family);
    }

    @Override
    public SocketChannel openSocketChannel() throws IOException {
        return platform.openSocketChannel();
    }

    @Override
    public SocketChannel openSocketChannel(ProtocolFamily family) throws IOException {
        return platform.openSocketChannel(family);
    }

    @Override
    public Pipe openPipe() throws IOException {
        return platform.openPipe();
    }

    @Override
    public AbstractSelector openSelector() throws IOException {
        return platform.openSelector();
    }

    @Override
    public Channel inheritedChannel() throws IOException {
        return platform.inheritedChannel();
    }
}
