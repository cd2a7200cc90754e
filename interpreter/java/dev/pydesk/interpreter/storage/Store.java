package dev.pydesk.interpreter.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * One named store of one site: its entries in memory while some interpreter has it open, and its file, written
 * whole after every change (a temporary file moved over the old one, so a crash never leaves half a store). Keys
 * and values are opaque texts that the Python side encodes. Thread-safe: the page's thread and its workers share it.
 */
public final class Store {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 1;

    private final Path file;
    private final String site;
    private final String name;
    private final long limit;
    private final ExecutorService writer;
    private final Map<String, String> entries = new LinkedHashMap<>();
    private final Object writing = new Object();
    private long size;
    private long changes;
    private long written;
    private boolean writeQueued;
    private String writeError;
    int users;

    private Store(Path file, String site, String name, long limit, ExecutorService writer) {
        this.file = file;
        this.site = site;
        this.name = name;
        this.limit = limit;
        this.writer = writer;
    }

    /** Reads the store's file, if it has one. */
    static Store load(Path file, String site, String name, long limit, ExecutorService writer) throws IOException {
        Store store = new Store(file, site, name, limit, writer);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return store;
        }
        JsonNode saved;
        try {
            saved = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("the saved store " + file + " is not valid (" + e.getOriginalMessage()
                    + "): delete that file to start the store afresh");
        }
        if (saved == null || saved.path("format").asInt() != FORMAT || !saved.path("entries").isArray()) {
            throw new IOException("the saved store " + file + " is not one PyDesk can read: delete that file to start"
                    + " the store afresh");
        }
        for (JsonNode pair : saved.get("entries")) {
            store.entries.put(pair.path(0).asText(), pair.path(1).asText());
        }
        store.size = store.entries.entrySet().stream().mapToLong(e -> weight(e.getKey(), e.getValue())).sum();
        return store;
    }

    private static long weight(String key, String value) {
        return 2L * (key.length() + value.length()); // UTF-16 code units, as a browser's quota counts strings
    }

    String name() {
        return name;
    }

    /** The entries as a JSON array of [key, value] pairs. */
    public synchronized String entriesJson() {
        ArrayNode pairs = JSON.createArrayNode();
        entries.forEach((key, value) -> pairs.addArray().add(key).add(value));
        return pairs.toString();
    }

    /** Sets an entry; returns null, or why it was refused (the store would outgrow its limit). */
    public synchronized String set(String key, String value) {
        String old = entries.get(key);
        long grown = size - (old == null ? 0 : weight(key, old)) + weight(key, value);
        if (grown > limit) {
            return "storage '" + name + "' is full: it would hold " + megabytes(grown) + " MB, more than the "
                    + megabytes(limit) + " MB a store may hold in PyDesk. Delete entries, or keep large data in files.";
        }
        entries.put(key, value);
        size = grown;
        changed();
        return null;
    }

    public synchronized void delete(String key) {
        String old = entries.remove(key);
        if (old != null) {
            size -= weight(key, old);
            changed();
        }
    }

    public synchronized void clear() {
        if (entries.isEmpty()) return;
        entries.clear();
        size = 0;
        changed();
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    private void changed() {
        changes++;
        if (!writeQueued) {
            writeQueued = true;
            writer.execute(this::writeNow);
        }
    }

    /** Completes once every change made so far is on disk, or with the reason it could not be written. */
    public CompletableFuture<Void> sync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        writer.execute(() -> {
            String error = writeNow();
            if (error == null) done.complete(null);
            else done.completeExceptionally(new IOException(error));
        });
        return done;
    }

    /** Writes the store if it changed since the last write; returns null or the write error. */
    String writeNow() {
        synchronized (writing) { // one write at a time; the entries stay usable meanwhile
            String text;
            long version;
            synchronized (this) {
                writeQueued = false;
                if (written == changes) return writeError;
                ObjectNode saved = JSON.createObjectNode();
                saved.put("format", FORMAT).put("site", site).put("name", name);
                ArrayNode pairs = saved.putArray("entries");
                entries.forEach((key, value) -> pairs.addArray().add(key).add(value));
                text = saved.toString();
                version = changes;
            }
            String error = null;
            try {
                Files.createDirectories(file.getParent());
                Path temporary = Files.createTempFile(file.getParent(), ".store-", ".tmp");
                try {
                    Files.writeString(temporary, text, StandardCharsets.UTF_8);
                    try {
                        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(temporary);
                }
            } catch (IOException e) {
                error = "storage '" + name + "' could not be saved to " + file + ": " + reason(e);
            }
            synchronized (this) {
                if (error == null) written = Math.max(written, version);
                writeError = error;
                return error;
            }
        }
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) return fse.getReason();
        return String.valueOf(e.getMessage());
    }
}
