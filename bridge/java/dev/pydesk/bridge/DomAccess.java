package dev.pydesk.bridge;

import netscape.javascript.JSObject;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * The DOM steps of {@code pyscript.web} that would otherwise take many crossings, each done in one: finding
 * elements with their tag names, creating a configured element with its children, updating elements, appending,
 * listening. A worker pays a hop to the FX thread per crossing, so {@code page.find(".item")} is one hop here
 * instead of two per element. Reached from Python as {@code _pydesk.js.dom()}; errors come back as
 * {@link JsRealm#ERROR} with the message in {@link JsAccess#lastError()}, as for every other crossing.
 */
public final class DomAccess {
    private final JsAccess access;
    private final JsRealm realm;

    DomAccess(JsAccess access, JsRealm realm) {
        this.access = access;
        this.realm = realm;
    }

    /**
     * The elements {@code how} names ({@code find}, {@code children}, {@code items}, {@code each}, {@code id},
     * {@code idSelf}, {@code parent}, {@code options}, {@code selected}, {@code clone}; see boot.js) for
     * {@code arg} and {@code targets}, as a flat array: element, lower-case tag name, element, tag name, ...
     */
    @Export
    public Object elements(String how, Value arg, Value targets) {
        Object[] all = JsAccess.prepend(how, JsRealm.toJs(arg), JsAccess.arguments(targets));
        return access.js(() -> flat((JSObject) realm.helper("webElements", all)));
    }

    /** A new {@code tag} element with the classes, style, properties and children {@code spec} lists (boot.js). */
    @Export
    public Object build(String tag, Value spec) {
        Object[] all = JsAccess.prepend(tag, null, JsAccess.arguments(spec), 1);
        return access.js(() -> JsRealm.fromJs(realm.helper("webBuild", all)));
    }

    /** Gives each of {@code targets} the classes, style and properties {@code spec} lists. */
    @Export
    public Object update(Value targets, Value spec) {
        Object[] elements = JsAccess.arguments(targets);
        Object[] values = JsAccess.arguments(spec);
        Object[] all = new Object[1 + elements.length + values.length];
        all[0] = elements.length;
        System.arraycopy(elements, 0, all, 1, elements.length);
        System.arraycopy(values, 0, all, 1 + elements.length, values.length);
        return access.js(() -> realm.helper("webUpdate", all));
    }

    /** Appends nodes, lists of nodes and text to {@code ref}, in one DOM call per item. */
    @Export
    public Object append(Value ref, Value items) {
        Object[] all = JsAccess.prepend(JsAccess.target(ref), null, JsAccess.arguments(items), 1);
        return access.js(() -> realm.helper("webAppend", all));
    }

    /**
     * Adds the registered Python callback {@code callbackId} as a listener of {@code name} events of {@code ref};
     * false (and no listener) when the element has no such event.
     */
    @Export
    public Object listen(Value ref, String name, int callbackId, Value options) {
        JSObject target = JsAccess.target(ref);
        Object jsOptions = JsRealm.toJs(options);
        return access.js(() -> realm.helper("webListen", target, name, realm.callbackFunction(callbackId, false),
                jsOptions == null ? JsRealm.UNDEFINED_TOKEN : jsOptions));
    }

    /** {@code innerText} as the spec (and Chromium) has it: WebKit adds line breaks after block children. */
    @Export
    public Object innerText(Value ref) {
        JSObject target = JsAccess.target(ref);
        return access.js(() -> JsRealm.fromJs(realm.helper("webInnerText", target)));
    }

    private static Object flat(JSObject array) {
        int length = ((Number) array.getMember("length")).intValue();
        Object[] items = new Object[length];
        for (int i = 0; i < length; i++) {
            items[i] = JsRealm.fromJs(array.getSlot(i));
        }
        return ProxyArray.fromArray(items);
    }
}
