package dev.pydesk.interpreter.page;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder a page is served from and that its Python may read: what a web server's document root is to a
 * PyScript project. By default the page's own folder (least privilege: a page reaches nothing beside it unless
 * someone says so); {@code --root DIR}, or {@code root = ".."} in a {@code pydesk.toml} next to the page, widens it
 * to a folder above. A parent with {@code pyscript.toml} or {@code .git} does not widen it by itself: a page in a
 * repository would otherwise expose the whole repository. The page server and page Python's file system both take
 * their reach from this one value.
 *
 * <p>
 * The same {@code pydesk.toml} says whether the page's Python may listen for connections and use UDP
 * ({@code [sockets]} / {@code listen = true}; off by default): a widening of the page's reach, like {@code root}.
 *
 * @param folder the root (absolute, normalised, symlinks resolved)
 * @param origin where it came from: {@code --root}, {@code pydesk.toml} or {@code the page's folder}
 * @param listeningSockets whether page Python may listen and use UDP ({@code [sockets] listen = true})
 */
public record SiteRoot(Path folder, String origin, boolean listeningSockets) {
    /** The app settings file next to a page. */
    public static final String SETTINGS = "pydesk.toml";
    /** A settings file of more than this is not one. */
    private static final long MAX_SETTINGS_BYTES = 64 * 1024;

    public SiteRoot(Path folder, String origin) {
        this(folder, origin, false);
    }

    /**
     * The site root of {@code page}: {@code requested} (a {@code --root}) when it holds the page, else the page's
     * {@code pydesk.toml} {@code root}, else the page's folder. Throws with a message for the user when a given root
     * is no folder, or a pydesk.toml root does not hold the page.
     */
    public static SiteRoot of(Path page, Path requested) throws IOException {
        Path file = page.toAbsolutePath().normalize();
        Path folder = file.getParent().toRealPath();
        Path real = folder.resolve(file.getFileName());
        Path settings = folder.resolve(SETTINGS);
        Map<?, ?> values = Files.isRegularFile(settings) ? settings(settings) : Map.of();
        boolean listen = listenSetting(values, settings);
        if (requested != null) {
            Path root = existingFolder(requested, "--root " + requested);
            if (real.startsWith(root)) return new SiteRoot(root, "--root", listen);
        }
        String given = rootSetting(values, settings);
        if (given != null) {
            Path root = existingFolder(folder.resolve(given), "root = \"" + given + "\" in " + settings);
            if (!real.startsWith(root)) {
                throw new IOException("root = \"" + given + "\" in " + settings + " must be a folder that holds the page");
            }
            return new SiteRoot(root, SETTINGS, listen);
        }
        return new SiteRoot(folder, "the page's folder", listen);
    }

    /** True when this root came from {@code --root} (the command line's root holds the page). */
    public boolean requested() {
        return origin.equals("--root");
    }

    private static Path existingFolder(Path given, String what) throws IOException {
        Path absolute = given.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) throw new IOException(what + ": no such folder");
        return absolute.toRealPath();
    }

    private static Map<?, ?> settings(Path settings) throws IOException {
        if (Files.size(settings) > MAX_SETTINGS_BYTES) {
            throw new IOException(settings + " is larger than " + MAX_SETTINGS_BYTES / 1024 + " KB: not a settings file");
        }
        try {
            return new TomlMapper().readValue(settings.toFile(), Map.class);
        } catch (IOException e) {
            throw new IOException(settings + " is not valid TOML: " + e.getMessage(), e);
        }
    }

    /** {@code [sockets] listen} of a pydesk.toml: false when it is not set. */
    private static boolean listenSetting(Map<?, ?> values, Path settings) throws IOException {
        Object sockets = values.get("sockets");
        if (sockets == null) return false;
        Object listen = sockets instanceof Map<?, ?> table ? table.get("listen") : sockets;
        if (listen == null) return false;
        if (!(listen instanceof Boolean on)) {
            throw new IOException("[sockets] in " + settings + " is a table whose listen is true or false, like"
                    + " [sockets] / listen = true");
        }
        return on;
    }

    /** The {@code root} of a pydesk.toml, or null when it sets none. */
    private static String rootSetting(Map<?, ?> values, Path settings) throws IOException {
        Object root = values.get("root");
        if (root == null) return null;
        if (!(root instanceof String text) || text.isBlank()) {
            throw new IOException("root in " + settings + " must be a folder name, like root = \"..\"");
        }
        return text;
    }

    /**
     * The {@code root} setting of a {@code pydesk.toml} next to the page that would allow {@code refused}: the
     * nearest folder holding both, relative to the page's folder ({@code ".."}); null when only the file system's
     * root holds both.
     */
    public String setting(Path refused, Path pageFolder) {
        Path common = folder;
        while (common != null && !refused.startsWith(common)) common = common.getParent();
        if (common == null || common.getParent() == null) return null; // never suggest the whole disk
        String relative = pageFolder.relativize(common).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }

    /** What the console tells the user about a refused file: where it is, and how to allow it. */
    public String refusal(Path refused, Path pageFolder) {
        String setting = setting(refused, pageFolder);
        Path common = setting == null ? null : pageFolder.resolve(setting).normalize();
        return "refused " + refused + ": it is outside the site root " + folder + " (" + origin + ")."
                + (common == null ? "" : " To allow it, open the page with --root " + common
                + " or put root = \"" + setting + "\" in " + SETTINGS + " next to the page.");
    }
}
