package dev.pydesk.interpreter;

import org.graalvm.polyglot.HostAccess.Export;

/** Serves PyDesk's own Python modules to the import finder that the boot code installs. Stateless. */
public final class ModuleHost {
    static final ModuleHost INSTANCE = new ModuleHost();

    private ModuleHost() {}

    /** "package", "module", or null when the name is not one of PyDesk's modules. */
    @Export
    public String kind(String name) {
        return ModuleSources.find(name).map(m -> m.isPackage() ? "package" : "module").orElse(null);
    }

    @Export
    public String source(String name) {
        return ModuleSources.find(name).map(ModuleSources.Module::source).orElse(null);
    }
}
