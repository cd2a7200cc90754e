package dev.pydesk.interpreter.session;

import netscape.javascript.JSObject;

/**
 * One PyScript script element of the page, read once from the DOM: {@code <script type="py|mpy">} or
 * {@code <py-script>}/{@code <mpy-script>}. FX thread only (it holds the element); its data fields ({@code id} is
 * the element's own id attribute, null without one) are plain values that {@link ScriptPlan} reads anywhere.
 */
record ScriptTag(JSObject element, String type, boolean isScriptElement, boolean worker, String src, String text,
                 String target, String config, boolean markup, String id) {

    static ScriptTag read(JSObject element) {
        String tag = String.valueOf(element.getMember("tagName")).toLowerCase(java.util.Locale.ROOT);
        boolean isScript = tag.equals("script");
        String type = isScript ? attribute(element, "type").toLowerCase(java.util.Locale.ROOT) : tag.replace("-script", "");
        // A <py-script> whose code the HTML parser turned into elements runs its markup as written (PyScript does
        // the same, with a deprecation warning): display("<b>x</b>") must not lose its tags.
        boolean markup = !isScript && ((Number) element.getMember("childElementCount")).intValue() > 0;
        String text = markup ? unescape(String.valueOf(element.getMember("innerHTML")))
                : String.valueOf(element.getMember("textContent"));
        return new ScriptTag(element, type, isScript, hasAttribute(element, "worker"),
                hasAttribute(element, "src") ? attribute(element, "src") : null, text,
                hasAttribute(element, "target") ? attribute(element, "target") : null,
                hasAttribute(element, "config") ? attribute(element, "config") : null, markup,
                hasAttribute(element, "id") ? attribute(element, "id") : null);
    }

    /** PyScript's {@code async="false"} (also "0" or "no"): the script may not use top-level await. */
    boolean synchronous() {
        return hasAttribute(element, "async") && attribute(element, "async").strip().toLowerCase(java.util.Locale.ROOT)
                .matches("false|0|no");
    }

    /** True when the text has code in it, not just blank lines and comments (PyScript's test for src + content). */
    boolean hasInlineCode() {
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#")) return true;
        }
        return false;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&#60;", "<").replace("&gt;", ">").replace("&#62;", ">")
                .replace("&quot;", "\"").replace("&#34;", "\"").replace("&apos;", "'").replace("&#39;", "'")
                .replace("&amp;", "&").replace("&#38;", "&");
    }

    static boolean hasAttribute(JSObject element, String name) {
        return Boolean.TRUE.equals(element.call("hasAttribute", name));
    }

    static String attribute(JSObject element, String name) {
        Object value = element.call("getAttribute", name);
        return value == null ? "" : String.valueOf(value);
    }

    /** The element's start tag, for error messages ({@code <script type="py" src="x.py">}). */
    String describe() {
        String html = String.valueOf(((JSObject) element.call("cloneNode", false)).getMember("outerHTML"));
        int end = html.indexOf('>');
        return end > 0 ? html.substring(0, end + 1) : html;
    }
}
