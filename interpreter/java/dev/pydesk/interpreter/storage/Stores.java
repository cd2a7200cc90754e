package dev.pydesk.interpreter.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Every store open in this process, by file: the interpreters of a page, its workers and a reloaded page share one
 * {@link Store} while any of them has it open; when the last lets go it is written and forgotten, so the next one to
 * open it reads it back from disk. A store lives in {@code STATE/storage/SITE/NAME.json}: one folder per site
 * root (the folder the page server serves, PyDesk's stand-in for an origin), so two site roots never share a store.
 */
public final class Stores {
    /** Bytes of text a store may hold: {@code -Dpydesk.storage.limit}, else 64 MiB. */
    static final String LIMIT_PROPERTY = "pydesk.storage.limit";
    private static final long DEFAULT_LIMIT = 64L * 1024 * 1024;
    private static final Map<Path, Store> OPEN = new HashMap<>();

    /** Writes every open store now: the process is ending ({@code Services.lastWrites()}). */
    public static void writeAll() {
        List<Store> open;
        synchronized (Stores.class) {
            open = List.copyOf(OPEN.values());
        }
        open.forEach(Store::writeNow);
    }

    private Stores() {}

    /**
     * Opens the store {@code name} of {@code site} (reading its file when nobody has it open). Blocking I/O. A store
     * read now is written on {@code writer} ({@code Services.storage()}), one write after the other.
     */
    public static synchronized Store acquire(Path stateFolder, Path site, String name, ExecutorService writer)
            throws IOException {
        Path file = fileOf(stateFolder, site, name);
        Store store = OPEN.get(file);
        if (store == null) {
            store = Store.load(file, site.toString(), name, limit(), writer);
            OPEN.put(file, store);
        }
        store.users++;
        return store;
    }

    /** Lets go of a store; the last user writes it to disk now (the page is closing). */
    public static void release(Store store) {
        boolean last;
        synchronized (Stores.class) {
            last = --store.users == 0;
            if (last) OPEN.values().remove(store);
        }
        if (last) store.writeNow();
    }

    static Path fileOf(Path stateFolder, Path site, String name) {
        Path folder = site.getFileName() == null ? site : site.getFileName();
        return stateFolder.resolve("storage").resolve(readable(folder.toString()) + "-" + digest(site.toString(), 16))
                .resolve(readable(name) + "-" + digest(name, 12) + ".json");
    }

    private static String readable(String text) {
        String kept = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return kept.length() > 40 ? kept.substring(0, 40) : kept;
    }

    private static String digest(String text, int length) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long limit() {
        String given = System.getProperty(LIMIT_PROPERTY);
        if (given == null || given.isBlank()) return DEFAULT_LIMIT;
        try {
            return Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }
}
