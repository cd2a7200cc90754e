package dev.pydesk.interpreter.python;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.EchoWebSocketServer;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.TestHttpServer;
import java.net.CookieHandler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's fetch, Python's WebSocket and page JavaScript's WebSocket all go through the one HTTP client of
 * {@link Services}: a cookie handler given to that client (which the client asks before every request it sends,
 * a WebSocket's opening handshake included) sees all three.
 */
class OneHttpClientTest {
    @TempDir
    Path dir;

    @Test
    void fetchAndTheWebSocketsOfPythonAndPageJavaScriptShareTheClient() throws Exception {
        List<URI> asked = new CopyOnWriteArrayList<>();
        CookieHandler recording = new CookieHandler() {
            @Override
            public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
                asked.add(uri);
                return Map.of();
            }

            @Override
            public void put(URI uri, Map<String, List<String>> headers) {}
        };
        try (Services services = Services.withHttp(http -> http.cookieHandler(recording));
             TestHttpServer http = TestHttpServer.launch();
             EchoWebSocketServer sockets = EchoWebSocketServer.launch();
             PageHarness page = new PageHarness(Duration.ofSeconds(30), services)) {
            page.open(dir, "shared.html", """
                    <pre id="log"></pre>
                    <script>
                    const socket = new WebSocket("%1$s?from=js");
                    socket.onopen = () => { document.getElementById("log").textContent += "js open|"; };
                    </script>
                    <script type="py">
                    from pyscript import fetch, WebSocket, document
                    log = document.getElementById("log")
                    log.textContent += "fetched " + await fetch("%2$s").text() + "|"
                    def opened(event):
                        log.textContent += "py open|"
                    ws = WebSocket(url="%1$s?from=py", onopen=opened)
                    </script>""".formatted(sockets.url(), http.url("/text")));
            page.waitUntil("both sockets open", Duration.ofSeconds(30), () -> {
                String log = page.text("#log");
                return log.contains("js open") && log.contains("py open");
            });
            assertTrue(page.text("#log").contains("fetched héllo"), page.consoleText());
            List<String> seen = asked.stream().map(URI::toString).toList();
            assertTrue(seen.contains(http.url("/text")), seen.toString());
            String socketBase = sockets.url().replaceFirst("^ws:", "http:");
            assertTrue(seen.contains(socketBase + "?from=js"), "page JavaScript's WebSocket: " + seen);
            assertTrue(seen.contains(socketBase + "?from=py"), "Python's WebSocket: " + seen);
        }
    }
}
