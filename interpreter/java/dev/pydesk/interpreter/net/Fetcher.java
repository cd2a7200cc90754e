package dev.pydesk.interpreter.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code pyscript.fetch} on the JDK's HTTP client: {@code http(s)} URLs over the network, and URLs relative to the
 * page (or on PyDesk's page server) read from the page's folder, never outside it. Answers arrive on a client
 * thread; the caller hands them to the interpreter's own thread.
 */
public final class Fetcher {
    /** What Python receives: an answer, or an error with the exception type Python should raise. */
    public record Result(int status, String statusText, String url, List<String> headers, byte[] body, String errorType,
                  String error) {
        public static Result failed(String url, String errorType, String error) {
            return new Result(0, "", url, List.of(), new byte[0], errorType, error);
        }
    }

    /** How long a network request may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final PageResources resources;
    private final HttpClient http;

    /** Fetches through the page's HTTP client ({@link PageResources#http()}: the process's one). */
    public Fetcher(PageResources resources) {
        this.resources = resources;
        this.http = resources.http();
    }

    public void fetch(String url, String method, List<String> headers, byte[] body, Consumer<Result> done) {
        URI uri;
        try {
            uri = resources.resolve(url);
        } catch (IllegalArgumentException e) {
            done.accept(Result.failed(url, "ValueError", "fetch: " + url + " is not a valid URL"));
            return;
        }
        Optional<Path> file = resources.localFile(uri);
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (file.isPresent() || resources.isPageServer(uri)) {
            done.accept(readLocal(url, uri, file));
        } else if (scheme.equals("http") || scheme.equals("https")) {
            send(url, uri, method, headers, body).thenAccept(done);
        } else {
            done.accept(Result.failed(url, "PermissionError", "fetch: " + resources.refusal(url, uri)));
        }
    }

    private Result readLocal(String url, URI uri, Optional<Path> file) {
        if (file.isEmpty()) {
            return Result.failed(url, "PermissionError", "fetch: " + resources.refusal(url, uri));
        }
        try {
            byte[] bytes = Files.readAllBytes(file.get());
            String type = Optional.ofNullable(Files.probeContentType(file.get())).orElse("application/octet-stream");
            return new Result(200, "OK", uri.toString(), List.of("content-type", type, "content-length",
                    String.valueOf(bytes.length)), bytes, null, null);
        } catch (NoSuchFileException e) {
            return new Result(404, "Not Found", uri.toString(), List.of("content-type", "text/plain"),
                    ("Not Found: " + url).getBytes(StandardCharsets.UTF_8), null, null);
        } catch (IOException e) {
            return Result.failed(url, "OSError", "fetch: could not read " + url + ": " + e.getMessage());
        }
    }

    private CompletableFuture<Result> send(String url, URI uri, String method, List<String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        try {
            for (int i = 0; i + 1 < headers.size(); i += 2) request.header(headers.get(i), headers.get(i + 1));
            request.method(method.toUpperCase(Locale.ROOT), body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Result.failed(url, "ValueError", "fetch " + url + ": " + e.getMessage()));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> {
                    List<String> flat = new ArrayList<>();
                    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                        if (header.getKey().startsWith(":")) continue; // HTTP/2 pseudo-headers
                        flat.add(header.getKey().toLowerCase(Locale.ROOT));
                        flat.add(String.join(", ", header.getValue()));
                    }
                    return new Result(response.statusCode(), reason(response.statusCode()), response.uri().toString(),
                            flat, response.body(), null, null);
                })
                .exceptionally(failure -> {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof ConnectException) {
                        return Result.failed(url, "ConnectionRefusedError", "fetch " + url + ": connection refused");
                    }
                    if (cause instanceof HttpTimeoutException) {
                        return Result.failed(url, "TimeoutError", "fetch " + url + ": timed out");
                    }
                    return Result.failed(url, "ConnectionError", "fetch " + url + ": " + cause);
                });
    }

    /** HTTP/1.1's reason phrases for the usual codes (HTTP/2 sends none). */
    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 418 -> "I'm a teapot";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }
}
