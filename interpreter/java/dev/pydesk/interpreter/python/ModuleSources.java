package dev.pydesk.interpreter.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * PyDesk's own Python modules ({@code pyscript}, {@code js}, {@code _pydesk}), read from the application's
 * resources under {@code /dev/pydesk/python/}. Page Python imports them through a finder the boot code installs.
 */
final class ModuleSources {
    static final String ROOT = "/dev/pydesk/python/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final String[] TOP_LEVEL = {"pyscript", "pyodide", "js", "_pydesk"};

    record Module(String source, boolean isPackage) {}

    private static final Map<String, Optional<Module>> CACHE = new ConcurrentHashMap<>();

    private ModuleSources() {}

    static Optional<Module> find(String name) {
        if (name == null || !NAME.matcher(name).matches() || !ours(name)) return Optional.empty();
        return CACHE.computeIfAbsent(name, ModuleSources::load);
    }

    static String resource(String path) {
        return read(ROOT + path).orElseThrow(() -> new IllegalStateException("missing resource " + ROOT + path));
    }

    private static boolean ours(String name) {
        String top = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        for (String candidate : TOP_LEVEL) {
            if (candidate.equals(top)) return true;
        }
        return false;
    }

    private static Optional<Module> load(String name) {
        String path = ROOT + name.replace('.', '/');
        Optional<String> pkg = read(path + "/__init__.py");
        if (pkg.isPresent()) return Optional.of(new Module(pkg.get(), true));
        return read(path + ".py").map(source -> new Module(source, false));
    }

    private static Optional<String> read(String resource) {
        try (InputStream in = ModuleSources.class.getResourceAsStream(resource)) {
            if (in == null) return Optional.empty();
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
