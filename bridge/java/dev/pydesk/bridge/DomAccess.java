package dev.pydesk.bridge;

import netscape.javascript.JSObject;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * The DOM steps of {@code pyscript.web} that would otherwise take many crossings, each done in one: finding
 * elements with their tag names, creating a configured element with its children, updating elements, appending,
 * listening. A worker pays a hop to the FX thread per crossing, so {@code page.find(".item")} is one hop here
 * instead of two per element. Reached from Python as {@code _pydesk.js.dom()}; a JavaScript exception is raised in
 * Python as {@code JsException}, as for every other crossing.
 */
public final class DomAccess {
    private final JsValues values;

    DomAccess(JsValues values) {
        this.values = values;
    }

    /**
     * The elements {@code how} names ({@code find}, {@code children}, {@code items}, {@code each}, {@code id},
     * {@code idSelf}, {@code parent}, {@code options}, {@code selected}, {@code clone}; see boot.js) for
     * {@code arg} and {@code targets}, as a flat tuple: element, lower-case tag name, element, tag name, ...
     */
    @Export
    public Object elements(String how, Value arg, Value targets) {
        Object[] all = JsAccess.prepend(how, values.toJs(arg), items(targets));
        Object[] flat = values.js(() -> slots((JSObject) values.realm.helper("webElements", all)));
        for (int i = 0; i < flat.length; i++) flat[i] = values.fromJs(flat[i]);
        return values.tuple(flat);
    }

    /** A new {@code tag} element with the classes, style, properties and children {@code spec} lists (boot.js). */
    @Export
    public Object build(String tag, Value spec) {
        Object[] all = JsAccess.prepend(tag, null, items(spec), 1);
        return values.fromJs(values.js(() -> values.realm.helper("webBuild", all)));
    }

    /** Gives each of {@code targets} the classes, style and properties {@code spec} lists. */
    @Export
    public void update(Value targets, Value spec) {
        Object[] elements = items(targets);
        Object[] settings = items(spec);
        Object[] all = new Object[1 + elements.length + settings.length];
        all[0] = elements.length;
        System.arraycopy(elements, 0, all, 1, elements.length);
        System.arraycopy(settings, 0, all, 1 + elements.length, settings.length);
        values.js(() -> values.realm.helper("webUpdate", all));
    }

    /** Appends nodes, lists of nodes and text to {@code element}, in one DOM call per item. */
    @Export
    public void append(Value element, Value items) {
        Object[] all = JsAccess.prepend(values.target(element).js(), null, items(items), 1);
        values.js(() -> values.realm.helper("webAppend", all));
    }

    /**
     * Adds the registered Python callback {@code callbackId} as a listener of {@code name} events of
     * {@code element}; false (and no listener) when the element has no such event.
     */
    @Export
    public boolean listen(Value element, String name, int callbackId, Value options) {
        JSObject target = values.target(element).js();
        Object jsOptions = values.toJs(options);
        return Boolean.TRUE.equals(values.js(() -> values.realm.helper("webListen", target, name,
                values.realm.callbackFunction(callbackId, false),
                jsOptions == null ? JsRealm.UNDEFINED_TOKEN : jsOptions)));
    }

    /** {@code innerText} as the spec (and Chromium) has it: WebKit adds line breaks after block children. */
    @Export
    public Object innerText(Value element) {
        JSObject target = values.target(element).js();
        return values.fromJs(values.js(() -> values.realm.helper("webInnerText", target)));
    }

    /** The items of a Python list, for JavaScript. */
    private Object[] items(Value list) {
        if (list == null || list.isNull()) return new Object[0];
        Object[] out = new Object[(int) list.getArraySize()];
        for (int i = 0; i < out.length; i++) out[i] = values.toJs(list.getArrayElement(i));
        return out;
    }

    /** The items of a JavaScript array, as WebKit hands them to Java. FX thread. */
    private static Object[] slots(JSObject array) {
        Object[] items = new Object[((Number) array.getMember("length")).intValue()];
        for (int i = 0; i < items.length; i++) items[i] = array.getSlot(i);
        return items;
    }
}
