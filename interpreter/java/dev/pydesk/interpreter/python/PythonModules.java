package dev.pydesk.interpreter.python;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * PyDesk's Python modules as Java sees them in one context: each {@code _pydesk} module that Java calls has a Java
 * interface ({@link PyDeskModule}, {@link RunnerModule}, {@link ReplModule}, ...), and Java gets the module typed,
 * by importing it ({@code importlib.import_module}) and mapping it to its interface ({@code Value.as}). Java never
 * evaluates Python source: only the page's own scripts and REPL input run as code ({@code ArchitectureTest}).
 */
final class PythonModules {
    private final Value importModule;

    private PythonModules(Value importModule) {
        this.importModule = importModule;
    }

    /**
     * Makes PyDesk's modules importable in a fresh context ({@link ModuleFinder} first on sys.meta_path), with
     * Python's builtins alone. The builtins are taken now: page code may replace {@code __main__.__builtins__}.
     * Modules found in {@code compiled} are loaded from there instead of being compiled.
     */
    static PythonModules install(Context context, CompiledModules compiled) {
        Value builtins = context.getBindings("python").getMember("__builtins__");
        Value importer = builtins.getMember("__import__");
        Value moduleSpec = importer.execute("importlib.machinery").getMember("machinery").getMember("ModuleSpec");
        ModuleFinder finder = new ModuleFinder(builtins, moduleSpec, importer, compiled);
        importer.execute("sys").getMember("meta_path").invokeMember("insert", 0, finder);
        return new PythonModules(importer.execute("importlib").getMember("import_module"));
    }

    /** Imports module {@code name} and returns it as {@code api}. On the context's thread. */
    <T> T load(String name, Class<T> api) {
        return importModule.execute(name).as(api);
    }
}
