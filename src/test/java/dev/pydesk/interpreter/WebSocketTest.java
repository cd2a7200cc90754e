package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.EchoWebSocketServer;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pyscript.WebSocket and page JavaScript's WebSocket against a real echo server on 127.0.0.1. */
@PageTest(webSocket = true)
class WebSocketTest {
    static PageHarness page;
    static EchoWebSocketServer server;
    @TempDir
    Path dir;

    private String log() {
        return String.valueOf(page.js("document.getElementById('log').textContent"));
    }

    @BothInterpreters
    void pythonWebSocketTextBinaryAndServerClose(String type) throws Exception {
        page.open(dir, "ws.html", """
                <pre id="log"></pre>
                <script type="%s">
                from pyscript import WebSocket, document
                log = document.getElementById("log")
                def say(text):
                    log.textContent += text + "|"
                async def onopen(event):
                    say(f"open {ws.readyState} {WebSocket.OPEN}")
                    ws.send("hi")
                    ws.send(b"\\x00\\x01\\xff")
                def onmessage(event):
                    data = event.data
                    if isinstance(data, memoryview):
                        say("binary " + data.tobytes().hex())
                        ws.send("close-me")
                    else:
                        say("text " + data)
                def onclose(event):
                    say(f"close {event.code} {event.reason} {ws.readyState}")
                ws = WebSocket(url="%s", onopen=onopen, onclose=onclose)
                ws.onmessage = onmessage
                say(f"created {ws.readyState} {ws.url}")
                </script>""".formatted(type, server.url()));
        page.waitUntil("the server closed", Duration.ofSeconds(20), () -> log().contains("close "));
        assertEquals("created 0 " + server.url() + "|open 1 1|text hi|binary 0001ff|close 4001 bye 3|", log(),
                page.consoleText());
        assertTrue(page.errors().isEmpty(), page.consoleText());
    }

    @Test
    void refusedConnectionCallsOnerrorThenOnclose() throws Exception {
        page.open(dir, "refused.html", """
                <pre id="log"></pre>
                <script type="py">
                from pyscript import WebSocket, document
                log = document.getElementById("log")
                def onerror(event):
                    log.textContent += "error|"
                def onclose(event):
                    log.textContent += f"close {event.code} {event.wasClean}|"
                ws = WebSocket(url="ws://127.0.0.1:1/", onerror=onerror, onclose=onclose)
                </script>""");
        page.waitUntil("the close event", Duration.ofSeconds(20), () -> log().contains("close"));
        assertEquals("error|close 1006 False|", log());
    }

    @Test
    void pageJavaScriptWebSocketWorks() throws Exception {
        page.open(dir, "js.html", """
                <pre id="log"></pre>
                <script>
                const log = (t) => document.getElementById("log").textContent += t + "|";
                const ws = new WebSocket("%s");
                ws.binaryType = "arraybuffer";
                ws.onopen = () => { log("open " + ws.readyState); ws.send("greet"); };
                let count = 0;
                ws.addEventListener("message", (e) => {
                  if (typeof e.data === "string") {
                    log("text " + e.data);
                    if (++count === 2) ws.send(new Uint8Array([7, 8]));
                  } else {
                    log("binary " + Array.from(new Uint8Array(e.data)).join(","));
                    ws.close(1000, "done");
                  }
                });
                ws.onclose = (e) => log("close " + e.code + " " + ws.readyState);
                </script>""".formatted(server.url()));
        page.waitUntil("the client closed", Duration.ofSeconds(20), () -> log().contains("close"));
        assertEquals("open 1|text hello|text world|binary 7,8|close 1000 3|", log(), page.consoleText());
        assertEquals(true, page.js("WebSocket.OPEN === 1 && new URL(location.href).protocol === 'http:'"));
    }

    @Test
    void invalidCloseCodeIsAClearError() throws Exception {
        page.open(dir, "code.html", """
                <pre id="log"></pre>
                <script type="py">
                from pyscript import WebSocket, document
                ws = WebSocket(url="%s")
                try:
                    ws.close(code=0)
                except ValueError as e:
                    document.getElementById("log").textContent = str(e)
                </script>""".formatted(server.url()));
        assertTrue(log().contains("1000 or between 3000 and 4999"), log());
    }
}
