package dev.pydesk.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a page's folder asks of PyDesk in its {@code pydesk.toml} that concerns its pages' Python: for now whether
 * page Python may listen for connections and use UDP ({@code [sockets] listen = true}; off by default). The app's
 * own settings in the same file (kiosk) are read by the app.
 */
public record FolderSettings(boolean listeningSockets) {
    public static final String FILE = "pydesk.toml";
    /** A settings file of more than this is not one. */
    private static final long MAX_BYTES = 64 * 1024;

    static final FolderSettings DEFAULT = new FolderSettings(false);

    /** The settings of a page folder; a missing file is the defaults, an unreadable one too (with a warning). */
    static FolderSettings of(Path folder, java.util.function.Consumer<String> warn) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) return DEFAULT;
        try {
            if (Files.size(file) > MAX_BYTES) {
                warn.accept(file + " is larger than " + MAX_BYTES / 1024 + " KB: not a settings file, ignored");
                return DEFAULT;
            }
            JsonNode root = new TomlMapper().readTree(Files.readString(file));
            JsonNode listen = root.path("sockets").path("listen");
            if (!listen.isMissingNode() && !listen.isBoolean()) {
                warn.accept(file + ": [sockets] listen must be true or false, not " + listen + ": ignored");
                return DEFAULT;
            }
            return new FolderSettings(listen.asBoolean(false));
        } catch (IOException e) {
            warn.accept(file + " could not be read as TOML (" + StopMessages.withoutJavaNames(String.valueOf(e.getMessage()))
                    .lines().findFirst().orElse("") + "): its settings are ignored");
            return DEFAULT;
        }
    }
}
