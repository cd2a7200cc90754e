package dev.pydesk.interpreter.python;

/** What to tell a page about a failed future: the message of its innermost cause. */
public final class Failures {
    private Failures() {}

    public static String rootMessage(Throwable failure) {
        return String.valueOf(root(failure).getMessage());
    }

    public static Throwable root(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) cause = cause.getCause();
        return cause;
    }
}
