package dev.pydesk.testing;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A real WebSocket server on 127.0.0.1 for tests: echoes text and binary frames; the text "close-me" makes the
 * server close the connection (code 4001, reason "bye"); "greet" answers "hello" then "world".
 */
public final class EchoWebSocketServer extends WebSocketServer implements AutoCloseable {
    private final CountDownLatch started = new CountDownLatch(1);

    private EchoWebSocketServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    public static EchoWebSocketServer launch() throws InterruptedException {
        EchoWebSocketServer server = new EchoWebSocketServer();
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("server did not start");
        return server;
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/";
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {}

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onMessage(WebSocket conn, String message) {
        switch (message) {
            case "close-me" -> conn.close(4001, "bye");
            case "greet" -> {
                conn.send("hello");
                conn.send("world");
            }
            default -> conn.send(message);
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        conn.send(message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
