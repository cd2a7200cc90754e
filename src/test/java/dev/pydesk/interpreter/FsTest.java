package dev.pydesk.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.interpreter.files.FolderChooser;
import dev.pydesk.testing.BothInterpreters;
import dev.pydesk.testing.MainAndWorker;
import dev.pydesk.testing.PageHarness;
import dev.pydesk.testing.PageTest;
import dev.pydesk.testing.Variants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pyscript.fs} with a real WebView and a stand-in for the user at the folder chooser: the chosen folder is
 * read and written at its mount point, only while mounted, read-only when asked, asked for once per point and id,
 * forgotten by {@code revoke}; PyScript's errors for paths that are not mounted; py and mpy, main thread and worker.
 */
@PageTest(scriptTimeoutSeconds = 120)
class FsTest {
    static PageHarness page;
    static final List<FolderChooser.Request> asked = new CopyOnWriteArrayList<>();
    static volatile Path answer;
    @TempDir
    Path dir;
    Path chosen;

    @BeforeAll
    static void start() {
        page.loader().folderChooser(request -> {
            asked.add(request);
            Path folder = answer;
            return CompletableFuture.completedFuture(folder == null
                    ? FolderChooser.Choice.refused("the folder chooser was cancelled")
                    : FolderChooser.Choice.of(folder));
        });
    }

    @BeforeEach
    void prepare() throws Exception {
        asked.clear();
        chosen = Files.createDirectories(dir.resolve("chosen"));
        Files.writeString(chosen.resolve("notes.txt"), "the user's notes");
        answer = chosen;
    }

