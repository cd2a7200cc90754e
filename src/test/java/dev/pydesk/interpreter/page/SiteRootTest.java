package dev.pydesk.interpreter.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folder a page is served from: its own by default, --root, or pydesk.toml's root; never widened silently. */
class SiteRootTest {
    @TempDir
    Path dir;
    Path project;
    Path page;

    @BeforeEach
    void layout() throws IOException {
        project = dir.toRealPath().resolve("project");
        page = Files.createDirectories(project.resolve("app")).resolve("index.html");
        Files.writeString(page, "<p>page</p>");
        Files.createDirectories(project.resolve("lib"));
        Files.writeString(project.resolve("pyscript.toml"), "name = 'a project'");
        Files.createDirectories(project.resolve(".git"));
    }

    @Test
    void byDefaultThePagesFolderEvenInAProjectOrRepository() throws IOException {
        SiteRoot site = SiteRoot.of(page, null);
        assertEquals(project.resolve("app"), site.folder());
        assertFalse(site.requested());
    }

    @Test
    void aRequestedRootThatHoldsThePage() throws IOException {
        SiteRoot site = SiteRoot.of(page, project);
        assertEquals(project, site.folder());
        assertTrue(site.requested());
        assertFalse(SiteRoot.of(page, project.resolve("lib")).requested(), "a root that does not hold the page");
        IOException missing = assertThrows(IOException.class, () -> SiteRoot.of(page, project.resolve("nope")));
        assertTrue(missing.getMessage().contains("no such folder"), missing.getMessage());
    }

    @Test
    void pydeskTomlNamesTheRootRelativeToItsFolder() throws IOException {
        Files.writeString(project.resolve("app/pydesk.toml"), "kiosk = false\nroot = \"..\"\n");
        assertEquals(project, SiteRoot.of(page, null).folder());
        assertEquals("pydesk.toml", SiteRoot.of(page, null).origin());
        Files.writeString(project.resolve("app/pydesk.toml"), "root = \"../lib\"\n");
        IOException outside = assertThrows(IOException.class, () -> SiteRoot.of(page, null));
        assertTrue(outside.getMessage().contains("must be a folder that holds the page"), outside.getMessage());
        Files.writeString(project.resolve("app/pydesk.toml"), "root = 3\n");
        assertThrows(IOException.class, () -> SiteRoot.of(page, null));
    }

    @Test
    void aRefusalSaysWhatWouldAllowIt() throws IOException {
        SiteRoot site = SiteRoot.of(page, null);
        Path refused = project.resolve("lib/x.py");
        assertEquals("..", site.setting(refused, project.resolve("app")));
        String message = site.refusal(refused, project.resolve("app"));
        assertTrue(message.contains(refused.toString()) && message.contains("--root " + project)
                && message.contains("root = \"..\""), message);
        assertNull(site.setting(Path.of("/etc/passwd"), project.resolve("app")), "never the whole disk");
    }
}
