package dev.pydesk.bridge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The bus alone: delivery in order on the publisher's thread, subscribers isolated, one report per failing one. */
class PageEventsBusTest {
    @Test
    void aSubscriberThatThrowsIsReportedOnceAndHarmsNobody() {
        PageEvents events = new PageEvents();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> third = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        events.subscribe(event -> {
            first.add(event.getClass().getSimpleName());
            threads.add(Thread.currentThread());
        });
        events.subscribe(event -> {
            throw new IllegalStateException("a broken subscriber");
        });
        events.subscribe(PageEvent.PageError.class, error -> third.add(error.message()));
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            events.publish(new PageEvent.Loading("http://127.0.0.1/p.html")); // would throw into the publisher
            events.publish(new PageEvent.PageError("js", "one"));
            events.publish(new PageEvent.PageError("py-0", "two"));
        } finally {
            System.setErr(stderr);
        }
        assertEquals(List.of("Loading", "PageError", "PageError"), first);
        assertEquals(List.of("one", "two"), third);
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread(), Thread.currentThread()), threads);
        String report = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, report.lines().filter(line -> line.contains("a page-event subscriber failed")).count(), report);
    }

    @Test
    void unsubscribingStopsDelivery() {
        PageEvents events = new PageEvents();
        List<PageEvent> seen = new CopyOnWriteArrayList<>();
        Runnable off = events.subscribe(seen::add);
        events.publish(new PageEvent.Idle());
        off.run();
        events.publish(new PageEvent.Idle());
        assertEquals(1, seen.size());
    }
}