    @MainAndWorker
    void aChosenFolderIsReadAndWrittenAtItsMountPointOnly(String variant) throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        List<String> log = Variants.run(page, site, "fs.html", variant, "", "", """
                import os
                from pyscript import fs
                try:
                    open("/local/notes.txt").read()
                except PermissionError:
                    log("before the mount: PermissionError")
                await fs.mount("/local")
                log(sorted(fs.mounted), open("/local/notes.txt").read(), sorted(os.listdir("/local")))
                with open("/local/from-python.txt", "w") as out:
                    out.write("written by the page")
                os.mkdir("/local/sub")
                os.rename("/local/from-python.txt", "/local/sub/moved.txt")
                log(os.path.exists("/local/sub/moved.txt"), os.path.isdir("/local/sub"))
                await fs.sync("/local")
                await fs.unmount("/local")
                try:
                    os.listdir("/local")
                except PermissionError:
                    log("after unmount: PermissionError")
                log(sorted(fs.mounted))
                log("done")
                """);
        assertEquals(List.of("before the mount: PermissionError", "['/local'] the user's notes ['notes.txt']",
                "True True", "after unmount: PermissionError", "[]"), log, page.consoleText());
        assertEquals("written by the page", Files.readString(chosen.resolve("sub/moved.txt")));
        assertEquals(1, asked.size());
        assertEquals(new FolderChooser.Request("fs.html", "/local", "readwrite", ""), asked.getFirst());
    }

    @ParameterizedTest
    @ValueSource(strings = {Variants.PY, Variants.MPY_WORKER})
    void aReadOnlyMountRefusesEveryChange(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, "ro.html", variant, "", "", """
                import os
                from pyscript import fs
                await fs.mount("/ro", mode="read", root="documents")
                log(open("/ro/notes.txt").read())
                for attempt in (lambda: open("/ro/notes.txt", "a"), lambda: open("/ro/new.txt", "w"),
                                lambda: os.remove("/ro/notes.txt"), lambda: os.mkdir("/ro/d")):
                    try:
                        attempt()
                        log("allowed")
                    except PermissionError as error:
                        log("PermissionError", error.filename.startswith("/ro/"))
                log("done")
                """);
        assertEquals(List.of("the user's notes", "PermissionError True", "PermissionError True",
                "PermissionError True", "PermissionError True"), log, page.consoleText());
        assertEquals("the user's notes", Files.readString(chosen.resolve("notes.txt")));
        try (var files = Files.list(chosen)) {
            assertEquals(List.of("notes.txt"), files.map(f -> f.getFileName().toString()).toList());
        }
        assertEquals("read", asked.getFirst().mode());
        assertEquals("documents", asked.getFirst().startIn());
    }

    /** The choice is kept per point and id for the rest of the run; revoke forgets it; PyScript's errors. */
    @BothInterpreters
    void oneChoicePerPointAndIdRevokeAndErrors(String variant) throws Exception {
        List<String> log = Variants.run(page, dir, "again.html", variant, "", "", """
                from pyscript import fs
                for call in (fs.sync, fs.unmount):
                    try:
                        await call("/nowhere")
                    except KeyError as error:
                        log("KeyError", error)
                await fs.mount("/a")
                await fs.mount("/a")
                try:
                    await fs.mount("/a", id="other")
                except ValueError as error:
                    log("ValueError", error)
                await fs.unmount("/a")
                await fs.mount("/a")
                log(await fs._check_permission(fs.mounted["/a"]) is fs.mounted["/a"])
                log(await fs.revoke("/a"), await fs.revoke("/a"), sorted(fs.mounted))
                await fs.mount("/a")
                log(open("/a/notes.txt").read())
                log("done")
                """);
        assertEquals(List.of("KeyError \"Path '/nowhere' is not mounted. Use fs.mount() to mount it first.\"",
                "KeyError \"Path '/nowhere' is not mounted. Cannot unmount.\"",
                "ValueError Path '/a' is already mounted with a different ID. Unmount it first or use a different path.",
                "True", "True False []", "the user's notes"), log, page.consoleText());
        assertEquals(2, asked.size(), "asked once, and again after revoke: " + asked);
    }

    /**
     * With a site root above the page ({@code root = ".."} in pydesk.toml): a relative mount point is relative to the
     * page's folder (Python's working folder), and a mount over the site root is refused.
     */
    @Test
    void underASiteRootAboveThePageMountPointsAreRelativeToThePagesFolder() throws Exception {
        Path app = Files.createDirectories(dir.resolve("project/app"));
        Files.writeString(app.resolve("pydesk.toml"), "root = \"..\"\n");
        List<String> log = Variants.run(page, app, "above.html", Variants.PY_WORKER, "", "", """
                import os
                from pyscript import fs
                try:
                    await fs.mount("..")
                except PermissionError as error:
                    log(str(error).replace(os.path.dirname(os.getcwd()), "ROOT"))
                await fs.mount("data")
                log(sorted(fs.mounted), open(os.path.join(os.getcwd(), "data", "notes.txt")).read())
                log("done")
                """);
        assertEquals(List.of("fs.mount(..): the page's site root lies there; mount at a path of its own, such as /local",
                "['data'] the user's notes"), log, page.consoleText());
    }

    /** No folder chosen, a mount over the page's own folder, over / or inside another mount: clear errors. */
    @Test
    void refusedMountsSayWhy() throws Exception {
        answer = null;
        List<String> log = Variants.run(page, dir, "refused.html", Variants.PY, "", "", """
                from pyscript import fs
                async def attempt(*args, **kwargs):
                    try:
                        await fs.mount(*args, **kwargs)
                        log("mounted", args)
                    except (PermissionError, ValueError) as error:
                        log(type(error).__name__, error)
                await attempt("/local")
                log("done")
                """);
        assertEquals(List.of("PermissionError fs.mount(/local): no folder was chosen (the folder chooser was cancelled)"),
                log, page.consoleText());
        answer = chosen;
        log = Variants.run(page, dir, "refused2.html", Variants.PY, "", "", """
                import os
                from pyscript import fs
                async def attempt(*args, **kwargs):
                    try:
                        await fs.mount(*args, **kwargs)
                        log("mounted", args)
                    except (PermissionError, ValueError) as error:
                        log(type(error).__name__, error)
                await attempt("/")
                await attempt(os.path.dirname(os.getcwd()))
                await attempt("/x", mode="write")
                await attempt("/x")
                await attempt("/x/inner", id="inner")
                await attempt("data")
                log("data" in os.listdir("."), open("data/notes.txt").read())
                log("done")
                """);
        assertEquals("PermissionError fs.mount(/): cannot mount over /", log.get(0));
        assertTrue(log.get(1).startsWith("PermissionError fs.mount(" + dir.getParent() + "): the page's site root "
                + "lies there"), log.get(1));
        assertEquals("ValueError fs.mount(): mode must be 'readwrite' or 'read', not 'write'", log.get(2));
        assertEquals("mounted ('/x',)", log.get(3));
        assertEquals("PermissionError fs.mount(/x/inner): /x is mounted there already; unmount it first", log.get(4));
        assertEquals("mounted ('data',)", log.get(5));
        assertEquals("True the user's notes", log.get(6));
        assertFalse(Files.exists(dir.resolve("data")), "the mount point left a folder in the page's folder");
    }
}
