package dev.pydesk.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** The JVM flags of jvm.flags (the project's one file of them), for tests that start a PyDesk JVM of their own. */
public final class JvmFlags {
    private JvmFlags() {}

    /** The flags of the named groups ({@code base}, {@code tuning}, ...), in order. */
    public static List<String> of(String... groups) {
        Properties properties = new Properties();
        // Maven runs the tests in the project's folder, where jvm.flags is
        try (Reader reader = Files.newBufferedReader(Path.of("jvm.flags"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read jvm.flags in " + Path.of("").toAbsolutePath(), e);
        }
        List<String> flags = new ArrayList<>();
        for (String group : groups) {
            String value = properties.getProperty("pydesk.jvm." + group);
            if (value == null) throw new IllegalArgumentException("jvm.flags has no pydesk.jvm." + group);
            flags.addAll(Arrays.stream(value.trim().split("\\s+")).filter(flag -> !flag.isEmpty()).toList());
        }
        return flags;
    }
}
