package dev.pydesk.app;

import dev.pydesk.interpreter.files.FolderChooser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Who answers a page's {@code pyscript.fs.mount}: the folders given with {@code --mount [POINT=]DIR} first, then, in
 * the window, a directory chooser (the user's explicit choice), or, headless, nobody (the mount fails and says to
 * give {@code --mount}).
 */
final class FolderChoosers {
    /** One {@code --mount}: a folder for one mount point, or (point null) for any. */
    record Given(String point, Path folder) {}

    /** The File System Access API's well-known start folders, under the user's home. */
    private static final Map<String, String> START_IN = Map.of("desktop", "Desktop", "documents", "Documents",
            "downloads", "Downloads", "music", "Music", "pictures", "Pictures", "videos", "Videos");

    private FolderChoosers() {}

    /** Reads the {@code --mount} values; an IllegalArgumentException names a value that is not a folder. */
    static List<Given> parse(List<String> values) {
        List<Given> given = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            int split = value.indexOf('=');
            String point = split > 0 ? value.substring(0, split) : null;
            Path folder = Path.of(split >= 0 ? value.substring(split + 1) : value).toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--mount " + value + ": " + folder + " is not a folder");
            }
            given.add(new Given(point, folder));
        }
        return given;
    }

    /** The folders given on the command line, then {@code fallback}. */
    static FolderChooser given(List<Given> given, FolderChooser fallback) {
        return request -> {
            Given any = null;
            for (Given entry : given) {
                if (entry.point() == null) {
                    if (any == null) any = entry;
                } else if (samePoint(entry.point(), request.mountPoint())) {
                    return CompletableFuture.completedFuture(FolderChooser.Choice.of(entry.folder()));
                }
            }
            if (any != null) return CompletableFuture.completedFuture(FolderChooser.Choice.of(any.folder()));
            return fallback.choose(request);
        };
    }

    private static boolean samePoint(String a, String b) {
        return trimmed(a).equals(trimmed(b));
    }

    private static String trimmed(String point) {
        String text = point.strip();
        while (text.length() > 1 && text.endsWith("/")) text = text.substring(0, text.length() - 1);
        return text;
    }

    /** Headless: no one to ask. */
    static FolderChooser headless() {
        return request -> CompletableFuture.completedFuture(FolderChooser.Choice.refused(
                "headless: give the folder with --mount DIR, or --mount " + request.mountPoint() + "=DIR"));
    }

    /** The window: a directory chooser over {@code owner}. FX thread. */
    static FolderChooser dialog(Window owner) {
        return request -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose a folder for " + request.page() + " to " + ("read".equals(request.mode())
                    ? "read" : "read and change") + " at " + request.mountPoint());
            String hint = START_IN.get(request.startIn() == null ? "" : request.startIn().toLowerCase(Locale.ROOT));
            Path home = Path.of(System.getProperty("user.home"));
            Path start = hint != null && Files.isDirectory(home.resolve(hint)) ? home.resolve(hint) : home;
            if (Files.isDirectory(start)) chooser.setInitialDirectory(start.toFile());
            File chosen = chooser.showDialog(owner);
            return CompletableFuture.completedFuture(chosen == null
                    ? FolderChooser.Choice.refused("the folder chooser was cancelled")
                    : FolderChooser.Choice.of(chosen.toPath()));
        };
    }
}
