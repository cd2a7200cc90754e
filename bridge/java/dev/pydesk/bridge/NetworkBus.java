package dev.pydesk.bridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The page's network log as a stream (the inspector's Network tab). Thread-safe: producers are any thread. */
public final class NetworkBus {
    private final List<Consumer<NetworkEvent>> listeners = new CopyOnWriteArrayList<>();

    public Runnable subscribe(Consumer<NetworkEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(NetworkEvent event) {
        for (Consumer<NetworkEvent> listener : listeners) listener.accept(event);
    }
}
