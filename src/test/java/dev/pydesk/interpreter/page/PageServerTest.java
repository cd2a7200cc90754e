package dev.pydesk.interpreter.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageServerTest {
    /** A page server's threads, as the page loader gets them for each server it starts. */
    private static java.util.concurrent.ExecutorService threads() {
        return dev.pydesk.testing.PageHarness.services().pageServerThreads();
    }

    private static final String INDEX = """
            <!DOCTYPE html>
            <html>
            <head>
              <link rel="stylesheet" href="https://pyscript.net/releases/2025.11.1/core.css">
              <script type="module" src="https://pyscript.net/releases/2025.11.1/core.js"></script>
            </head>
            <body><script type="py">print("hi")</script></body>
            </html>
            """;

    private static HttpClient client;

    @TempDir
    Path base;

    private Path site;
    private PageServer server;
    private final List<RequestRecord> records = new CopyOnWriteArrayList<>();
    private final List<Thread> handlerThreads = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createClient() {
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @BeforeEach
    void startServer() throws IOException {
        site = Files.createDirectory(base.resolve("site"));
        write("index.html", INDEX);
        write("data.json", "{\"a\": 1}");
        write("app.js", "console.log('app')");
        write("mod.mjs", "export const x = 1;");
        write("style.css", "p { color: red }");
        write("pyscript.toml", "packages = []");
        write("main.py", "print('hi')");
        write("notes.txt", "caf\u00e9");
        write("icon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
        for (String binary : List.of("img.png", "photo.jpg", "anim.gif", "pic.webp", "mod.wasm", "pkg-1.0-py3-none-any.whl",
                "favicon.ico", "font.woff2", "blob.bin", "noextension")) {
            Files.write(site.resolve(binary), new byte[] {0, 1, 2, (byte) 0xff});
        }
        write("sub/index.html", "<html><head><title>sub</title></head></html>");
        write("sub/page.htm", "<p>htm");
        write("empty-dir/.keep", "");
        write("with space \u00fc.txt", "spaced");
        Files.writeString(base.resolve("secret.txt"), "top secret");

        server = PageServer.start(site, threads());
        server.onRequest(r -> {
            records.add(r);
            handlerThreads.add(Thread.currentThread());
        });
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private void write(String relative, String content) throws IOException {
        Path file = site.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private URI url(String rawPath) {
        return URI.create("http://127.0.0.1:" + server.port() + rawPath);
    }

    private HttpResponse<byte[]> get(String rawPath) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url(rawPath)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({
        "/data.json, application/json; charset=utf-8",
        "/app.js, text/javascript; charset=utf-8",
        "/mod.mjs, text/javascript; charset=utf-8",
        "/style.css, text/css; charset=utf-8",
        "/pyscript.toml, application/toml; charset=utf-8",
        "/main.py, text/x-python; charset=utf-8",
        "/notes.txt, text/plain; charset=utf-8",
        "/icon.svg, image/svg+xml; charset=utf-8",
        "/img.png, image/png",
        "/photo.jpg, image/jpeg",
        "/anim.gif, image/gif",
        "/pic.webp, image/webp",
        "/mod.wasm, application/wasm",
        "/pkg-1.0-py3-none-any.whl, application/zip",
        "/favicon.ico, image/x-icon",
        "/font.woff2, font/woff2",
        "/blob.bin, application/octet-stream",
        "/noextension, application/octet-stream",
        "/index.html, text/html; charset=utf-8",
        "/sub/page.htm, text/html; charset=utf-8",
    })
    void contentTypeByExtension(String path, String type) throws Exception {
        HttpResponse<byte[]> response = get(path);
        assertEquals(200, response.statusCode());
        assertEquals(Optional.of(type), response.headers().firstValue("Content-Type"));
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
    }

    @Test
    void fileBytesAreServedAsIs() throws Exception {
        assertEquals("{\"a\": 1}", text(get("/data.json")));
        assertEquals("caf\u00e9", text(get("/notes.txt")));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, get("/img.png").body());
        assertEquals("spaced", text(get("/with%20space%20%C3%BC.txt")));
        assertEquals("{\"a\": 1}", text(get("/data.json?cache=bust")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/missing.txt", "/sub/missing.html", "/empty-dir/", "/empty-dir", "/index.html/x", "/data.json/"})
    void missingFilesAndDirectoriesWithoutIndexAre404(String path) throws Exception {
        assertEquals(404, get(path).statusCode());
    }

    @Test
    void directoryServesItsIndexAndRedirectsToTheSlashedUrl() throws Exception {
        HttpResponse<byte[]> root = get("/");
        assertEquals(200, root.statusCode());
        assertEquals(HtmlRewriter.rewrite(INDEX), text(root));

        HttpResponse<byte[]> sub = get("/sub/");
        assertEquals(200, sub.statusCode());
        assertTrue(text(sub).startsWith("<html><head>" + HtmlRewriter.INJECTED + "<title>sub</title>"), text(sub));

        HttpResponse<byte[]> redirect = get("/sub?x=1");
        assertEquals(301, redirect.statusCode());
        assertEquals(Optional.of("/sub/?x=1"), redirect.headers().firstValue("Location"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/%2e%2e/secret.txt", "/sub/%2E%2E/%2e%2e/secret.txt", "/sub/../index.html",
        "/..%2fsecret.txt", "/%2e%2e%5csecret.txt"})
    void dotDotTraversalIs403(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);
        assertEquals(403, response.statusCode());
        assertFalse(text(response).contains("top secret"));
        // The client must really have sent the traversal (not normalised it away).
        awaitRecords(1);
        assertEquals(path, records.getLast().path());
    }

    @Test
    void symlinksEscapingTheRootAre403() throws Exception {
        try {
            Files.createSymbolicLink(site.resolve("escape"), base);
            Files.createSymbolicLink(site.resolve("secret-link.txt"), base.resolve("secret.txt"));
            Files.createSymbolicLink(site.resolve("inner-link.txt"), site.resolve("notes.txt"));
        } catch (UnsupportedOperationException | IOException | SecurityException e) {
            assumeTrue(false, "symlinks not available: " + e);
        }
        assertEquals(403, get("/escape/secret.txt").statusCode());
        assertEquals(403, get("/secret-link.txt").statusCode());
        assertEquals(403, get("/escape/site/../secret.txt").statusCode());
        // A symlink that stays inside the root is fine.
        HttpResponse<byte[]> inner = get("/inner-link.txt");
        assertEquals(200, inner.statusCode());
        assertEquals("caf\u00e9", text(inner));
        assertEquals(Optional.empty(), server.fileOf(url("/secret-link.txt")));
    }

    @Test
    void headAnswersLikeGetWithoutBody() throws Exception {
        HttpResponse<byte[]> get = get("/app.js");
        HttpResponse<byte[]> head = client.send(
                HttpRequest.newBuilder(url("/app.js")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
        assertEquals(Optional.of(Long.toString(get.body().length)), head.headers().firstValue("Content-Length"));

        HttpResponse<byte[]> headHtml = client.send(
                HttpRequest.newBuilder(url("/index.html")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(Optional.of(Long.toString(HtmlRewriter.rewrite(INDEX).getBytes(StandardCharsets.UTF_8).length)),
                headHtml.headers().firstValue("Content-Length"));

        HttpResponse<byte[]> missing = client.send(
                HttpRequest.newBuilder(url("/nope")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<byte[]> post = client.send(
                HttpRequest.newBuilder(url("/data.json")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, post.statusCode());
        assertEquals(Optional.of("GET, HEAD"), post.headers().firstValue("Allow"));
    }

    @Test
    void pydeskAssetsComeFromTheClasspath() throws Exception {
        HttpResponse<byte[]> asset = get("/__pydesk__/test-asset.txt");
        assertEquals(200, asset.statusCode());
        assertEquals("hello from the classpath\n", text(asset));
        assertEquals(Optional.of("text/plain; charset=utf-8"), asset.headers().firstValue("Content-Type"));
        assertEquals(Optional.of("no-store"), asset.headers().firstValue("Cache-Control"));

        assertEquals(404, get("/__pydesk__/no-such-asset.js").statusCode());
        assertEquals(404, get("/__pydesk__/").statusCode());
        assertEquals(404, get("/__pydesk__/%2e%2e/web/test-asset.txt").statusCode());
    }

    @Test
    void htmlIsRewrittenOnTheWay() throws Exception {
        HttpResponse<byte[]> response = get("/index.html");
        assertEquals(200, response.statusCode());
        String body = text(response);
        assertEquals(HtmlRewriter.rewrite(INDEX), body);
        assertTrue(body.contains("<head>" + HtmlRewriter.INJECTED), body);
        assertTrue(body.contains("<script type=\"pydesk/disabled\" "
                + "data-pydesk-src=\"https://pyscript.net/releases/2025.11.1/core.js\"></script>"), body);
        assertTrue(body.contains("<link rel=\"pydesk-disabled\" "
                + "data-pydesk-href=\"https://pyscript.net/releases/2025.11.1/core.css\">"), body);
        assertEquals(Optional.of(Long.toString(response.body().length)), response.headers().firstValue("Content-Length"));
    }

    @Test
    void nonUtf8HtmlIsDecodedByItsMetaCharsetAndSentAsUtf8() throws Exception {
        Files.write(site.resolve("latin.html"),
                "<html><head><meta charset=\"iso-8859-1\"><title>caf\u00e9</title></head></html>"
                        .getBytes(StandardCharsets.ISO_8859_1));
        HttpResponse<byte[]> response = get("/latin.html");
        assertEquals("<html><head>" + HtmlRewriter.INJECTED + "<meta charset=\"iso-8859-1\"><title>caf\u00e9</title></head></html>",
                text(response));
        assertEquals(Optional.of("text/html; charset=utf-8"), response.headers().firstValue("Content-Type"));
    }

    @Test
    void editsShowUpOnReload() throws Exception {
        assertEquals("{\"a\": 1}", text(get("/data.json")));
        write("data.json", "{\"a\": 2}");
        assertEquals("{\"a\": 2}", text(get("/data.json")));
    }

    @Test
    void uriOfAndFileOfRoundTrip() throws Exception {
        Path root = server.root();
        assertEquals(site.toRealPath(), root);
        for (String relative : List.of("index.html", "sub/index.html", "sub/page.htm", "with space \u00fc.txt", "data.json")) {
            Path file = root.resolve(relative);
            URI uri = server.uriOf(file);
            assertEquals("http", uri.getScheme());
            assertEquals("127.0.0.1", uri.getHost());
            assertEquals(server.port(), uri.getPort());
            assertEquals(Optional.of(file), server.fileOf(uri), uri.toString());
            assertEquals(200, client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode(), uri.toString());
        }
        assertEquals("http://127.0.0.1:" + server.port() + "/with%20space%20%C3%BC.txt",
                server.uriOf(root.resolve("with space \u00fc.txt")).toString());
        assertEquals(url("/"), server.uriOf(root));
        assertEquals(url("/sub/"), server.uriOf(root.resolve("sub")));
        assertEquals(url("/sub/index.html"), server.uriOf(Path.of("sub", "index.html")));
        assertEquals(url("/data.json"), server.uriOf(site.resolve("data.json"))); // the path as given to start()
        assertEquals(Optional.of(root), server.fileOf(url("/")));
        assertEquals(Optional.of(root.resolve("missing.txt")), server.fileOf(url("/missing.txt?x#y")));
        assertEquals(Optional.of(root.resolve("data.json")),
                server.fileOf(URI.create("http://localhost:" + server.port() + "/data.json")));
    }

    @Test
    void pathsOutsideTheRootAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> server.uriOf(base.resolve("secret.txt")));
        assertThrows(IllegalArgumentException.class, () -> server.uriOf(site.resolve("../secret.txt")));
        assertThrows(IllegalArgumentException.class, () -> server.uriOf(Path.of("..", "secret.txt")));
        assertEquals(Optional.empty(), server.fileOf(url("/../secret.txt")));
        assertEquals(Optional.empty(), server.fileOf(url("/%2e%2e/secret.txt")));
        assertEquals(Optional.empty(), server.fileOf(url("/__pydesk__/boot.js")));
        assertEquals(Optional.empty(), server.fileOf(URI.create("http://127.0.0.1:" + (server.port() + 1) + "/data.json")));
        assertEquals(Optional.empty(), server.fileOf(URI.create("http://example.com:" + server.port() + "/data.json")));
        assertEquals(Optional.empty(), server.fileOf(URI.create("file:///etc/passwd")));
        assertEquals(Optional.empty(), server.fileOf(URI.create("urn:isbn:123")));
    }

    @Test
    void foreignHostHeaderIs403() throws Exception {
        // HttpClient will not set Host, so speak HTTP by hand (a DNS-rebinding request looks like this).
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /data.json HTTP/1.1\r\nHost: evil.example:" + server.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        }
    }

    @Test
    void listenersSeeEveryRequest() throws Exception {
        get("/data.json");
        get("/missing.txt");
        awaitRecords(2);
        RequestRecord ok = records.get(0);
        assertEquals("GET", ok.method());
        assertEquals("/data.json", ok.path());
        assertEquals(200, ok.status());
        assertEquals(8, ok.bytes());
        assertTrue(ok.durationMillis() >= 0);
        assertEquals(404, records.get(1).status());
        for (Thread t : handlerThreads) {
            assertTrue(t.getName().startsWith("pydesk-page-server-"), t.getName());
            assertTrue(t.isDaemon(), t.getName());
        }
    }

    @Test
    void aThrowingListenerDoesNotBreakServing() throws Exception {
        server.onRequest(r -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(200, get("/data.json").statusCode());
        assertEquals(200, get("/data.json").statusCode());
    }

    @Test
    void closeFreesThePortAndStopsTheThreads() throws Exception {
        int port = server.port();
        assertEquals(200, get("/data.json").statusCode());
        awaitRecords(1);
        Thread worker = handlerThreads.getFirst();

        long started = System.nanoTime();
        server.close();
        server.close(); // idempotent
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 2, "close() is prompt");

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, socket.getLocalPort());
        }
        assertThrows(IOException.class, () -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url("/data.json")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()));
        worker.join(5000);
        assertFalse(worker.isAlive(), "worker thread stopped");
    }

    @Test
    void startRejectsAMissingFolderOrAFile() {
        assertThrows(IOException.class, () -> PageServer.start(base.resolve("nope"), threads()));
        assertThrows(IOException.class, () -> PageServer.start(base.resolve("secret.txt"), threads()));
    }

    /** What the stand-in for PyScript's core.js starts with (the asset on the class path). */
    private static String standIn() throws IOException {
        try (InputStream in = PageServer.class.getResourceAsStream("/dev/pydesk/web/pyscript/core.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void pyscriptsLoaderIsAnsweredWithTheStandInWhateverItsPath() throws Exception {
        write("dist/fake-release.js", PyScriptLoaderTest.FAKE_BUNDLE);
        write("vendor/core.js", "export const mine = 1; // a core.js of the page's own");
        write("uses-cdn.js", "import { hooks } from 'https://pyscript.net/releases/2025.11.1/core.js';\nexport { hooks };");
        String standIn = standIn();
        assertEquals(standIn, text(get("/dist/core.js")), "a missing core.js (dist/ not built)");
        assertEquals(standIn, text(get("/dist/fake-release.js")), "PyScript's bundle, recognised by its content");
        assertEquals("text/javascript; charset=utf-8", get("/dist/core.js").headers().firstValue("Content-Type").orElse(""));
        assertEquals("export const mine = 1; // a core.js of the page's own", text(get("/vendor/core.js")));
        assertEquals("import { hooks } from '/__pydesk__/pyscript/core.js';\nexport { hooks };", text(get("/uses-cdn.js")));
        assertEquals("console.log('app')", text(get("/app.js")));
        assertEquals(200, get(PyScriptLoader.STAND_IN).statusCode());
    }

    @Test
    void aFileAboveTheRootIs403AndTheListenersHearWhichFile() throws Exception {
        List<PageServer.Refusal> refused = new CopyOnWriteArrayList<>();
        server.onRefused(refused::add);
        Files.createDirectories(base.resolve("lib"));
        Files.writeString(base.resolve("lib/x.py"), "above the root");
        // the browser clamps ../lib/x.py of a page at the root to /lib/x.py
        HttpResponse<byte[]> response = get("/lib/x.py");
        assertEquals(403, response.statusCode());
        assertFalse(text(response).contains("above the root"));
        assertEquals(List.of(new PageServer.Refusal("/lib/x.py", base.toRealPath().resolve("lib/x.py"))), refused);
        assertEquals(404, get("/lib/nowhere.py").statusCode(), "a file that exists nowhere is simply missing");
        assertEquals(1, refused.size());
    }

    private void awaitRecords(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (records.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(records.size() >= count, "records: " + records);
    }
}
