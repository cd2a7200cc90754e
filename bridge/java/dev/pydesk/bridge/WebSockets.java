package dev.pydesk.bridge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket connections on {@link java.net.http.WebSocket}, for {@code pyscript.WebSocket} and for page JavaScript
 * (WebView's own WebSocket is broken in the Maven builds of JavaFX). Events are handed to a {@link Listener} on the
 * owner's thread (the FX thread, or a worker's) in order. Binary data travels as latin-1 strings (a char a byte).
 */
public final class WebSockets implements AutoCloseable {
    public static final int CONNECTING = 0;
    public static final int OPEN = 1;
    public static final int CLOSING = 2;
    public static final int CLOSED = 3;


    /** Receives a connection's events on the owner's thread. */
    public interface Listener {
        void onOpen(String protocol, String extensions);

        void onMessage(String data, boolean binary);

        void onError(String message);

        void onClose(int code, String reason, boolean wasClean);
    }

    private final Executor owner;
    private final HttpClient http;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, Connection> connections = new ConcurrentHashMap<>();

    /** @param http the process's one HTTP client (fetch's too) */
    public WebSockets(Executor owner, HttpClient http) {
        this.owner = owner;
        this.http = http;
    }

    private final class Connection implements WebSocket.Listener {
        final int id;
        final Listener listener;
        volatile WebSocket socket;
        volatile int state = CONNECTING;
        final AtomicLong buffered = new AtomicLong();
        CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        Connection(int id, Listener listener) {
            this.id = id;
            this.listener = listener;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            state = OPEN;
            String protocol = webSocket.getSubprotocol();
            owner.execute(() -> listener.onOpen(protocol == null ? "" : protocol, ""));
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                owner.execute(() -> listener.onMessage(message, false));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                String message = new String(binary.toByteArray(), StandardCharsets.ISO_8859_1);
                binary.reset();
                owner.execute(() -> listener.onMessage(message, true));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            finish(statusCode, reason, true);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            String message = error.getMessage() == null ? error.toString() : error.getMessage();
            owner.execute(() -> listener.onError(message));
            finish(1006, "", false);
        }

        void finish(int code, String reason, boolean clean) {
            if (state == CLOSED) return;
            state = CLOSED;
            connections.remove(id);
            owner.execute(() -> listener.onClose(code, reason == null ? "" : reason, clean));
        }
    }

    /** Opens a connection; events arrive on the owner's thread. Returns its id. */
    public int open(String url, List<String> protocols, Listener listener) {
        int id = ids.incrementAndGet();
        Connection connection = new Connection(id, listener);
        connections.put(id, connection);
        URI uri;
        try {
            uri = URI.create(url);
            String scheme = String.valueOf(uri.getScheme());
            if (!scheme.equals("ws") && !scheme.equals("wss")) throw new IllegalArgumentException("not a ws: or wss: URL");
        } catch (IllegalArgumentException e) {
            owner.execute(() -> listener.onError("WebSocket: " + url + " is not a valid ws: or wss: URL"));
            connection.finish(1006, "", false);
            return id;
        }
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(15));
        if (!protocols.isEmpty()) {
            builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
        }
        builder.buildAsync(uri, connection).exceptionally(error -> {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            String message = "WebSocket connection to " + url + " failed: " + cause.getMessage();
            owner.execute(() -> listener.onError(message));
            connection.finish(1006, "", false);
            return null;
        });
        return id;
    }

    public int readyState(int id) {
        Connection connection = connections.get(id);
        return connection == null ? CLOSED : connection.state;
    }

    public long bufferedAmount(int id) {
        Connection connection = connections.get(id);
        return connection == null ? 0 : connection.buffered.get();
    }

    /** Sends text, or bytes given as a latin-1 string; returns false when the connection is not open. */
    public boolean send(int id, String data, boolean binary) {
        Connection connection = connections.get(id);
        if (connection == null || connection.state != OPEN) return false;
        long size = binary ? data.length() : data.getBytes(StandardCharsets.UTF_8).length;
        connection.buffered.addAndGet(size);
        synchronized (connection) {
            connection.sending = connection.sending.thenCompose(ignored -> binary
                    ? connection.socket.sendBinary(ByteBuffer.wrap(data.getBytes(StandardCharsets.ISO_8859_1)), true)
                    : connection.socket.sendText(data, true))
                    .whenComplete((socket, error) -> connection.buffered.addAndGet(-size));
        }
        return true;
    }

    public void close(int id, int code, String reason) {
        Connection connection = connections.get(id);
        if (connection == null || connection.state >= CLOSING) return;
        if (connection.state == CONNECTING || connection.socket == null) {
            connection.finish(code, reason, false);
            return;
        }
        connection.state = CLOSING;
        synchronized (connection) {
            connection.sending = connection.sending.thenCompose(ignored ->
                    connection.socket.sendClose(code, reason == null ? "" : reason));
        }
    }

    @Override
    public void close() {
        for (Connection connection : connections.values()) {
            if (connection.socket != null) connection.socket.abort();
            connection.state = CLOSED;
        }
        connections.clear();
    }
}
