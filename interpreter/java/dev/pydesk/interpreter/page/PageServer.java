package dev.pydesk.interpreter.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves one local site root (the page's folder, or a folder above it: {@link SiteRoot}) to the WebView over HTTP
 * on 127.0.0.1.
 *
 * <p>Why not a {@code file:} URL: PyDesk must rewrite every HTML page before WebKit sees it
 * (PyScript's own loader must neither be fetched nor run, and PyDesk's boot script and stylesheet
 * go first in {@code <head>}; see {@link HtmlRewriter}), and page code such as
 * {@code fetch('./data.json')} or PyScript's {@code config="pyscript.toml"} must work as it does
 * on a web server. The JDK's built-in {@link HttpServer} is enough for that.
 *
 * <ul>
 *   <li>{@code GET}/{@code HEAD} only, files under {@link #root()} only: {@code ..} segments (also
 *       percent-encoded) and symlinks that resolve outside the root get 403, missing files 404.
 *       No directory listings: a directory serves its {@code index.html} or 404.</li>
 *   <li>{@code /__pydesk__/<name>} is served from the classpath resource
 *       {@code /dev/pydesk/web/<name>} (PyDesk's boot script, stylesheet, ...).</li>
 *   <li>Every {@code .html}/{@code .htm} file goes through {@link HtmlRewriter#rewrite} and is sent
 *       as UTF-8 (decoded from UTF-8, its BOM, or its {@code <meta charset>}).</li>
 *   <li>A file that is PyScript's loader by content, or a missing {@code core.js}, is answered with PyDesk's
 *       stand-in module, and JavaScript files that import the loader from its CDN import the stand-in instead
 *       ({@link PyScriptLoader}): PyScript's own runtime never starts.</li>
 *   <li>A missing file that exists in a folder above the root (a relative URL like {@code ../lib/x.py} that the
 *       browser clamped to the root) gets 403, and the {@link #onRefused} listeners hear which file it was.</li>
 *   <li>Every answer carries {@code Cache-Control: no-store}, so a reload shows edits.</li>
 *   <li>Requests whose {@code Host} is not this server (DNS rebinding) get 403.</li>
 * </ul>
 *
 * <p>The server's requests are handled on the threads it is given ({@code Services.pageServerThreads()}: daemon
 * threads named {@code pydesk-page-server-N-M}), which it shuts down when it closes; the JDK's own dispatcher thread
 * is not a daemon, so always {@link #close()} the server.
 */
public final class PageServer implements AutoCloseable {

    /** URL path prefix of PyDesk's own assets. */
    public static final String ASSET_PREFIX = "/__pydesk__/";

    /** Classpath folder the assets under {@link #ASSET_PREFIX} come from. */
    public static final String ASSET_RESOURCE_ROOT = "/dev/pydesk/web/";

    private static final String HOST = "127.0.0.1";
    /** The stand-in for PyScript's loader, as an asset name (see {@link PyScriptLoader}). */
    private static final String STAND_IN_ASSET = PyScriptLoader.STAND_IN.substring(ASSET_PREFIX.length());
    private static final Pattern META_CHARSET =
            Pattern.compile("<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([-\\w.:]+)", Pattern.CASE_INSENSITIVE);

    private final Path root;
    private final Path givenRoot;
    private final HttpServer server;
    private final ExecutorService executor;
    private final int port;
    private final List<Consumer<RequestRecord>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Refusal>> refusals = new CopyOnWriteArrayList<>();

    /** A file the page asked for that exists but lies outside the root ({@code file} is its absolute path). */
    public record Refusal(String request, Path file) {}

    /** JavaScript files larger than this are sent as they are, never checked for PyScript's loader. */
    private static final long LARGEST_CHECKED_SCRIPT = 16L << 20;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PageServer(Path root, Path givenRoot, HttpServer server, ExecutorService executor) {
        this.root = root;
        this.givenRoot = givenRoot;
        this.server = server;
        this.executor = executor;
        this.port = server.getAddress().getPort();
    }

    /**
     * Starts serving {@code rootFolder} on 127.0.0.1, on an ephemeral port; requests are handled on {@code threads},
     * which the server owns from now on (it shuts them down when it closes, or when it cannot start).
     *
     * @throws IOException if the folder does not exist / is not a directory, or the socket cannot be bound
     */
    public static PageServer start(Path rootFolder, ExecutorService threads) throws IOException {
        HttpServer server;
        Path real;
        try {
            Objects.requireNonNull(rootFolder, "rootFolder");
            real = rootFolder.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new NotDirectoryException(rootFolder.toString());
            }
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 0);
        } catch (IOException | RuntimeException e) {
            threads.shutdownNow();
            throw e;
        }
        PageServer pageServer = new PageServer(real, rootFolder.toAbsolutePath().normalize(), server, threads);
        server.createContext("/", pageServer::handle);
        server.setExecutor(threads);
        server.start();
        return pageServer;
    }

    /** The served folder (its real path: symlinks resolved). */
    public Path root() {
        return root;
    }

    /** The port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /**
     * The URL at which this server serves {@code fileInsideRoot}. A relative path is taken relative
     * to the root; a directory gets a trailing {@code /} (so its {@code index.html}'s relative URLs work).
     *
     * @throws IllegalArgumentException if the path is not inside the root
     */
    public URI uriOf(Path fileInsideRoot) {
        Objects.requireNonNull(fileInsideRoot, "fileInsideRoot");
        Path path = fileInsideRoot.isAbsolute() ? fileInsideRoot.normalize() : root.resolve(fileInsideRoot).normalize();
        Path relative;
        if (path.startsWith(root)) {
            relative = root.relativize(path);
        } else if (path.startsWith(givenRoot)) {
            relative = givenRoot.relativize(path);
        } else {
            throw new IllegalArgumentException(fileInsideRoot + " is not inside " + root);
        }
        StringBuilder sb = new StringBuilder("http://").append(HOST).append(':').append(port);
        for (Path part : relative) {
            String segment = part.toString();
            if (!segment.isEmpty()) {
                sb.append('/').append(encodeSegment(segment));
            }
        }
        if (relative.toString().isEmpty() || Files.isDirectory(path)) {
            sb.append('/');
        }
        return URI.create(sb.toString());
    }

    /**
     * Maps a URL of this server back to the file it serves (under {@link #root()}); empty for other
     * servers, {@code /__pydesk__/} assets, and paths that leave the root.
     */
    public Optional<Path> fileOf(URI uri) {
        if (uri == null || !"http".equalsIgnoreCase(uri.getScheme()) || uri.getPort() != port
                || !isOwnHost(uri.getHost())) {
            return Optional.empty();
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        if (path.startsWith(ASSET_PREFIX)) {
            return Optional.empty();
        }
        Path file = resolveLexically(path);
        if (file == null) {
            return Optional.empty();
        }
        if (Files.exists(file)) {
            try {
                if (!file.toRealPath().startsWith(root)) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of(file);
    }

    /**
     * Adds a listener told about every answered request (for the inspector's network tab). It is
     * called on a server thread after the response is complete; exceptions it throws are ignored.
     */
    public void onRequest(Consumer<RequestRecord> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a listener told about every refused file that exists outside the root (so that the user can be told how
     * to allow it). Called on a server thread, or on the thread of whoever calls {@link #refuse}.
     */
    public void onRefused(Consumer<Refusal> listener) {
        refusals.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Tells the refusal listeners about a file outside the root that someone else (page Python) asked for. */
    public void refuse(String request, Path file) {
        for (Consumer<Refusal> listener : refusals) {
            try {
                listener.accept(new Refusal(request, file));
            } catch (RuntimeException ignored) {
                // a broken listener must not break page loading
            }
        }
    }

    /** Stops the server at once (open connections are dropped) and its worker threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PageServer[" + uriOf(root) + " -> " + root + "]";
    }

    // ---------------------------------------------------------------------------------------------
    // Request handling

    /** What to send: status, type, and either an in-memory body or a file streamed from disk. */
    private record Response(int status, String contentType, byte[] bytes, Path file, long length, String location) {

        static Response of(int status, String contentType, byte[] bytes) {
            return new Response(status, contentType, bytes, null, bytes.length, null);
        }

        static Response file(String contentType, Path file, long length) {
            return new Response(200, contentType, null, file, length, null);
        }

        static Response error(int status, String message) {
            return of(status, "text/plain; charset=utf-8",
                    (status + " " + message + "\n").getBytes(StandardCharsets.UTF_8));
        }

        static Response redirect(String location) {
            Response r = error(301, "Moved Permanently");
            return new Response(301, r.contentType, r.bytes, null, r.length, location);
        }
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        URI requestUri = exchange.getRequestURI();
        String target = requestUri.getRawPath() + (requestUri.getRawQuery() == null ? "" : "?" + requestUri.getRawQuery());
        int status = 500;
        long sent = 0;
        try {
            Response response;
            try {
                response = respond(exchange, method, requestUri);
            } catch (IOException | RuntimeException e) {
                response = Response.error(500, "Internal Server Error");
            }
            status = response.status();
            sent = send(exchange, response, "HEAD".equals(method));
        } catch (IOException e) {
            // The client went away mid-response; nothing to tell it.
        } finally {
            exchange.close();
            String destination = exchange.getRequestHeaders().getFirst("Sec-Fetch-Dest");
            notifyListeners(new RequestRecord(method, target, status, sent,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), destination == null ? "" : destination));
        }
    }

    private Response respond(HttpExchange exchange, String method, URI requestUri) throws IOException {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return Response.error(405, "Method Not Allowed");
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null && !host.equalsIgnoreCase(HOST + ":" + port) && !host.equalsIgnoreCase("localhost:" + port)) {
            return Response.error(403, "Forbidden");
        }
        String path = requestUri.getPath();
        if (path == null || !path.startsWith("/")) {
            return Response.error(400, "Bad Request");
        }
        if (path.startsWith(ASSET_PREFIX)) {
            return asset(path.substring(ASSET_PREFIX.length()));
        }
        return file(path, requestUri);
    }

    private Response file(String path, URI requestUri) throws IOException {
        if (hasDotDotSegment(path)) {
            return Response.error(403, "Forbidden");
        }
        Path file = resolveLexically(path);
        if (file == null) {
            return Response.error(403, "Forbidden");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (AccessDeniedException e) {
            return Response.error(403, "Forbidden");
        } catch (FileSystemException | InvalidPathException e) {
            // Missing, or a path through a plain file ("/index.html/x"), or a dangling symlink.
            if (PyScriptLoader.isLoaderName(path)) return asset(STAND_IN_ASSET);
            Path above = aboveRoot(path);
            if (above != null) {
                // a URL like ../lib/x.py that the browser clamped to the root: the file is there, but not served
                refuse(requestUri.getRawPath(), above);
                return Response.error(403, "Forbidden");
            }
            return Response.error(404, "Not Found");
        }
        if (!real.startsWith(root)) {
            return Response.error(403, "Forbidden");
        }
        String name = file.equals(root) ? "" : file.getFileName().toString();
        if (Files.isDirectory(real)) {
            Path index = real.resolve("index.html");
            if (!Files.isRegularFile(index)) {
                return Response.error(404, "Not Found");
            }
            if (!path.endsWith("/")) {
                // So that the index page's relative URLs resolve inside the directory.
                String query = requestUri.getRawQuery();
                return Response.redirect(requestUri.getRawPath() + "/" + (query == null ? "" : "?" + query));
            }
            real = index.toRealPath();
            if (!real.startsWith(root)) {
                return Response.error(403, "Forbidden");
            }
            name = "index.html";
        } else if (path.endsWith("/")) {
            return Response.error(404, "Not Found"); // a file asked for as a directory
        }
        if (!Files.isRegularFile(real)) {
            return Response.error(404, "Not Found");
        }
        String type = MediaTypes.of(name);
        if (MediaTypes.isHtml(name)) {
            String html = decodeHtml(Files.readAllBytes(real));
            return Response.of(200, MediaTypes.HTML, HtmlRewriter.rewrite(html).getBytes(StandardCharsets.UTF_8));
        }
        long size = Files.size(real);
        String lower = name.toLowerCase(Locale.ROOT);
        if ((lower.endsWith(".js") || lower.endsWith(".mjs")) && size <= LARGEST_CHECKED_SCRIPT) {
            String source = new String(Files.readAllBytes(real), StandardCharsets.UTF_8);
            if (PyScriptLoader.isCoreModule(source)) return asset(STAND_IN_ASSET);
            String redirected = PyScriptLoader.redirectImports(source);
            if (redirected != source) return Response.of(200, type, redirected.getBytes(StandardCharsets.UTF_8));
        }
        return Response.file(type, real, size);
    }

    private Response asset(String name) throws IOException {
        if (name.isEmpty() || name.endsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || hasDotDotSegment("/" + name) || name.contains("//")) {
            return Response.error(404, "Not Found");
        }
        URL url = PageServer.class.getResource(ASSET_RESOURCE_ROOT + name);
        if (url == null) {
            return Response.error(404, "Not Found");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                if (!Files.isRegularFile(Path.of(url.toURI()))) {
                    return Response.error(404, "Not Found"); // a resource directory
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                return Response.error(404, "Not Found");
            }
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return Response.error(404, "Not Found");
        }
        int slash = name.lastIndexOf('/');
        return Response.of(200, MediaTypes.of(name.substring(slash + 1)), bytes);
    }

    /** Sends the response; returns the number of body bytes written. */
    private static long send(HttpExchange exchange, Response response, boolean head) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Cache-Control", "no-store");
        if (response.location() != null) {
            headers.set("Location", response.location());
        }
        if (head) {
            headers.set("Content-Length", Long.toString(response.length()));
            exchange.sendResponseHeaders(response.status(), -1);
            return 0;
        }
        if (response.length() == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            return 0;
        }
        exchange.sendResponseHeaders(response.status(), response.length());
        try (OutputStream out = exchange.getResponseBody()) {
            if (response.bytes() != null) {
                out.write(response.bytes());
                return response.bytes().length;
            }
            return copy(response.file(), out, response.length());
        }
    }

    /** Copies at most {@code limit} bytes (the announced Content-Length), padding if the file shrank. */
    private static long copy(Path file, OutputStream out, long limit) throws IOException {
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            while (written < limit) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - written));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                written += n;
            }
        }
        if (written < limit) {
            throw new IOException(file + " shrank while being sent");
        }
        return written;
    }

    private void notifyListeners(RequestRecord record) {
        for (Consumer<RequestRecord> listener : listeners) {
            try {
                listener.accept(record);
            } catch (RuntimeException ignored) {
                // A broken inspector must not break page loading.
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Paths

    /**
     * The file a clamped relative URL meant: the nearest folder above the root that has {@code decodedPath} (a
     * regular file), or null.
     */
    private Path aboveRoot(String decodedPath) {
        String relative = decodedPath.replaceFirst("^/+", "");
        if (relative.isEmpty() || hasDotDotSegment(decodedPath)) return null;
        try {
            for (Path folder = root.getParent(); folder != null; folder = folder.getParent()) {
                Path candidate = folder.resolve(relative).normalize();
                if (candidate.startsWith(folder) && Files.isRegularFile(candidate)) return candidate;
            }
        } catch (InvalidPathException e) {
            return null;
        }
        return null;
    }

    /** Maps a decoded URL path to a path under the root, or null if it would leave the root. */
    private Path resolveLexically(String decodedPath) {
        if (hasDotDotSegment(decodedPath)) {
            return null;
        }
        Path path = root;
        try {
            for (String segment : decodedPath.split("/")) {
                if (!segment.isEmpty() && !segment.equals(".")) {
                    path = path.resolve(segment);
                }
            }
        } catch (InvalidPathException e) {
            return null;
        }
        path = path.normalize();
        return path.startsWith(root) ? path : null;
    }

    private static boolean hasDotDotSegment(String path) {
        for (String segment : path.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private boolean isOwnHost(String host) {
        return HOST.equals(host) || "localhost".equalsIgnoreCase(host);
    }

    /** Percent-encodes one path segment (UTF-8), keeping RFC 3986 unreserved characters and sub-delims. */
    private static String encodeSegment(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // HTML decoding

    /**
     * Decodes an HTML file: a BOM wins, then strict UTF-8, then the {@code <meta charset>} in the first
     * 1024 bytes, then windows-1252 (what browsers assume). The result is re-sent as UTF-8, and the
     * HTTP header's charset overrides whatever the page's meta tag says.
     */
    static String decodeHtml(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            Charset charset = Charset.forName("windows-1252");
            String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
            Matcher m = META_CHARSET.matcher(head);
            if (m.find()) {
                try {
                    Charset declared = Charset.forName(m.group(1));
                    // A page that claims UTF-8 but is not: browsers then use replacement characters.
                    charset = declared;
                } catch (IllegalArgumentException unknown) {
                    // keep windows-1252
                }
            }
            return new String(bytes, charset);
        }
    }
}
