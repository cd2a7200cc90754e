package dev.pydesk.bridge;

import netscape.javascript.JSException;

/**
 * A JavaScript object was used after its page load ended (the window navigated or reloaded): the realm refuses the
 * call. Not a page error: nothing of the old page is left to show one to.
 */
public final class PageGoneException extends IllegalStateException {
    /** WebKit's message for a JSObject whose document (its "root object") is gone. */
    private static final String STALE = "Invalid function reference";

    /** What Python hears when it uses such an object. */
    static final String MESSAGE = "this JavaScript object belongs to a page that is no longer shown (it was left or reloaded)";

    PageGoneException() {
        super(MESSAGE);
    }

    /** True for WebKit's failure on a handle of a document that was replaced. */
    public static boolean isStaleHandle(JSException e) {
        return e.getMessage() != null && e.getMessage().contains(STALE);
    }
}
