package dev.pydesk.interpreter;

/** What to tell a page about a failed future: the message of its innermost cause. */
final class Failures {
    private Failures() {}

    static String rootMessage(Throwable failure) {
        return String.valueOf(root(failure).getMessage());
    }

    static Throwable root(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) cause = cause.getCause();
        return cause;
    }
}
