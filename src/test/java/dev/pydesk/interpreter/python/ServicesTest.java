package dev.pydesk.interpreter.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.TestHttpServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What {@link Services} owns ends when it closes: every thread it started, its HTTP client. */
class ServicesTest {
    private static Thread on(java.util.concurrent.ExecutorService executor) throws Exception {
        return executor.submit((Callable<Thread>) Thread::currentThread).get(30, TimeUnit.SECONDS);
    }

    @Test
    void closingEndsEveryThreadItStartedAndItsHttpClient() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Services services = new Services();
        List<Thread> used = new ArrayList<>();
        used.add(services.timers().schedule((Callable<Thread>) Thread::currentThread, 1, TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS));
        used.add(on(services.watchdogs()));
        used.add(on(services.io()));
        used.add(on(services.storage()));
        used.add(on(services.pageServerThreads()));
        services.python(); // starts building the engine on the runtime's builder thread
        try (TestHttpServer server = TestHttpServer.launch()) {
            // the client asks for the body's handler on one of its own threads
            CompletableFuture<Thread> handler = new CompletableFuture<>();
            services.http().sendAsync(HttpRequest.newBuilder(URI.create(server.url("/text"))).build(), info -> {
                handler.complete(Thread.currentThread());
                return HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
            }).get(30, TimeUnit.SECONDS);
            used.add(handler.get(30, TimeUnit.SECONDS));
        }
        // the builder and the HTTP client's selector thread are not reachable by a task: found by name
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .filter(thread -> thread.getName().equals("pydesk-python-builder")
                        || thread.getName().matches("HttpClient-\\d+-SelectorManager"))
                .toList();
        assertEquals(2, started.size(), started.toString());
        used.addAll(started);
        for (Thread thread : used) {
            assertTrue(thread.getName().startsWith("pydesk-") || thread.getName().startsWith("HttpClient-"),
                    thread.getName());
            assertTrue(thread.isDaemon(), thread.getName() + " must not keep the process alive");
        }

        services.close();
        for (Thread thread : used) {
            thread.join(60_000); // close() waited already; a context build in progress may take a moment longer
            assertFalse(thread.isAlive(), thread.getName() + " still runs after close()");
        }
        assertTrue(services.http().isTerminated(), "the HTTP client is shut down");
    }
}
