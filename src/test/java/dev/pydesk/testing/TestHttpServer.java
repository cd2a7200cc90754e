package dev.pydesk.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 for tests: {@code /json}, {@code /text}, {@code /binary} (bytes 0..255),
 * {@code /slow} (answers after 2 s), {@code /fail} (500), {@code /echo} (method, a header and the body back).
 */
public final class TestHttpServer implements AutoCloseable {
    private final HttpServer server;

    private TestHttpServer(HttpServer server) {
        this.server = server;
    }

    public static TestHttpServer launch() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "test-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/json", exchange -> send(exchange, 200, "application/json", "{\"answer\": 42, \"list\": [1, \"two\"]}"));
        server.createContext("/text", exchange -> send(exchange, 200, "text/plain; charset=utf-8", "héllo"));
        server.createContext("/binary", exchange -> {
            byte[] bytes = new byte[256];
            for (int i = 0; i < 256; i++) bytes[i] = (byte) i;
            send(exchange, 200, "application/octet-stream", bytes);
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, "text/plain", "finally");
        });
        server.createContext("/fail", exchange -> send(exchange, 500, "text/plain", "broken"));
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String header = String.valueOf(exchange.getRequestHeaders().getFirst("X-Test"));
            send(exchange, 200, "text/plain", exchange.getRequestMethod() + " " + header + " " + body);
        });
        server.start();
        return new TestHttpServer(server);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*"); // page JavaScript may read it too
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
