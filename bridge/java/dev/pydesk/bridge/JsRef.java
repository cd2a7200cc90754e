package dev.pydesk.bridge;

import netscape.javascript.JSObject;

/**
 * An opaque handle on a JavaScript object, handed to Python in place of the JSObject itself.
 * It exports nothing, so page Python can only pass it back to {@link JsAccess}; it lives as long as Python holds it.
 */
public final class JsRef {
    final JSObject js;

    JsRef(JSObject js) {
        this.js = js;
    }
}
