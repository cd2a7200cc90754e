package dev.pydesk.interpreter.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PyScript's {@code files} rules, entry by entry (no page needed: the real page tests are in PackagesTest). */
class FilesLoaderTest {
    @TempDir
    Path dir;

    private static Map<String, Object> files(String... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return map;
    }

    @Test
    void destinationsFollowPyScriptsRules() throws Exception {
        assertEquals(List.of(
                        new FilesLoader.Entry("https://example.com/data.csv", "./data.csv", false),
                        new FilesLoader.Entry("https://example.com/a/b.txt?x=1", "b.txt", false),
                        new FilesLoader.Entry("./code.py", "./subdir/code.py", false),
                        new FilesLoader.Entry("https://my-server.com/a/path/1.2.3/foo.py", "./my_module/foo.py", false),
                        new FilesLoader.Entry("https://my-server.com/a/path/1.2.3/__init__.py", "./my_module/__init__.py", false),
                        new FilesLoader.Entry("./archive.zip", "./dest/", true),
                        new FilesLoader.Entry("./bundle.tar.gz", "/", true)),
                FilesLoader.plan(files(
                        "https://example.com/data.csv", "./data.csv",
                        "https://example.com/a/b.txt?x=1", "",
                        "./code.py", "./subdir/code.py",
                        "{DOMAIN}", "https://my-server.com",
                        "{PATH}", "a/path",
                        "{VERSION}", "1.2.3",
                        "{FROM}", "{DOMAIN}/{PATH}/{VERSION}",
                        "{TO}", "./my_module/",
                        "{FROM}/foo.py", "{TO}",
                        "{FROM}/__init__.py", "{TO}__init__.py",
                        "./archive.zip", "./dest/*",
                        "./bundle.tar.gz", "/*")));
    }

    @Test
    void duplicateDestinationsAndNonArchivesUnpackedAreErrors() {
        PackageException twice = assertThrows(PackageException.class,
                () -> FilesLoader.plan(files("./a/x.txt", "./x.txt", "./b/x.txt", "")));
        assertEquals("files: the destination \"x.txt\" is used twice: destinations must be unique", twice.getMessage());
        PackageException notArchive = assertThrows(PackageException.class,
                () -> FilesLoader.plan(files("./x.txt", "./dest/*")));
        assertTrue(notArchive.getMessage().contains("only .zip and .tar.gz archives can be unpacked"), notArchive.getMessage());
    }

    @Test
    void anArchiveEntryOutsideItsFolderIsRefused() throws Exception {
        byte[] evil = dev.pydesk.testing.TestWheels.zip(Map.of("../evil.txt", "x"));
        PackageException refused = assertThrows(PackageException.class, () -> FilesLoader.load(
                files("./evil.zip", "./dest/*"), reference -> evil, destination -> dir.resolve("scratch")
                        .resolve(destination)));
        assertTrue(refused.getMessage().contains("would land outside its folder"), refused.getMessage());
        assertTrue(Files.notExists(dir.resolve("evil.txt")) && Files.notExists(dir.resolve("scratch/evil.txt")));
        FilesLoader.load(files("./ok.txt", "./deep/er/"), reference -> "ok".getBytes(StandardCharsets.UTF_8),
                destination -> dir.resolve("scratch").resolve(destination));
        assertEquals("ok", Files.readString(dir.resolve("scratch/deep/er/ok.txt")));
    }
}
