package dev.pydesk.bridge;

import dev.pydesk.bridge.events.NetworkEvent;
import dev.pydesk.bridge.events.PageEvent;
import dev.pydesk.bridge.events.PageEvents;
import java.util.function.Consumer;

/**
 * The network log of a page's {@link PageEvents} ({@link PageEvent.NetworkEntry}): the inspector's Network tab.
 * A view over the page's one stream. Thread-safe: producers are any thread.
 */
public final class NetworkBus {
    private final PageEvents events;

    public NetworkBus(PageEvents events) {
        this.events = events;
    }

    public Runnable subscribe(Consumer<NetworkEvent> listener) {
        return events.subscribe(PageEvent.NetworkEntry.class, entry -> listener.accept(entry.entry()));
    }

    public void publish(NetworkEvent event) {
        events.publish(new PageEvent.NetworkEntry(event));
    }
}
