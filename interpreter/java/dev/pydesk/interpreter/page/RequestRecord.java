package dev.pydesk.interpreter.page;

/**
 * One request answered by a {@link PageServer}, as reported to {@link PageServer#onRequest} listeners.
 *
 * <p>Why: the inspector's network tab shows what the page loaded (and what failed) without
 * having to hook WebKit; the server is the one place that sees every page-relative request.
 *
 * @param method         HTTP method as received ({@code GET}, {@code HEAD}, ...)
 * @param path           the request target as received: raw (still percent-encoded) path, plus
 *                       {@code ?query} if there was one
 * @param status         HTTP status code sent
 * @param bytes          number of body bytes sent (0 for {@code HEAD} and bodiless answers)
 * @param durationMillis time from receiving the request to finishing the response
 * @param destination    the request's {@code Sec-Fetch-Dest} ({@code document}, {@code script}, {@code image}, ...;
 *                       {@code empty} for page JavaScript's fetch/XHR), or "" when the client sent none
 */
public record RequestRecord(String method, String path, int status, long bytes, long durationMillis,
                            String destination) {
    /** A request made by page JavaScript's fetch or XMLHttpRequest (WebKit marks them {@code Sec-Fetch-Dest: empty}). */
    public boolean fromScript() {
        return "empty".equals(destination);
    }
}
