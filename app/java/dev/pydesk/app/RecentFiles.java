package dev.pydesk.app;

import dev.pydesk.interpreter.files.StateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The pages opened last, newest first, kept in a small text file in the user's state folder. */
final class RecentFiles {
    private static final int KEEP = 10;
    private final Path file;

    RecentFiles(Path file) {
        this.file = file;
    }

    /** {@code $XDG_STATE_HOME/pydesk/recent.txt} (or ~/.local/state/...); {@code -Dpydesk.state} overrides. */
    static RecentFiles inStateFolder() {
        return new RecentFiles(stateFolder().resolve("recent.txt"));
    }

    /** PyDesk's state folder: {@code -Dpydesk.state}, else {@code $XDG_STATE_HOME/pydesk}, else ~/.local/state/pydesk. */
    static Path stateFolder() {
        return StateFolder.path();
    }

    List<Path> list() {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(Path::of)
                    .filter(Files::isRegularFile).limit(KEEP).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    void add(Path page) {
        List<Path> pages = new ArrayList<>(list());
        Path absolute = page.toAbsolutePath().normalize();
        pages.remove(absolute);
        pages.addFirst(absolute);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, pages.stream().limit(KEEP).map(Path::toString).toList());
        } catch (IOException e) {
            // A read-only home: the list just isn't remembered.
        }
    }
}
