package dev.pydesk.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PageTest}'s life cycle: one harness and one set of servers for the class, the same in static fields,
 * instance fields and parameters; a fresh test instance per test; the console cleared between tests.
 */
@PageTest(http = true, webSocket = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageHarnessExtensionTest {
    static PageHarness shared;
    static PageHarness seenInBeforeAll;
    static PageHarness seenByFirstTest;
    static PageHarnessExtensionTest firstInstance;
    PageHarness page;
    TestHttpServer http;
    EchoWebSocketServer webSocket;
    @TempDir
    Path dir;

    @BeforeAll
    static void before(PageHarness page) {
        seenInBeforeAll = page;
    }

    @Test
    @Order(1)
    void oneHarnessAndItsServersReachFieldsAndParameters(PageHarness parameter, TestHttpServer server)
            throws Exception {
        assertNotNull(shared);
        assertSame(shared, seenInBeforeAll);
        assertSame(shared, page);
        assertSame(shared, parameter);
        assertSame(http, server);
        assertNotNull(webSocket);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(http.url("/fail"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(500, answer.statusCode());
        }
        page.open(dir, "console.html", "<!doctype html><html><body><script>console.log('from the first test')"
                + "</script></body></html>");
        page.waitUntil("the page's console line", java.time.Duration.ofSeconds(30),
                () -> page.consoleFrom("js").contains("from the first test"));
        seenByFirstTest = page;
        firstInstance = this;
    }

    @Test
    @Order(2)
    void theNextTestHasTheSameHarnessWithAClearedConsoleInAFreshInstance() {
        assertSame(seenByFirstTest, page, "one harness per class");
        assertNotSame(firstInstance, this, "one test instance per test");
        assertEquals(List.of(), page.console(), "the console of the test before is cleared");
        assertEquals("console.html", String.valueOf(page.js("location.pathname.split('/').pop()")),
                "the page of the test before is still open: the WebView is the class's");
    }
}
