package dev.pydesk.interpreter.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.TestWheels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the wheel cache accepts, where it unpacks, and the markers and requirements around it. */
class WheelCacheTest {
    @TempDir
    Path dir;

    @Test
    void aPureWheelIsUnpackedOnceWithItsPurelibDataOnTheRoot() throws Exception {
        WheelCache cache = new WheelCache(dir);
        byte[] wheel = TestWheels.pureWheel("Demo_Pkg", "2.0", Map.of("demo/__init__.py", "",
                "Demo_Pkg-2.0.data/purelib/extra_mod.py", "", "Demo_Pkg-2.0.data/scripts/tool", "#!python"));
        int before = WheelCache.unpackedCount();
        WheelCache.Installed installed = cache.install("Demo_Pkg-2.0-py3-none-any.whl", wheel);
        assertEquals(before + 1, WheelCache.unpackedCount());
        assertTrue(installed.folder().getFileName().toString().matches("demo_pkg-2\\.0-[0-9a-f]{16}"), installed.folder().toString());
        assertEquals(List.of("demo", "extra_mod"), installed.topLevel());
        assertTrue(Files.isRegularFile(installed.folder().resolve("extra_mod.py")));
        assertFalse(Files.exists(installed.folder().resolve("tool")), "scripts are not on sys.path");
        assertEquals(installed, cache.install("Demo_Pkg-2.0-py3-none-any.whl", wheel));
        assertEquals(before + 1, WheelCache.unpackedCount(), "the same bytes were unpacked twice");
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "a partial folder was left behind");
        }
    }

    @Test
    void interpretersInstallingOneWheelAtOnceGetOneFolder() throws Exception {
        WheelCache cache = new WheelCache(dir);
        byte[] wheel = TestWheels.pureWheel("race", "1.0", Map.of("race/__init__.py", "X = 1\n"));
        int before = WheelCache.unpackedCount();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var installs = new java.util.ArrayList<java.util.concurrent.Future<WheelCache.Installed>>();
            for (int i = 0; i < 8; i++) installs.add(pool.submit(() -> cache.install("race-1.0-py3-none-any.whl", wheel)));
            Path folder = installs.getFirst().get().folder();
            for (var install : installs) assertEquals(folder, install.get().folder());
            assertEquals("X = 1\n", Files.readString(folder.resolve("race/__init__.py")));
        } finally {
            pool.shutdown();
        }
        assertEquals(before + 1, WheelCache.unpackedCount());
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "partial folders were left behind");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "x-1.0-cp312-cp312-manylinux_2_17_x86_64.whl|true|x/__init__.py|is not a pure-Python wheel (cp312-cp312-manylinux_2_17_x86_64)",
            "x-1.0-py3-none-any.whl|false|x/__init__.py|its WHEEL file does not say Root-Is-Purelib: true",
            "x-1.0-py3-none-any.whl|true|x/_native.abi3.so|it contains native code (x/_native.abi3.so)",
            "x-1.0-py3-none-any.whl|true|../outside.py|is not a valid wheel: the archive entry ../outside.py would land outside",
            "x-1.0-py2-none-any.whl|true|x/__init__.py|is not a pure-Python wheel (py2-none-any)",
            "not-a-wheel.whl|true|x/__init__.py|is not a wheel file name"})
    void impureOrBrokenWheelsAreRefusedWithTheReason(String fileName, boolean purelib, String file, String reason)
            throws Exception {
        byte[] wheel = TestWheels.wheel("x", "1.0", "py3-none-any", purelib, Map.of(file, ""));
        PackageException refused = assertThrows(PackageException.class, () -> new WheelCache(dir).install(fileName, wheel));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.filter(Files::isDirectory).count(), "a refused wheel left a folder");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "python_version < \"3.8\"|false",
            "python_version >= \"3.8\"|true",
            "python_full_version >= \"3.12.1\" and python_version < \"3.13\"|true",
            "sys_platform == \"win32\"|false",
            "sys_platform == \"win32\" or (os_name == \"posix\" and extra != \"x\")|true",
            "extra == \"test\"|false",
            "platform_python_implementation == 'CPython'|false",
            "'linux' in sys_platform|true",
            "some_future_marker == \"1\"|true"})
    void markersAreEvaluatedForGraalPyOnLinux(String marker, boolean applies) {
        assertEquals(applies, Markers.applies(marker), marker);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "numpy|numpy|",
            "Typing_Extensions==4.12.2|typing-extensions|4.12.2",
            "snowballstemmer>=2.2.0|snowballstemmer|",
            "requests[socks] (>=2.0)|requests|",
            "zope.interface ; python_version > \"3\"|zope-interface|"})
    void requirementsAreNamesWithAnExactVersionOrNone(String text, String name, String version) throws Exception {
        Requirement requirement = Requirement.parse(text);
        assertEquals(name, requirement.name());
        assertEquals(version, requirement.exactVersion());
        assertFalse(requirement.isWheel());
    }
}
