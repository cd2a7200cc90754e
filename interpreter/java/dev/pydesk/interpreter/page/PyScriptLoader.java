package dev.pydesk.interpreter.page;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises PyScript's loader ({@code core.js}) so that page JavaScript importing it gets PyDesk's stand-in module
 * ({@link #STAND_IN}) and PyScript's own runtime never starts. A local file is recognised by what it is, PyScript's
 * module bundle (its exports and the name it registers itself under), whatever its path; a missing local
 * {@code core.js} (a project whose {@code dist/} is not built) gets the stand-in too. A remote URL cannot be read
 * offline, so it is recognised by the places PyScript is published: pyscript.net releases and the
 * {@code @pyscript/core} package on npm CDNs.
 */
public final class PyScriptLoader {
    /** Where the stand-in module is served (a classpath asset of the page server). */
    public static final String STAND_IN = PageServer.ASSET_PREFIX + "pyscript/core.js";

    /** Names every PyScript core bundle exports (kept by minifiers: they are its public API). */
    private static final List<String> EXPORTS = List.of("PyWorker", "MPWorker", "whenDefined", "hooks", "TYPES");
    /** What PyScript registers itself under so that two copies on a page share one state. */
    private static final String REGISTRY_NAME = "@pyscript/core";
    /** A quoted absolute http(s) URL in JavaScript or JSON text. */
    private static final Pattern QUOTED_URL = Pattern.compile("([\"'`])(https?://[^\"'`\\s]+)\\1");

    private PyScriptLoader() {}

    /** True for a remote URL of PyScript's loader: {@code https://pyscript.net/releases/X/core.js}, npm CDNs. */
    public static boolean isRemoteLoader(String url) {
        String path = pathOf(url.trim().toLowerCase(Locale.ROOT));
        if (!path.startsWith("http://") && !path.startsWith("https://") && !path.startsWith("//")) return false;
        if (path.contains("pyscript")
                && (path.endsWith("/core.js") || path.endsWith("/pyscript.js") || path.endsWith("/pyscript.min.js"))) {
            return true;
        }
        // the package itself: https://cdn.jsdelivr.net/npm/@pyscript/core, .../@pyscript/core@0.7.31/+esm, esm.sh
        return path.matches(".*/@pyscript/core(@[^/]*)?(/|/\\+esm|/index\\.js|/dist/core\\.js)?");
    }

    /** True for a local path whose file name makes it PyScript's loader when the file is missing. */
    static boolean isLoaderName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.equals("core.js");
    }

    /** True when a JavaScript module's source is PyScript's core bundle (any release since 2024, minified or not). */
    static boolean isCoreModule(String source) {
        if (!source.contains(REGISTRY_NAME) || !source.contains("export")) return false;
        for (String name : EXPORTS) {
            if (!source.contains(name)) return false;
        }
        return true;
    }

    /**
     * Replaces remote loader URLs in JavaScript or JSON text (import specifiers, dynamic imports, import maps) with
     * the stand-in's URL; returns the text unchanged (the same instance) when there is none.
     */
    static String redirectImports(String source) {
        if (!source.contains("pyscript")) return source;
        Matcher m = QUOTED_URL.matcher(source);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!isRemoteLoader(m.group(2))) continue;
            if (out == null) out = new StringBuilder(source.length());
            out.append(source, last, m.start(2)).append(STAND_IN);
            last = m.end(2);
        }
        return out == null ? source : out.append(source, last, source.length()).toString();
    }

    private static String pathOf(String url) {
        int cut = url.length();
        int q = url.indexOf('?');
        if (q >= 0) cut = q;
        int h = url.indexOf('#');
        if (h >= 0 && h < cut) cut = h;
        return url.substring(0, cut);
    }
}
