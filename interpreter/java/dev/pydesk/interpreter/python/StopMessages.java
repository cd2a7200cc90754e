package dev.pydesk.interpreter.python;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What a page is told when its Python did not end the ordinary way (the watchdog stopped it, it ended its
 * interpreter, the host refused something): in Python's terms, naming the script and what to do, never a Java
 * class name.
 */
public final class StopMessages {
    /** A Java class name as it appears in exception texts ({@code java.lang.IllegalStateException: }). */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com|org|net|netscape|dev)(?:\\.[a-z_][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*:?\\s*");

    private StopMessages() {}

    static String stopped(String source, Duration limit, Watchdog.Stop stop, String type) {
        String ran = "RuntimeError: " + source + " ran longer than " + limit.toSeconds() + " s and was stopped";
        if (stop == Watchdog.Stop.CANCELLED) {
            return ran + ", and as it did not stop when interrupted (a finally block that goes on, or a call that"
                    + " does not return), its " + type + " interpreter was closed: the page's later " + type
                    + " scripts and event handlers do not run. Raise the limit with --script-timeout, or move long"
                    + " work into a worker, then reload the page.";
        }
        return ran + ". Raise the limit with --script-timeout, or move long work into a worker.";
    }

    static String exited(String source, String type) {
        return "SystemExit: " + source + " ended its " + type + " interpreter (os._exit() or an exit of the"
                + " interpreter itself): a page cannot end PyDesk, only its own Python. The page's later " + type
                + " scripts and event handlers do not run; use sys.exit() or return to end one script, then reload"
                + " the page.";
    }

    static String closedInterpreter(String source, String type) {
        return "RuntimeError: " + source + " did not run: this page's " + type + " interpreter was closed after an"
                + " earlier error (see above). Fix it and reload the page.";
    }

    /** The host refused something, or PyDesk itself failed: the message without Java's names for things. */
    static String hostFailure(String source, String message) {
        String text = withoutJavaNames(message == null ? "" : message).strip();
        return "RuntimeError: PyDesk could not do what " + source + " asked" + (text.isEmpty() ? "" : ": " + text)
                + (text.endsWith(".") ? "" : ".");
    }

    public static String withoutJavaNames(String text) {
        return JAVA_NAME.matcher(text).replaceAll("");
    }
}
