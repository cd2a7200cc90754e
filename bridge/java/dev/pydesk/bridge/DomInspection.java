package dev.pydesk.bridge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import netscape.javascript.JSException;
import netscape.javascript.JSObject;

/**
 * The inspector's Elements tab's view of one document, in plain values: nodes named by numbers, their attributes,
 * styles and boxes, the changes a MutationObserver noted, CSS selector search, the selected node ({@code $0}).
 * Its JavaScript ({@code dom-inspection.js}) is installed in the page the first time the tab asks, through the boot
 * helpers, and only Java holds it. The observer runs only while {@link #watch watched}; it tells Java once per batch
 * of changes ({@link #hasChanges()}) and the tab asks for them on its next frame. FX thread only.
 */
public final class DomInspection {
    /** One node of the tree: type is the DOM nodeType (1 element, 3 text, 8 comment, 10 doctype). */
    public record Node(int id, int type, String name, List<Attribute> attributes, String text, int children,
                       String made) {
        public boolean isElement() {
            return type == 1;
        }
    }

    public record Attribute(String name, String value) {}

    /** The children the tree shows (at most a thousand; {@code more} says how many were left out). */
    public record Children(List<Node> nodes, int more) {}

    /** A CSS selector's matches: how many, and the ids from the root element down to the one asked for. */
    public record Match(int count, List<Integer> path, String error) {}

    /** The border box in CSS pixels of the viewport, and the widths around it (top, right, bottom, left). */
    public record Box(double x, double y, double width, double height, List<Double> margin, List<Double> border,
                      List<Double> padding) {}

    /** What the details pane shows of the selected node. */
    public record Details(Node node, List<Attribute> attributes, List<Attribute> inline, List<Attribute> computed,
                          Box box) {}

    /** What the REPL shows for JavaScript input. */
    public record Answer(boolean ok, String text) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final CollectionType NODES = JSON.getTypeFactory().constructCollectionType(List.class, Node.class);
    private static String source;

    private final JsRealm realm;
    private JSObject api;
    private boolean changed;
    private boolean watching;
    private boolean closed;

    DomInspection(JsRealm realm) {
        this.realm = realm;
    }

    private static synchronized String source() {
        if (source == null) {
            try (InputStream in = DomInspection.class.getResourceAsStream("dom-inspection.js")) {
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }

    private Object call(String name, Object... args) {
        if (closed) throw new IllegalStateException("the page is gone");
        if (api == null) api = (JSObject) realm.helper("installInspector", source());
        return api.call(name, args);
    }

    private <T> T read(Object json, Class<T> type) {
        if (!(json instanceof String text)) return null;
        try {
            return JSON.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("the Elements tab could not read the page's answer: " + e.getMessage(), e);
        }
    }

    /** False once the page has gone away (its realm closed): a new document has an inspection of its own. */
    public boolean isOpen() {
        return !closed;
    }

    /** Starts or stops the MutationObserver (the tab is shown, or hidden). */
    public void watch(boolean on) {
        if (closed || on == watching) return;
        watching = Boolean.TRUE.equals(call("watch", on));
        changed = false;
    }

    public boolean watching() {
        return watching;
    }

    /** The document's own children: the doctype, {@code <html>}, comments. */
    public List<Node> roots() {
        try {
            return JSON.readValue((String) call("roots"), NODES);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Children children(int id) {
        Children children = read(call("children", id), Children.class);
        return children == null ? new Children(List.of(), 0) : children;
    }

    /** True when the observer saw a change since {@link #changes()} was last asked. */
    public boolean hasChanges() {
        return changed && !closed;
    }

    /** The nodes (known to the tree) whose attributes, children or text changed, as they are now. */
    public List<Node> changes() {
        changed = false;
        try {
            return JSON.readValue((String) call("changes"), NODES);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code index}-th match (wrapping around) of a CSS selector; an invalid selector gives an error. */
    public Match find(String selector, int index) {
        return read(call("find", selector, index), Match.class);
    }

    /** Where the node is now, or empty when it is not in the document (or has no box: a comment). */
    public Optional<Box> box(int id) {
        return Optional.ofNullable(read(call("box", id), Box.class));
    }

    public Optional<Details> details(int id) {
        return Optional.ofNullable(read(call("details", id), Details.class));
    }

    /** Makes the node {@code $0} of the REPL. */
    public void select(int id) {
        call("select", id);
    }

    /** {@code $0} for Python: an opaque handle on the selected node (see {@link JsAccess#wrap}), or null. */
    public JsRef selection() {
        if (closed || api == null) return null;
        return call("selected") instanceof JSObject node ? new JsRef(node) : null;
    }

    /**
     * Runs the REPL's JavaScript in the page as a script of its own (so {@code let} and {@code const} last, as in
     * DevTools), with {@code $0} defined while it runs.
     */
    public Answer evaluate(String code) {
        boolean expose = !closed;
        if (expose) call("expose", true);
        try {
            Object value = realm.engine().executeScript(code);
            if (value == null) return new Answer(true, "null");
            if (value instanceof JSObject object) return new Answer(true, String.valueOf(call("describe", object)));
            String text = String.valueOf(value);
            return new Answer(true, "undefined".equals(text) ? "" : text);
        } catch (JSException e) {
            return new Answer(false, JsRealm.describe(e));
        } finally {
            if (expose) call("expose", false);
        }
    }

    void changed() {
        changed = true;
    }

    /** The page went away: the observer is disconnected (when the document is still there to ask). */
    void close() {
        if (closed) return;
        if (watching && api != null && FxThread.isCurrent()) {
            try {
                api.call("watch", false);
            } catch (RuntimeException documentGone) {
                // nothing left to disconnect
            }
        }
        watching = false;
        closed = true;
    }
}
