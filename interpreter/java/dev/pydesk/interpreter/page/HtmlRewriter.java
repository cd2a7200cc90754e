package dev.pydesk.interpreter.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

/**
 * Rewrites a PyScript page's HTML before the WebView sees it.
 *
 * <p>Why: PyDesk runs the page's Python with GraalPy, driven by its own boot script, instead of
 * PyScript's JavaScript/WebAssembly runtime. If PyScript's loader ({@code core.js} /
 * {@code pyscript.js}) were left in the page, WebKit would fetch it from the CDN (or the local
 * copy) and every {@code <script type="py">} would run twice, once per runtime. So this class
 * <ol>
 *   <li>neutralises PyScript's loader tags (local files that are PyScript's loader by content are the page
 *       server's business: it serves {@link PyScriptLoader#STAND_IN} for them): a loader {@code <script>} keeps its element (page code
 *       that queries scripts still finds it) but its start tag becomes
 *       {@code <script type="pydesk/disabled" data-pydesk-src="...">}, which WebKit neither fetches
 *       nor runs; PyScript's stylesheet {@code <link>} becomes
 *       {@code <link rel="pydesk-disabled" data-pydesk-href="...">};</li>
 *   <li>points inline module scripts and import maps that import the loader from its CDN at PyDesk's stand-in
 *       module ({@link PyScriptLoader});</li>
 *   <li>injects PyDesk's own stylesheet and boot script ({@link #INJECTED_STYLESHEET},
 *       {@link #INJECTED_BOOT_SCRIPT}) as the very first children of {@code <head>}.</li>
 * </ol>
 *
 * <p>The document is parsed with jsoup only to <em>find</em> the tags (with source positions);
 * the edits are spliced into the original text, so everything else stays byte-for-byte identical
 * (no re-serialisation, no reformatting, no entity changes). {@link #rewrite} never throws: on
 * input jsoup cannot make sense of, the worst case is that it only injects.
 */
public final class HtmlRewriter {

    /** PyDesk's stylesheet tag, injected first in {@code <head>}. */
    public static final String INJECTED_STYLESHEET =
            "<link rel=\"stylesheet\" href=\"/__pydesk__/pydesk.css\">";

    /** PyDesk's boot script tag, injected right after {@link #INJECTED_STYLESHEET}. */
    public static final String INJECTED_BOOT_SCRIPT = "<script src=\"/__pydesk__/boot.js\"></script>";

    /** Exactly what is injected: {@link #INJECTED_STYLESHEET} then {@link #INJECTED_BOOT_SCRIPT}. */
    public static final String INJECTED = INJECTED_STYLESHEET + INJECTED_BOOT_SCRIPT;

    /** The {@code type} a neutralised loader script gets. */
    public static final String DISABLED_SCRIPT_TYPE = "pydesk/disabled";

    /** The {@code rel} a neutralised PyScript stylesheet (or preload) link gets. */
    public static final String DISABLED_LINK_REL = "pydesk-disabled";

    private static final char BOM = '\uFEFF';

