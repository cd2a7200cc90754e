package dev.pydesk.interpreter.page;

import java.util.Locale;
import java.util.Map;

/**
 * Content-Type by file extension for {@link PageServer}.
 *
 * <p>Why: WebKit refuses module scripts and stylesheets served with the wrong type, and PyScript
 * pages fetch {@code .toml}/{@code .py}/{@code .json} files by relative URL; text types are always
 * declared UTF-8 so the WebView never has to guess.
 */
final class MediaTypes {

    static final String DEFAULT = "application/octet-stream";
    static final String HTML = "text/html; charset=utf-8";

    private static final String UTF8 = "; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", HTML),
            Map.entry("htm", HTML),
            Map.entry("js", "text/javascript" + UTF8),
            Map.entry("mjs", "text/javascript" + UTF8),
            Map.entry("css", "text/css" + UTF8),
            Map.entry("json", "application/json" + UTF8),
            Map.entry("map", "application/json" + UTF8),
            Map.entry("toml", "application/toml" + UTF8),
            Map.entry("py", "text/x-python" + UTF8),
            Map.entry("txt", "text/plain" + UTF8),
            Map.entry("md", "text/markdown" + UTF8),
            Map.entry("csv", "text/csv" + UTF8),
            Map.entry("xml", "application/xml" + UTF8),
            Map.entry("svg", "image/svg+xml" + UTF8),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("whl", "application/zip"),
            Map.entry("zip", "application/zip"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"));

    private MediaTypes() {}

    /** The Content-Type for a file name, {@value #DEFAULT} if the extension is unknown. */
    static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return DEFAULT;
        }
        return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }

    /** True for the files that go through {@link HtmlRewriter}. */
    static boolean isHtml(String fileName) {
        return HTML.equals(of(fileName));
    }
}
