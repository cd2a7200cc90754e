package dev.pydesk.bridge;

import netscape.javascript.JSObject;

/**
 * The one Java object page JavaScript could ever touch, and only through the boot script's closure: it never sits
 * on {@code window}. It forwards console lines, page JavaScript's requests, DOM changes the inspector watches and
 * calls of Python callbacks, nothing else.
 */
public final class JsDoor {
    private final JsRealm realm;

    JsDoor(JsRealm realm) {
        this.realm = realm;
    }

    public void console(String level, String text) {
        realm.onConsole(level, text);
    }

    /** Page JavaScript's own fetch or XMLHttpRequest finished (boot.js wraps both for the Network tab). */
    public void network(String kind, String method, String url, double status, double size, double millis,
                        String detail) {
        realm.onNetwork(kind, method, url, (int) status, (long) size, (long) millis, detail);
    }

    /** The document's DOMContentLoaded fired and the page's module scripts ran ({@link JsRealm#contentLoaded}). */
    public void contentLoaded() {
        realm.contentLoadedNow();
    }

    /** The page's last one-shot timer ran or was cleared (a task ago): the page may be idle. */
    public void timersDone() {
        realm.timersDone();
    }

    /** The document changed where the inspector's Elements tab looks (once per batch until it asks). */
    public void domChanged() {
        realm.dom().changed();
    }

    // The page's WebSocket (boot.js replaces WebView's broken one with these).
    public int wsOpen(String url, String protocols, Object listener) {
        return realm.openWebSocket(url, protocols, listener instanceof JSObject js ? js : null);
    }

    public boolean wsSend(int id, String data, boolean binary) {
        return realm.webSockets().send(id, data, binary);
    }

    public void wsClose(int id, int code, String reason) {
        realm.webSockets().close(id, code, reason);
    }

    public int wsState(int id) {
        return realm.webSockets().readyState(id);
    }

    public double wsBuffered(int id) {
        return realm.webSockets().bufferedAmount(id);
    }

    /** JavaScript's garbage collector let go of an "auto" proxy: Python may let go of its function too. */
    public void release(int id) {
        realm.releaseCallback(id);
    }

    public Object invoke(int id, Object self, Object args) {
        return realm.invokeCallback(id, self, args instanceof JSObject js ? js : null);
    }
}
