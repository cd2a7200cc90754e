package dev.pydesk.interpreter;

import dev.pydesk.interpreter.page.PageServer;
import java.io.IOException;
import java.net.URI;
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
 * Reads what a page refers to ({@code src} of scripts, config files), relative to the page's URL: files of the
 * page's folder straight from disk (never outside it), {@code http(s)} URLs over the network.
 */
final class PageResources {
    private final URI pageUri;
    private final PageServer server;

    PageResources(URI pageUri, PageServer server) {
        this.pageUri = pageUri;
        this.server = server;
    }

    /** The page's file name, for messages and dialogs. */
    String pageName() {
        String path = pageUri.getPath() == null ? "" : pageUri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The file of the page's folder that this URL names, if it names one. */
    Optional<Path> localFile(URI uri) {
        return server.fileOf(uri);
    }

    /** True for URLs on PyDesk's own page server (which only serves the page's folder). */
    boolean isPageServer(URI uri) {
        return uri.getPort() == server.port() && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
    }

    URI resolve(String reference) {
        String withoutQuery = reference;
        return pageUri.resolve(withoutQuery.trim().replace(" ", "%20"));
    }

    /** Reads a referenced text; the exception message is the one PyScript's fetch would give. */
    String read(String reference) throws IOException {
        return new String(readBytes(reference), StandardCharsets.UTF_8);
    }

    /** Reads a referenced file's bytes (a wheel, an archive, a file of the config's {@code files}). */
    byte[] readBytes(String reference) throws IOException {
        URI uri;
        try {
            uri = resolve(reference);
        } catch (IllegalArgumentException e) {
            throw new IOException("(PY0001): Fetching from URL " + reference + " failed with error 'bad URL'.");
        }
        Optional<Path> file = server.fileOf(uri);
        if (file.isPresent()) {
            try {
                return Files.readAllBytes(file.get());
            } catch (NoSuchFileException e) {
                throw notFound(reference);
            }
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (scheme.equals("http") || scheme.equals("https")) {
            if (server.port() == uri.getPort() && "127.0.0.1".equals(uri.getHost())) {
                throw new AccessDeniedException(reference, null, "(PY0403): Fetching from URL " + reference
                        + " failed with error 403 (Forbidden). Only files inside the page's folder can be read.");
            }
            return fetch(uri, reference);
        }
        throw new AccessDeniedException(reference, null, "(PY0403): Fetching from URL " + reference
                + " failed with error 403 (Forbidden). Only files inside the page's folder can be read.");
    }

    private static byte[] fetch(URI uri, String reference) throws IOException {
        try {
            HttpResponse<byte[]> response = Fetcher.HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
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
        }
    }

    private static NoSuchFileException notFound(String reference) {
        return new NoSuchFileException(reference, null, "(PY0404): Fetching from URL " + reference
                + " failed with error 404 (Not Found). Are your filename and path correct?");
    }

    /** The message to show for a failed read. */
    static String message(IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException fse ? fse.getReason() : e.getMessage();
        return reason == null ? e.toString() : reason;
    }
}
