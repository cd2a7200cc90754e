package dev.pydesk.interpreter.python;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * Python's import system finds PyDesk's own modules ({@code pyscript}, {@code js}, {@code _pydesk}) through this
 * object, first on {@code sys.meta_path}: it finds and loads them from the application's resources, never from the
 * page's folder. It is installed with Python's builtins alone ({@link PythonModules#install}), so no Python source
 * is evaluated to set it up; loading a module executes that module's code, compiled from its source now or, when
 * {@link CompiledModules} has it, at build time (GraalPy's compiler runs cold in every new JVM).
 */
public final class ModuleFinder {
    private final Value moduleSpec;
    private final Value compile;
    private final Value exec;
    private final Value list;
    private final Value isinstance;
    private final CompiledModules compiled;
    private final String cacheTag;
    private final Value codeType;
    private final Value loads;
    private final Value dumps;
    private final Value fromBase64;
    private final Value toBase64;

    /** The functions are taken now: page code that replaces {@code marshal.loads} later changes nothing here. */
    ModuleFinder(Value builtins, Value moduleSpec, Value importer, CompiledModules compiled) {
        this.moduleSpec = moduleSpec;
        this.compile = builtins.getMember("compile");
        this.exec = builtins.getMember("exec");
        this.list = builtins.getMember("list");
        this.isinstance = builtins.getMember("isinstance");
        this.compiled = compiled;
        Value tag = importer.execute("sys").getMember("implementation").getMember("cache_tag");
        this.cacheTag = tag.isNull() ? "none" : tag.asString();
        this.codeType = importer.execute("types").getMember("CodeType");
        Value marshal = importer.execute("marshal");
        Value binascii = importer.execute("binascii");
        this.loads = marshal.getMember("loads");
        this.dumps = marshal.getMember("dumps");
        this.fromBase64 = binascii.getMember("a2b_base64");
        this.toBase64 = binascii.getMember("b2a_base64");
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

    /** {@code importlib.abc.Loader.exec_module}: runs the module's code in its namespace. */
    @Export
    public void exec_module(Value module) {
        String name = module.getMember("__name__").asString();
        String source = ModuleSources.find(name)
                .orElseThrow(() -> new IllegalStateException("not one of PyDesk's modules: " + name)).source();
        exec.execute(code(name, source), module.getMember("__dict__"));
    }

    /** The module's code: kept from the build when there is an entry for this source, else compiled now. */
    private Value code(String name, String source) {
        Value code = compiled.read(name, source, cacheTag).map(this::unmarshal).orElse(null);
        if (code != null) return code;
        code = compile.execute(source, origin(name), "exec");
        if (compiled.writing()) {
            String marshalled = toBase64.execute(dumps.execute(code)).invokeMember("decode", "ascii").asString();
            compiled.write(name, source, cacheTag, marshalled.strip());
        }
        return code;
    }

    private Value unmarshal(String entry) {
        try {
            Value code = loads.execute(fromBase64.execute(entry));
            return isinstance.execute(code, codeType).asBoolean() ? code : null;
        } catch (RuntimeException damaged) { // a damaged entry: the module compiles from its source instead
            return null;
        }
    }

    private static String origin(String name) {
        return "pydesk:" + name;
    }
}
