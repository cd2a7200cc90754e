package dev.pydesk.interpreter.net;

import dev.pydesk.interpreter.config.PageConfig;
import dev.pydesk.interpreter.page.PageServer;
import dev.pydesk.interpreter.page.SiteRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads what a page refers to ({@code src} of scripts, config files, {@code files}), relative to the page's URL (or,
 * for what a config file names, to that file: {@link #relativeTo}): files under the site root straight from disk
 * (never outside it), {@code http(s)} URLs over the network. The one place that knows the page's site root.
 */
public final class PageResources {
    private final URI base;
    private final PageServer server;
    private final SiteRoot site;
    private final Path pageFolder;
    private final String pageName;
    private final HttpClient http;

    /** @param http the process's one HTTP client, for resources on other sites */
    public PageResources(URI pageUri, PageServer server, SiteRoot site, Path pageFolder, HttpClient http) {
        this(pageUri, server, site, pageFolder, nameOf(pageUri), http);
    }

    private PageResources(URI base, PageServer server, SiteRoot site, Path pageFolder, String pageName, HttpClient http) {
        this.http = http;
        this.base = base;
        this.server = server;
        this.site = site;
        this.pageFolder = pageFolder;
        this.pageName = pageName;
    }

    private static String nameOf(URI page) {
        String path = page.getPath() == null ? "" : page.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The page's file name (also in a reader {@link #relativeTo} a config file), for messages and dialogs. */
    public String pageName() {
        return pageName;
    }

    /**
     * The folder the page is served from and its Python may read (its page folder, or a folder above it given with
     * {@code --root} or {@code pydesk.toml}); absolute, symlinks resolved. What is keyed by "the site" (storage) uses
     * this.
     */
    public Path siteRoot() {
        return site.folder();
    }

    /** The same reader with references taken relative to {@code reference} (a config file the page named). */
    PageResources relativeTo(String reference) {
        return new PageResources(resolve(reference), server, site, pageFolder, pageName, http);
    }

    /** The reader for what {@code config} names: relative to its file, as PyScript resolves them. */
    public PageResources forConfig(PageConfig config) {
        return config.configUrl().map(this::relativeTo).orElse(this);
    }

    /**
     * Why a reference that names no file under the root is refused, with what would allow it; tells the user in
     * the console (once per request) when the file exists.
     */
    String refusal(String reference, URI uri) {
        Path intended = intendedFile(uri);
        if (intended != null && Files.exists(intended)) {
            server.refuse(reference, intended);
            String setting = site.setting(intended, pageFolder);
            return reference + " is outside the site root" + (setting == null ? "."
                    : ": put root = \"" + setting + "\" in " + SiteRoot.SETTINGS
                    + " next to the page (or open it with --root) to allow it.");
        }
        return reference + " is outside the site root: a page may read http(s) URLs and files under its site root.";
    }

    /** Page Python tried to open a file outside the site root: the console says which, and how to allow it. */
    public void refuseFile(Path file) {
        server.refuse(file.toString(), file);
    }

    /** The local file a URL of the page server with {@code ..} above the root means, or null. */
    private Path intendedFile(URI uri) {
        if (!isPageServer(uri) || uri.getPath() == null) return null;
        try {
            Path file = site.folder().resolve(uri.getPath().replaceFirst("^/+", "")).normalize();
            return file.startsWith(site.folder()) ? null : file;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** The file under the site root that this URL names, if it names one. */
    public Optional<Path> localFile(URI uri) {
        return server.fileOf(uri);
    }

    /** True for URLs on PyDesk's own page server (which only serves the site root). */
    boolean isPageServer(URI uri) {
        return uri.getPort() == server.port() && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
    }

    public URI resolve(String reference) {
        return base.resolve(reference.trim().replace(" ", "%20"));
    }

    /** Reads a referenced text; the exception message is the one PyScript's fetch would give. */
    public String read(String reference) throws IOException {
        return new String(readBytes(reference), StandardCharsets.UTF_8);
    }

    /** Reads a referenced file's bytes (a wheel, an archive, a file of the config's {@code files}). */
    public byte[] readBytes(String reference) throws IOException {
        URI uri;
        try {
            uri = resolve(reference);
        } catch (IllegalArgumentException e) {
            throw new IOException("(PY0001): Fetching from URL " + reference + " failed with error 'bad URL'.");
        }
        Optional<Path> file = server.fileOf(uri);
        if (file.isPresent()) {
            if (Files.isDirectory(file.get())) {
                throw new IOException("(PY0404): Fetching from URL " + reference + " failed: it is a folder, not a"
                        + " file. Are your filename and path correct?");
            }
            try {
                return Files.readAllBytes(file.get());
            } catch (NoSuchFileException e) {
                throw notFound(reference);
            }
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if ((scheme.equals("http") || scheme.equals("https")) && !isPageServer(uri)) return fetch(uri, reference);
        Path intended = intendedFile(uri);
        if (intended != null && !Files.exists(intended)) throw notFound(reference);
        throw new AccessDeniedException(reference, null, "(PY0403): Fetching from URL " + reference
                + " failed with error 403 (Forbidden). " + refusal(reference, uri));
    }

    /** The HTTP client fetch and the package index use too. */
    HttpClient http() {
        return http;
    }

    private byte[] fetch(URI uri, String reference) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) throw notFound(reference);
            if (response.statusCode() >= 400) {
                throw new IOException("(PY0" + response.statusCode() + "): Fetching from URL " + reference
                        + " failed with error " + response.statusCode() + ". Are your filename and path correct?");
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + reference, e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException("(PY0000): Fetching from URL " + reference + " failed: the server did not answer"
                    + " within 30 s.", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("(PY")) throw e;
            throw new IOException("(PY0000): Fetching from URL " + reference + " failed: " + uri.getHost()
                    + " cannot be reached (" + (e instanceof java.net.ConnectException ? "connection refused"
                    : "network error") + "). Is the server running, and are you online?", e);
        }
    }

    private static NoSuchFileException notFound(String reference) {
        return new NoSuchFileException(reference, null, "(PY0404): Fetching from URL " + reference
                + " failed with error 404 (Not Found). Are your filename and path correct?");
    }

    /** The message to show for a failed read. */
    public static String message(IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException fse ? fse.getReason() : e.getMessage();
        return reason == null ? e.toString() : reason;
    }
}
