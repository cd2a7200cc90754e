package dev.pydesk.interpreter.packages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PyScript's {@code files} config: {@code {"url or path": "destination"}}, the destination relative to the
 * interpreter's working folder (the page's folder). An empty destination takes the source's file name; one ending in
 * {@code /} is a folder that takes it; one ending in {@code /*} unpacks a {@code .zip} or {@code .tar.gz} there.
 * Keys like {@code {NAME}} define placeholders used by the other entries ({@code "{FROM}/a.py" = "{TO}/"}).
 * Destinations must be unique. Everything is written through {@link Destination}, i.e. into the scratch folder.
 */
public final class FilesLoader {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]+}");

    /** Where a destination (a path as page Python would name it) is written on disk. */
    @FunctionalInterface
    public interface Destination {
        Path writable(String destination) throws IOException;
    }

    /** One file (or archive) to copy, after placeholders are resolved. */
    record Entry(String from, String to, boolean unpack) {}

    private FilesLoader() {}

    public static void load(Map<?, ?> files, Source source, Destination destination) throws IOException {
        for (Entry entry : plan(files)) {
            byte[] bytes;
            try {
                bytes = source.read(entry.from());
            } catch (IOException e) {
                throw failed(entry, PackageInstaller.reason(e));
            }
            try {
                if (entry.unpack()) {
                    Path folder = destination.writable(entry.to());
                    Files.createDirectories(folder);
                    Archives.unpack(fileName(entry.from()), bytes, folder);
                } else {
                    Path file = destination.writable(entry.to());
                    Files.createDirectories(file.getParent());
                    Files.write(file, bytes);
                }
            } catch (IOException e) {
                throw failed(entry, PackageInstaller.reason(e));
            }
        }
    }

    private static PackageException failed(Entry entry, String why) {
        return new PackageException("files: cannot copy \"" + entry.from() + "\" to \"" + entry.to() + "\": " + why);
    }

    static List<Entry> plan(Map<?, ?> files) throws PackageException {
        Map<String, String> placeholders = new LinkedHashMap<>();
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : files.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String value = entry.getValue() == null ? "" : String.valueOf(entry.getValue());
            if (PLACEHOLDER.matcher(key).matches()) {
                placeholders.put(key, value);
            } else {
                entries.put(key, value);
            }
        }
        List<Entry> plan = new ArrayList<>();
        Set<String> destinations = new HashSet<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String from = resolve(entry.getKey(), placeholders);
            String to = resolve(entry.getValue(), placeholders);
            boolean unpack = to.endsWith("/*") || to.equals("*");
            if (unpack) {
                if (!Archives.isArchive(from.split("[?#]")[0])) {
                    throw new PackageException("files: \"" + from + "\" -> \"" + to
                            + "\": only .zip and .tar.gz archives can be unpacked into a folder (a destination ending in /*)");
                }
                to = to.substring(0, to.length() - 1);
                if (to.isEmpty()) to = "./";
            } else if (to.isEmpty()) {
                to = fileName(from);
            } else if (to.endsWith("/")) {
                to = to + fileName(from);
            }
            if (!destinations.add(sameFile(to))) {
                throw new PackageException("files: the destination \"" + to + "\" is used twice: destinations must be unique");
            }
            plan.add(new Entry(from, to, unpack));
        }
        return plan;
    }

    private static String resolve(String text, Map<String, String> placeholders) throws PackageException {
        String resolved = text;
        for (int round = 0; round < 20; round++) {
            String before = resolved;
            for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                resolved = resolved.replace(placeholder.getKey(), placeholder.getValue());
            }
            if (resolved.equals(before)) return resolved;
        }
        throw new PackageException("files: the placeholders in \"" + text + "\" refer to each other without end");
    }

    /** One spelling per destination: {@code ./x.txt}, {@code x.txt} and {@code /x.txt} are one file in PyDesk. */
    private static String sameFile(String destination) {
        String relative = destination.replaceFirst("^/+", "");
        return java.nio.file.Path.of(relative.isEmpty() ? "." : relative).normalize().toString();
    }

    static String fileName(String reference) {
        String path = reference.split("[?#]")[0];
        if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
