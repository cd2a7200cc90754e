package dev.pydesk.bridge;

import netscape.javascript.JSObject;

/**
 * An opaque handle on a JavaScript object handed between Java layers that must not touch JSObjects (the element
 * selected in the inspector, for {@code $0}); an interpreter turns it into its own Python value with
 * {@link JsAccess#wrap}. It exports nothing.
 */
public final class JsRef {
    final JSObject js;

    JsRef(JSObject js) {
        this.js = js;
    }
}
