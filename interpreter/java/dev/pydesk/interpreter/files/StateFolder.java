package dev.pydesk.interpreter.files;

import java.nio.file.Path;

/**
 * PyDesk's folder for what outlives a run (recent pages, the kiosk log, pages' stores): {@code -Dpydesk.state}, else
 * {@code $XDG_STATE_HOME/pydesk}, else {@code ~/.local/state/pydesk}. Read each time, so tests can point it at a
 * temporary folder.
 */
public final class StateFolder {
    private StateFolder() {}

    public static Path path() {
        String override = System.getProperty("pydesk.state");
        if (override != null && !override.isBlank()) return Path.of(override);
        String xdg = System.getenv("XDG_STATE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state"))
                .resolve("pydesk");
    }
}