    /** Attribute names we are willing to copy over verbatim into a rewritten start tag. */
    private static final Pattern SAFE_ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_:][-A-Za-z0-9_:.]*");

    /** Lexical fallback, used only when jsoup fails: comments / doctype / whitespace at the start. */
    private static final Pattern PROLOGUE =
            Pattern.compile("\\A(?:\\s|<!--.*?-->)*(?:<!doctype[^>]*>)?", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private HtmlRewriter() {}

    /**
     * Neutralises PyScript's loader tags and injects PyDesk's stylesheet and boot script.
     *
     * @param html a whole HTML document (may be malformed or empty; {@code null} is treated as empty)
     * @return the rewritten document; apart from the spliced tags identical to the input
     */
    public static String rewrite(String html) {
        if (html == null) {
            html = "";
        }
        if (!html.isEmpty() && html.charAt(0) == BOM) {
            // jsoup reads a leading BOM as text, which would hide the doctype and <head>.
            return BOM + rewrite(html.substring(1));
        }
        List<Edit> edits;
        try {
            edits = planEdits(html);
        } catch (RuntimeException | StackOverflowError e) {
            int at = fallbackInjectionPoint(html);
            edits = List.of(new Edit(at, at, INJECTED));
        }
        return apply(html, edits);
    }

    /** True if {@code url} (a script {@code src}) is PyScript's loader. */
    static boolean isPyScriptLoader(String url) {
        String path = pathOf(url.trim().toLowerCase(Locale.ROOT));
        return path.contains("pyscript")
                && (path.endsWith("core.js") || path.endsWith("pyscript.js") || path.endsWith("pyscript.min.js"));
    }

    /** True if {@code url} (a link {@code href}) is PyScript's stylesheet. */
    static boolean isPyScriptStylesheet(String url) {
        String path = pathOf(url.trim().toLowerCase(Locale.ROOT));
        return path.contains("pyscript") && (path.endsWith("core.css") || path.endsWith("pyscript.css"));
    }

    /** Escapes a value for a double-quoted attribute. */
    static String escapeAttribute(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '<' -> sb.append("&lt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------

    private record Edit(int start, int end, String replacement) {}

    private static List<Edit> planEdits(String html) {
        Document doc = Parser.htmlParser().setTrackPosition(true).parseInput(html, "");
        List<Edit> edits = new ArrayList<>();
        int at = injectionPoint(html, doc);
        edits.add(new Edit(at, at, INJECTED));

        for (Element script : doc.getElementsByTag("script")) {
            if (!script.hasAttr("src") || !isPyScriptLoader(script.attr("src"))) {
                continue;
            }
            String tag = "<script type=\"" + DISABLED_SCRIPT_TYPE + "\" data-pydesk-src=\""
                    + escapeAttribute(script.attr("src")) + "\"" + otherAttributes(script, "type", "src") + ">";
            addStartTagEdit(html, script, tag, edits);
        }
        for (Element script : doc.getElementsByTag("script")) {
            String type = script.attr("type").trim().toLowerCase(Locale.ROOT);
            if (!script.hasAttr("src") && (type.equals("module") || type.equals("importmap"))) {
                addInlineEdit(html, script, edits);
            }
        }
        for (Element link : doc.getElementsByTag("link")) {
            if (!link.hasAttr("href")) {
                continue;
            }
            String href = link.attr("href");
            boolean stylesheet = hasRel(link, "stylesheet") && isPyScriptStylesheet(href);
            // A (module)preload of the loader would still fetch it, so it goes too.
            boolean preload = (hasRel(link, "modulepreload") || hasRel(link, "preload")) && isPyScriptLoader(href);
            if (!stylesheet && !preload) {
                continue;
            }
            String tag = "<link rel=\"" + DISABLED_LINK_REL + "\" data-pydesk-href=\"" + escapeAttribute(href) + "\""
                    + otherAttributes(link, "rel", "href") + ">";
            addStartTagEdit(html, link, tag, edits);
        }
        return edits;
    }

    /** Offset right after {@code <head ...>}, else after {@code <html ...>}, else after the doctype, else 0. */
    private static int injectionPoint(String html, Document doc) {
        Element head = doc.head();
        if (isExplicitStartTag(html, head)) {
            return head.sourceRange().endPos();
        }
        Element root = doc.firstElementChild();
        if (root != null && root.nameIs("html") && isExplicitStartTag(html, root)) {
            return root.sourceRange().endPos();
        }
        DocumentType doctype = doc.documentType();
        if (doctype != null) {
            Range range = doctype.sourceRange();
            if (range.isTracked() && range.endPos() <= html.length()
                    && html.regionMatches(true, range.startPos(), "<!doctype", 0, 9)
                    && html.charAt(range.endPos() - 1) == '>') {
                return range.endPos();
            }
        }
        return fallbackInjectionPoint(html);
    }

    private static int fallbackInjectionPoint(String html) {
        var m = PROLOGUE.matcher(html);
        if (m.find() && m.group().toLowerCase(Locale.ROOT).contains("<!doctype")) {
            return m.end();
        }
        return 0;
    }

    private static boolean hasRel(Element link, String token) {
        for (String t : link.attr("rel").trim().split("\\s+")) {
            if (t.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** The element's other attributes, re-serialised (harmless on a tag that neither fetches nor runs). */
    private static String otherAttributes(Element element, String... replaced) {
        StringBuilder sb = new StringBuilder();
        outer:
        for (Attribute a : element.attributes()) {
            String key = a.getKey();
            for (String r : replaced) {
                if (key.equalsIgnoreCase(r)) {
                    continue outer;
                }
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("data-pydesk-") || !SAFE_ATTRIBUTE_NAME.matcher(key).matches()) {
                continue;
            }
            sb.append(' ').append(key);
            String value = a.getValue();
            if (value != null && !value.isEmpty()) {
                sb.append("=\"").append(escapeAttribute(value)).append('"');
            }
        }
        return sb.toString();
    }

    /** Replaces the element's start tag, after checking the tracked range really covers it. */
    private static void addStartTagEdit(String html, Element element, String replacement, List<Edit> edits) {
        if (isExplicitStartTag(html, element)) {
            Range range = element.sourceRange();
            edits.add(new Edit(range.startPos(), range.endPos(), replacement));
        }
    }

    /**
     * An inline module script or import map that imports PyScript's loader from its CDN imports PyDesk's stand-in
     * instead ({@link PyScriptLoader#redirectImports}): its code is spliced between the tags it came with.
     */
    private static void addInlineEdit(String html, Element script, List<Edit> edits) {
        Range end = script.endSourceRange();
        if (!isExplicitStartTag(html, script) || !end.isTracked() || end.isImplicit() || end.endPos() > html.length()) {
            return;
        }
        // the end range's start is not reliable for script data: find the end tag from the range's end
        int from = script.sourceRange().endPos();
        int to = html.lastIndexOf("</", end.endPos() - 1);
        if (to < from || !html.regionMatches(true, to, "</script", 0, 8)) return;
        String code = html.substring(from, to);
        String redirected = PyScriptLoader.redirectImports(code);
        if (!redirected.equals(code)) edits.add(new Edit(from, to, redirected));
    }

    private static boolean isExplicitStartTag(String html, Element element) {
        Range range = element.sourceRange();
        if (!range.isTracked() || range.isImplicit()) {
            return false;
        }
        int start = range.startPos();
        int end = range.endPos();
        String name = element.tagName();
        return start >= 0 && end <= html.length() && end - start >= name.length() + 2
                && html.charAt(start) == '<'
                && html.regionMatches(true, start + 1, name, 0, name.length())
                && html.charAt(end - 1) == '>';
    }

    private static String apply(String html, List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        // Insertions (empty range) sort before a replacement starting at the same offset.
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        StringBuilder out = new StringBuilder(html.length() + 256);
        int cursor = 0;
        for (Edit e : sorted) {
            if (e.start() < cursor) {
                continue; // overlapping (should not happen with well-formed ranges): skip it
            }
            out.append(html, cursor, e.start()).append(e.replacement());
            cursor = e.end();
        }
        return out.append(html, cursor, html.length()).toString();
    }

    /** The URL (host and path) without query and fragment. */
    private static String pathOf(String url) {
        int cut = url.length();
        int q = url.indexOf('?');
        if (q >= 0) {
            cut = q;
        }
        int h = url.indexOf('#');
        if (h >= 0 && h < cut) {
            cut = h;
        }
        return url.substring(0, cut);
    }
}
