package dev.pydesk.interpreter.python;

import java.util.List;
import org.graalvm.polyglot.HostAccess;

/** {@code _pydesk.repl}: the inspector's REPL in the interpreter's global namespace. */
@HostAccess.Implementable
public interface ReplModule {
    /** Runs statements, and shows the value of a last expression; {@code selection} is {@code $0} (or null). */
    Answer run(String code, Object selection);

    /** The completions of a name or dotted path, sorted. */
    List<String> complete(String text);

    /** The repr of an expression's value ("" for statements and None) or, not {@code ok}, the traceback. */
    @HostAccess.Implementable
    interface Answer {
        boolean ok();

        String text();
    }
}
