package dev.pydesk.interpreter.python;

import dev.pydesk.bridge.JsAccess;
import dev.pydesk.bridge.PythonSide;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** {@code _pydesk}: one interpreter's private runtime, bound once to its page. */
@HostAccess.Implementable
public interface PyDeskModule {
    /**
     * Binds the interpreter to its page: the host's services, the JavaScript bridge with the Java classes of its
     * JavaScript values (registered as Python types), the working folder (the page's). Returns what the bridge
     * asks of Python.
     */
    PythonSide bind(InterpreterHost host, JsAccess js, Value objectClass, Value callbackClass, String workingFolder);
}
