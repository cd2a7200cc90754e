package dev.pydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app folder's pydesk.toml: {@code kiosk = true} starts the page as a kiosk; bad TOML is a clear usage error. */
class AppConfigTest {
    @TempDir
    Path dir;

    @Test
    void kioskTrueInPydeskTomlTurnsKioskModeOn() throws Exception {
        Path page = Files.writeString(dir.resolve("index.html"), "<p>app</p>");
        Options options = new Options();
        assertNull(AppConfig.apply(page, options));
        assertFalse(options.kiosk);
        Files.writeString(dir.resolve("pydesk.toml"), "kiosk = true\nkiosk-exit = \"Ctrl+Shift+Q\"\n");
        assertNull(AppConfig.apply(page, options));
        assertTrue(options.kiosk);
        assertEquals("Ctrl+Shift+Q", options.kioskExit);
    }

    @Test
    void invalidTomlIsAClearError() throws Exception {
        Path page = Files.writeString(dir.resolve("index.html"), "<p>app</p>");
        Files.writeString(dir.resolve("pydesk.toml"), "kiosk = = true\n");
        String error = AppConfig.apply(page, new Options());
        assertTrue(error != null && error.contains("pydesk.toml is not valid TOML"), error);
    }
}
