package dev.pydesk.interpreter;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * Python's import system finds PyDesk's own modules ({@code pyscript}, {@code js}, {@code _pydesk}) through this
 * object, first on {@code sys.meta_path}: it finds and loads them from the application's resources, never from the
 * page's folder. It is installed with Python's builtins alone ({@link PythonModules#install}), so no Python source
 * is evaluated to set it up; loading a module compiles and executes that module's source, as any import does.
 */
public final class ModuleFinder {
    private final Value moduleSpec;
    private final Value compile;
    private final Value exec;
    private final Value list;

    ModuleFinder(Value builtins, Value moduleSpec) {
        this.moduleSpec = moduleSpec;
        this.compile = builtins.getMember("compile");
        this.exec = builtins.getMember("exec");
        this.list = builtins.getMember("list");
    }

    /** {@code importlib.abc.MetaPathFinder.find_spec}: a spec for one of PyDesk's modules, else None. */
    @Export
    public Object find_spec(String name, Value path, Value target) {
        ModuleSources.Module module = ModuleSources.find(name).orElse(null);
        if (module == null) return null;
        Value spec = moduleSpec.execute(name, this);
        spec.putMember("origin", origin(name));
        if (module.isPackage()) spec.putMember("submodule_search_locations", list.execute());
        return spec;
    }

    /** {@code importlib.abc.Loader.create_module}: Python's default module. */
    @Export
    public Object create_module(Value spec) {
        return null;
    }

    /** {@code importlib.abc.Loader.exec_module}: runs the module's source in its namespace. */
    @Export
    public void exec_module(Value module) {
        String name = module.getMember("__name__").asString();
        String source = ModuleSources.find(name)
                .orElseThrow(() -> new IllegalStateException("not one of PyDesk's modules: " + name)).source();
        exec.execute(compile.execute(source, origin(name), "exec"), module.getMember("__dict__"));
    }

    private static String origin(String name) {
        return "pydesk:" + name;
    }
}
