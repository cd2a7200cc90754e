package dev.pydesk.interpreter.python;

import dev.pydesk.interpreter.files.StateFolder;
import dev.pydesk.interpreter.storage.Store;
import dev.pydesk.interpreter.storage.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * {@code pyscript.storage} of one interpreter: opens the site's named stores (reading them off the interpreter's
 * thread) and changes them; answers reach Python on the interpreter's own thread, as fetch's do. The stores it
 * opened are let go when the interpreter closes.
 */
public final class StorageAccess {
    private final Path site;
    private final java.util.concurrent.ExecutorService storage;
    private final Map<Integer, Store> opened = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Interpreter interpreter;
    private volatile boolean closed;

    /** @param storage where stores are read and written, one at a time ({@link Services#storage()}) */
    StorageAccess(Path site, java.util.concurrent.ExecutorService storage) {
        this.site = site;
        this.storage = storage;
    }

    void attach(Interpreter bound) {
        this.interpreter = bound;
    }

    /**
     * Opens the store {@code name}; {@code callback(id, entriesJson, error)} runs on the interpreter's thread with
     * the store's id and its entries (a JSON array of [key, value] texts), or with the error text.
     */
    @Export
    public void open(String name, Value callback) {
        Interpreter owner = interpreter;
        owner.started();
        CompletableFuture.supplyAsync(() -> {
            try {
                return Stores.acquire(StateFolder.path(), site, name, storage);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, storage).whenComplete((store, failure) -> owner.execute(() -> {
            owner.ended();
            if (store == null) {
                owner.callPython(callback, -1, null, "storage '" + name + "' could not be opened: "
                        + Failures.rootMessage(failure));
            } else if (closed) {
                Stores.release(store);
            } else {
                int id = ids.incrementAndGet();
                opened.put(id, store);
                owner.callPython(callback, id, store.entriesJson(), null);
            }
        }));
    }

    /** Sets an entry; returns null, or the reason it was refused. */
    @Export
    public String set(int id, String key, String value) {
        return store(id).set(key, value);
    }

    @Export
    public void delete(int id, String key) {
        store(id).delete(key);
    }

    @Export
    public void clear(int id) {
        store(id).clear();
    }

    /** Writes the store now; {@code callback(error)} runs on the interpreter's thread (error null when written). */
    @Export
    public void sync(int id, Value callback) {
        Interpreter owner = interpreter;
        owner.started();
        store(id).sync().whenComplete((ok, failure) -> owner.execute(() -> {
            owner.ended();
            owner.callPython(callback, failure == null ? null : Failures.rootMessage(failure));
        }));
    }

    private Store store(int id) {
        Store store = opened.get(id);
        if (store == null) throw new IllegalArgumentException("pyscript.storage: no open store " + id);
        return store;
    }

    /** The interpreter is closing: its stores are written and let go. */
    void close() {
        closed = true;
        opened.values().forEach(Stores::release);
        opened.clear();
    }
}
