package dev.pydesk.interpreter.config;

/**
 * One {@code <py-config>} / {@code <mpy-config>} element as found in the page.
 *
 * @param src  its {@code src} attribute, or {@code null} when absent
 * @param type its {@code type} attribute ({@code "json"} or {@code "toml"} force the format), or {@code null}
 * @param text its text content (may be {@code null}, treated as empty)
 */
public record ConfigElement(String src, String type, String text) {

    /**
     * What PyScript reads from the element: {@code getAttribute("src") || textContent},
     * so an empty {@code src} falls back to the text.
     */
    String value() {
        if (src != null && !src.isEmpty()) return src;
        return text == null ? "" : text;
    }
}
