package dev.pydesk.interpreter.python;

import org.graalvm.polyglot.HostAccess;

/** {@code _pydesk.js_modules}: the config's {@code [js_modules]}, loaded before the interpreter's first script. */
@HostAccess.Implementable
public interface JsModulesModule {
    /** Loads them; {@code outcome} hears when they are loaded or why not. */
    void load(ScriptOutcome outcome);
}
