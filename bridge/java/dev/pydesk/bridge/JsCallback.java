package dev.pydesk.bridge;

import netscape.javascript.JSObject;

/**
 * The JavaScript function made for a Python callable by {@code create_proxy} (or an "auto" proxy): a
 * {@link JsObject} whose Python type adds {@code destroy()} ({@code _pydesk.jsproxy.JsCallable}).
 */
public final class JsCallback extends JsObject {
    final int id;

    JsCallback(JsValues values, JSObject function, int id) {
        super(values, function, null, null);
        this.id = id;
    }
}
