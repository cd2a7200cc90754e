package dev.pydesk.bridge;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * What the bridge asks of one interpreter's Python ({@code _pydesk.jsproxy}, which implements it): Python values it
 * cannot make itself, and Python exceptions. A method that raises throws the Python exception as a
 * {@link org.graalvm.polyglot.PolyglotException}; thrown on out of a proxy's method, page Python gets it back as
 * the exception it is ({@code JsException}, {@code AttributeError}, ...).
 */
@HostAccess.Implementable
public interface PythonSide {
    /** Python's {@code None}: what JavaScript {@code null} and {@code undefined} become. */
    Value none();

    /** A function that makes a tuple of its arguments ({@code Value.execute} passes Java's items one by one). */
    Value tupleMaker();

    /** Raises {@code pyscript.ffi.JsException(message)}. */
    void raiseJsException(String message);

    /** Raises the builtin exception {@code type} ("AttributeError", "IndexError", ...) with {@code message}. */
    void raiseError(String type, String message);

    /** A value JavaScript can take for a Python container, bytes or other object ({@code pyscript.ffi.to_js}). */
    Value forJs(Value value);

    /** The JavaScript function for a callable under {@code experimental_create_proxy = "auto"}. */
    Value autoProxy(Value callable);
}
