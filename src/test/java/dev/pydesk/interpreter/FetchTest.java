package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import dev.pydesk.testing.TestHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pyscript.fetch against a real HTTP server on 127.0.0.1 and the page's own folder. */
@PageTest(http = true)
class FetchTest {
    static PageHarness page;
    static TestHttpServer server;
    @TempDir
    Path dir;

    private String out() {
        return String.valueOf(page.js("(document.getElementById('out') || {}).textContent"));
    }

    @BothInterpreters
    void responsesFromTheNetwork(String type) throws Exception {
        page.open(dir, "net.html", """
                <pre id="out"></pre>
                <script type="%s">
                from pyscript import fetch, document
                out = document.getElementById("out")
                def say(text):
                    out.textContent += str(text) + "|"
                r = await fetch("%s")
                say(f"{r.ok} {r.status} {r.statusText} {r.headers.get('content-type')} {r.url.endswith('/json')}")
                say((await r.json())["list"])
                say(await fetch("%s").text())
                ba = await fetch("%s").bytearray()
                say(f"{type(ba).__name__} {len(ba)} {ba[255]}")
                mv = await fetch("%s").arrayBuffer()
                say(f"{type(mv).__name__} {mv[1]}")
                blob = await fetch("%s").blob()
                say(f"blob {blob.size}")
                r = await fetch("%s")
                say(f"{r.ok} {r.status} {await r.text()}")
                say(await fetch("%s", method="POST", headers={"X-Test": "yes"}, body="HELLO").text())
                say(await fetch("%s", method="PUT", body=b"\\x41\\x42").text())
                </script>""".formatted(type, server.url("/json"), server.url("/text"), server.url("/binary"),
                server.url("/binary"), server.url("/binary"), server.url("/fail"), server.url("/echo"),
                server.url("/echo")));
        assertEquals("True 200 OK application/json True|[1, 'two']|héllo|bytearray 256 255|memoryview 1|blob 256|"
                + "False 500 broken|POST yes HELLO|PUT null AB|", out(), page.consoleText());
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }

    @BothInterpreters
    void filesOfThePageFolderAndClearErrors(String type) throws Exception {
        Files.writeString(dir.resolve("data.json"), "{\"local\": true}");
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("inner.txt"), "inside");
        page.open(sub.getParent(), "files.html", """
                <pre id="out"></pre>
                <script type="%s">
                from pyscript import fetch, document
                out = document.getElementById("out")
                def say(text):
                    out.textContent += str(text) + "|"
                say(await fetch("./data.json").json())
                say(await fetch("sub/inner.txt").text())
                r = await fetch("missing.txt")
                say(f"{r.ok} {r.status}")
                for url in ["file:///etc/passwd", "http://127.0.0.1:1/"]:
                    try:
                        await fetch(url)
                        say("no error for " + url)
                    except OSError as error:
                        say(type(error).__name__)
                </script>""".formatted(type));
        assertEquals("{'local': True}|inside|False 404|PermissionError|ConnectionRefusedError|", out(),
                page.consoleText());
    }

    @Test
    void pythonsOwnNetworkingReachesTheSameServers() throws Exception {
        page.open(dir, "urllib.html", """
                <pre id="out"></pre>
                <script type="py">
                from pyscript import document
                import urllib.request, http.client, json
                out = document.getElementById("out")
                with urllib.request.urlopen("%s", timeout=10) as response:
                    out.textContent += str(json.loads(response.read())["answer"]) + "|"
                connection = http.client.HTTPConnection("127.0.0.1", %d, timeout=10)
                connection.request("POST", "/echo", body="hi", headers={"X-Test": "h"})
                out.textContent += connection.getresponse().read().decode() + "|"
                </script>""".formatted(server.url("/json"), java.net.URI.create(server.url("/")).getPort()));
        assertEquals("42|POST h hi|", out(), page.consoleText());
    }

    @Test
    void theWindowKeepsAnsweringWhilePythonAwaitsASlowResponse() throws Exception {
        Files.writeString(dir.resolve("slow.html"), """
                <pre id="out"></pre>
                <script type="py">
                from pyscript import fetch, document
                document.getElementById("out").textContent = "waiting"
                text = await fetch("%s").text()
                document.getElementById("out").textContent = text
                </script>""".formatted(server.url("/slow")));
        CompletableFuture<Void> opened = CompletableFuture.runAsync(() -> page.open(dir.resolve("slow.html")));
        page.waitUntil("the script to await", Duration.ofSeconds(60), () -> "waiting".equals(out()));
        long start = System.nanoTime();
        CompletableFuture<Void> pulse = new CompletableFuture<>();
        Platform.runLater(() -> pulse.complete(null));
        pulse.get(1, TimeUnit.SECONDS);
        long pulseMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("waiting", out(), "the FX thread answered while the response was still on its way");
        assertTrue(pulseMillis < 1000, "FX pulse took " + pulseMillis + " ms");
        opened.get(30, TimeUnit.SECONDS);
        assertEquals("finally", out());
    }
}
