package dev.pydesk.interpreter.python;

/**
 * An exception page Python raised and did not catch, as Java receives it: the Python type's name (e.g.
 * {@code ZeroDivisionError}), its message, and the traceback the console and the error banner show.
 */
public final class PythonException extends RuntimeException {
    private final String type;
    private final String traceback;

    public PythonException(String type, String message, String traceback) {
        super(type + ": " + message, null, false, false);
        this.type = type;
        this.traceback = traceback;
    }

    public String type() {
        return type;
    }

    /** The traceback as PyScript shows it (PyDesk's own frames left out). */
    public String traceback() {
        return traceback;
    }
}
