package dev.pydesk.bridge.events;

import java.time.Instant;

/**
 * One entry of the page's network log: a resource the page server sent ({@code page}), a {@code fetch} from Python,
 * or a WebSocket's open/message/close ({@code websocket}). {@code status} is the HTTP status (0: none, e.g. a
 * refused connection or a WebSocket frame); {@code size} in bytes; {@code millis} from request to answer.
 */
public record NetworkEvent(Instant time, String kind, String method, String url, int status, long size, long millis,
                           String detail) {
    public static NetworkEvent of(String kind, String method, String url, int status, long size, long millis,
                                  String detail) {
        return new NetworkEvent(Instant.now(), kind, method, url, status, size, millis, detail);
    }
}
