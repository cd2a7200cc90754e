package dev.pydesk.bridge.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one event stream of a page (one per WebView): everything in {@link PageEvent}. Delivery is synchronous, on
 * the publisher's thread, in subscription order; events one thread publishes arrive in the order it published them.
 * Subscribers are isolated: one that throws is reported once on stderr and skipped for that event, and neither the
 * publisher nor the other subscribers notice. Thread-safe: the FX thread, worker threads, the page server's and the
 * HTTP client's threads all publish. A subscriber that touches the UI hands the work to the FX thread itself.
 */
public final class PageEvents {
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    private static final class Subscriber {
        final Consumer<? super PageEvent> consumer;
        /** Reported once: a subscriber that fails on every event would drown the output. */
        final AtomicBoolean reported = new AtomicBoolean();

        Subscriber(Consumer<? super PageEvent> consumer) {
            this.consumer = consumer;
        }
    }

    /** Every event; the returned Runnable unsubscribes. */
    public Runnable subscribe(Consumer<? super PageEvent> subscriber) {
        Subscriber entry = new Subscriber(subscriber);
        subscribers.add(entry);
        return () -> subscribers.remove(entry);
    }

    /** Events of one kind ({@code PageEvent.Idle.class}); the returned Runnable unsubscribes. */
    public <E extends PageEvent> Runnable subscribe(Class<E> kind, Consumer<? super E> subscriber) {
        return subscribe(event -> {
            if (kind.isInstance(event)) subscriber.accept(kind.cast(event));
        });
    }

    public void publish(PageEvent event) {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.consumer.accept(event);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                if (subscriber.reported.compareAndSet(false, true)) {
                    System.err.println("pydesk: a page-event subscriber failed on " + event.getClass().getSimpleName()
                            + " (its later failures are not shown): " + e);
                }
            }
        }
    }
}
