package dev.pydesk.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small wheels, zips and tarballs at test time (nothing of the kind is committed: they are build outputs). */
public final class TestWheels {
    private TestWheels() {}

    /**
     * A wheel {@code dist-version-tag.whl} holding {@code files} (path -> text) plus its {@code .dist-info}
     * ({@code METADATA}, {@code WHEEL} with the given Root-Is-Purelib and tag, {@code RECORD}).
     */
    public static byte[] wheel(String dist, String version, String tag, boolean purelib, Map<String, String> files)
            throws IOException {
        return wheel(dist, version, tag, purelib, files, "");
    }

    /** As above, with more {@code METADATA} header lines (e.g. {@code Requires-Dist: other\n}). */
    public static byte[] wheel(String dist, String version, String tag, boolean purelib, Map<String, String> files,
                               String metadata) throws IOException {
        String info = dist + "-" + version + ".dist-info/";
        Map<String, String> all = new LinkedHashMap<>(files);
        all.put(info + "METADATA", "Metadata-Version: 2.1\nName: " + dist + "\nVersion: " + version + "\n" + metadata
                + "\nRequires-Dist: not-a-header (the description starts after the empty line)\n");
        all.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: pydesk-tests\nRoot-Is-Purelib: " + purelib
                + "\nTag: " + tag + "\n");
        StringBuilder record = new StringBuilder();
        for (String path : all.keySet()) record.append(path).append(",,\n");
        record.append(info).append("RECORD,,\n");
        all.put(info + "RECORD", record.toString());
        return zip(all);
    }

    /** A pure-Python wheel ({@code py3-none-any}). */
    public static byte[] pureWheel(String dist, String version, Map<String, String> files) throws IOException {
        return wheel(dist, version, "py3-none-any", true, files);
    }

    public static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A {@code .tar.gz} (ustar) of regular files. */
    public static byte[] tarGz(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] body = file.getValue().getBytes(StandardCharsets.UTF_8);
                byte[] header = new byte[512];
                put(header, 0, file.getKey());
                put(header, 100, "0000644");
                put(header, 108, "0000000");
                put(header, 116, "0000000");
                put(header, 124, String.format("%011o", body.length));
                put(header, 136, String.format("%011o", 0));
                header[156] = '0';
                put(header, 257, "ustar");
                put(header, 263, "00");
                for (int i = 148; i < 156; i++) header[i] = ' ';
                int sum = 0;
                for (byte b : header) sum += b & 0xff;
                put(header, 148, String.format("%06o", sum));
                header[154] = 0;
                header[155] = ' ';
                gzip.write(header);
                gzip.write(body);
                gzip.write(new byte[(512 - body.length % 512) % 512]);
            }
            gzip.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] value = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(value, 0, header, offset, value.length);
    }
}
