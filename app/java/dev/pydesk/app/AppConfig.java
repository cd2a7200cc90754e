package dev.pydesk.app;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An app's own settings for PyDesk: {@code pydesk.toml} next to its page ({@code kiosk = true},
 * {@code kiosk-exit = "Ctrl+Shift+Q"}), so a page folder shipped with {@code ./pydesk package --app} starts as a
 * kiosk without options. Command-line options win.
 */
final class AppConfig {
    static final String FILE = "pydesk.toml";

    private AppConfig() {}

    /** Applies the page folder's pydesk.toml to the options; returns an error message, or null. */
    static String apply(Path page, Options options) {
        Path file = page.toAbsolutePath().getParent().resolve(FILE);
        if (!Files.isRegularFile(file)) return null;
        Map<String, Object> settings;
        try {
            settings = new TomlMapper().readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            return file + " is not valid TOML: " + e.getMessage();
        }
        if (Boolean.TRUE.equals(settings.get("kiosk"))) options.kiosk = true;
        if (options.kioskExit == null && settings.get("kiosk-exit") instanceof String keys) options.kioskExit = keys;
        return null;
    }
}
