package dev.pydesk.interpreter.packages;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code packages} (or an argument of {@code py_import}): a wheel (a path relative to the page, or an
 * {@code http(s)} URL ending in {@code .whl}) or a package name for the index, with an optional version
 * ({@code name==1.2}; other specifiers take the newest release; extras and markers are ignored).
 */
record Requirement(String text, String wheel, String name, String exactVersion) {
    private static final Pattern NAME = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[[^]]*])?\\s*(?:(==|===|>=|<=|~=|!=|>|<)\\s*([^,;\\s]+))?.*");

    static Requirement parse(String text) throws PackageException {
        String trimmed = text.trim();
        String path = trimmed.split("[?#]")[0];
        if (path.toLowerCase(Locale.ROOT).endsWith(".whl")) {
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            try {
                fileName = java.net.URLDecoder.decode(fileName, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ignored) {
                // keep it as written
            }
            return new Requirement(trimmed, fileName, null, null);
        }
        if (trimmed.startsWith("emfs:") || trimmed.contains("://") || trimmed.startsWith("./") || trimmed.startsWith("/")) {
            String scheme = trimmed.contains(":") ? URI.create(trimmed.replace(" ", "%20")).getScheme() : null;
            throw new PackageException("cannot install \"" + trimmed + "\": PyDesk installs wheels (.whl) and package names"
                    + (scheme == null ? "" : ", not " + scheme + ": references"));
        }
        Matcher matcher = NAME.matcher(trimmed);
        if (!matcher.matches()) throw new PackageException("cannot install \"" + trimmed + "\": not a package name");
        String name = normalize(matcher.group(1));
        String version = "==".equals(matcher.group(2)) || "===".equals(matcher.group(2)) ? matcher.group(3) : null;
        return new Requirement(trimmed, null, name, version);
    }

    /** PEP 503's normalized name: {@code Typing_Extensions} -> {@code typing-extensions}. */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    boolean isWheel() {
        return wheel != null;
    }
}
