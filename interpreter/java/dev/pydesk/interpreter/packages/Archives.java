package dev.pydesk.interpreter.packages;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks {@code .zip} and {@code .tar.gz} archives into a folder; an entry that would land outside it is refused. */
final class Archives {
    private Archives() {}

    static boolean isArchive(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".zip") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
    }

    static void unpack(String name, byte[] archive, Path folder) throws IOException {
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            unzip(archive, folder);
        } else {
            untar(new GZIPInputStream(new ByteArrayInputStream(archive)), folder);
        }
    }

    /** Where an archive entry goes inside {@code folder}; null for entries that are folders only. */
    static Path target(Path folder, String entry) throws IOException {
        String clean = entry.replace('\\', '/');
        while (clean.startsWith("./")) clean = clean.substring(2);
        if (clean.isEmpty() || clean.equals(".")) return null;
        Path target = folder.resolve(clean).normalize();
        if (clean.startsWith("/") || !target.startsWith(folder.normalize()) || target.equals(folder.normalize())) {
            throw new IOException("the archive entry " + entry + " would land outside its folder");
        }
        return target;
    }

    private static void unzip(byte[] archive, Path folder) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = target(folder, entry.getName());
                if (target == null) continue;
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** POSIX/ustar tar: regular files and folders; links and devices are skipped (they could point anywhere). */
    private static void untar(InputStream in, Path folder) throws IOException {
        try (in) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512) {
                if (isZeros(header)) break;
                String name = longName != null ? longName : field(header, 0, 100);
                longName = null;
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty() && header[257] == 'u') name = prefix + "/" + name;
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                byte type = header[156];
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'L') { // GNU long name for the next entry
                    longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                Path target = target(folder, name);
                if (target == null) continue;
                if (type == '5') {
                    Files.createDirectories(target);
                } else if (type == '0' || type == 0) {
                    Files.createDirectories(target.getParent());
                    Files.write(target, body);
                }
            }
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) end++;
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZeros(byte[] block) {
        for (byte b : block) {
            if (b != 0) return false;
        }
        return true;
    }
}
