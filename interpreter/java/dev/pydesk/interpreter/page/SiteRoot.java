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
 * @param folder the root (absolute, normalised, symlinks resolved)
 * @param origin where it came from: {@code --root}, {@code pydesk.toml} or {@code the page's folder}
 */
public record SiteRoot(Path folder, String origin) {
    /** The app settings file next to a page. */
    public static final String SETTINGS = "pydesk.toml";

    /**
     * The site root of {@code page}: {@code requested} (a {@code --root}) when it holds the page, else the page's
     * {@code pydesk.toml} {@code root}, else the page's folder. Throws with a message for the user when a given root
     * is no folder, or a pydesk.toml root does not hold the page.
     */
    public static SiteRoot of(Path page, Path requested) throws IOException {
        Path file = page.toAbsolutePath().normalize();
        Path folder = file.getParent().toRealPath();
        Path real = folder.resolve(file.getFileName());
        if (requested != null) {
            Path root = existingFolder(requested, "--root " + requested);
            if (real.startsWith(root)) return new SiteRoot(root, "--root");
        }
        Path settings = folder.resolve(SETTINGS);
        if (Files.isRegularFile(settings)) {
            String given = rootSetting(settings);
            if (given != null) {
                Path root = existingFolder(folder.resolve(given), "root = \"" + given + "\" in " + settings);
                if (!real.startsWith(root)) {
                    throw new IOException("root = \"" + given + "\" in " + settings + " must be a folder that holds the page");
                }
                return new SiteRoot(root, SETTINGS);
            }
        }
        return new SiteRoot(folder, "the page's folder");
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

    /** The {@code root} of a pydesk.toml, or null when it sets none. */
    private static String rootSetting(Path settings) throws IOException {
        Map<?, ?> values;
        try {
            values = new TomlMapper().readValue(settings.toFile(), Map.class);
        } catch (IOException e) {
            throw new IOException(settings + " is not valid TOML: " + e.getMessage(), e);
        }
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
