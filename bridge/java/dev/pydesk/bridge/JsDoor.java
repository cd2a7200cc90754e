package dev.pydesk.bridge;

import netscape.javascript.JSObject;

/**
 * The one Java object page JavaScript could ever touch, and only through the boot script's closure: it never sits
 * on {@code window}. It forwards console lines and calls of Python callbacks, nothing else.
 */
public final class JsDoor {
    private final JsRealm realm;

    JsDoor(JsRealm realm) {
        this.realm = realm;
    }

    public void console(String level, String text) {
        realm.onConsole(level, text);
    }

    /** JavaScript's garbage collector let go of an "auto" proxy: Python may let go of its function too. */
    public void release(int id) {
        realm.releaseCallback(id);
    }

    public Object invoke(int id, Object self, Object args) {
        return realm.invokeCallback(id, self, args instanceof JSObject js ? js : null);
    }
}
