package dev.pydesk.interpreter.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * PyDesk's own Python modules compiled once, at build time, instead of in every interpreter: GraalPy's compiler runs
 * cold in every new JVM (in a fresh JVM compiling all of them took 0.24-0.42 s, loading their kept code 0.06-0.13 s;
 * docs/performance.md). The launcher's AOT training run writes each module's marshalled code object
 * into the folder named by {@code -Dpydesk.codeCache} (with {@code -Dpydesk.codeCache.write=true}); later runs read it
 * from there. An entry is named after the module, GraalPy's cache tag, the bytecode interpreter in use and a hash of
 * the source, so a changed source or another GraalPy is never served stale code. Only a training run writes, and only
 * what {@link ModuleFinder} compiled itself from PyDesk's sources: page Python, which can reach the finder, can never
 * make a later run load code of its choosing.
 */
final class CompiledModules {
    /** The cache the launcher set up with {@code -Dpydesk.codeCache} (none without it, e.g. in tests). */
    static final CompiledModules FROM_PROPERTIES = new CompiledModules(
            System.getProperty("pydesk.codeCache") == null ? null : Path.of(System.getProperty("pydesk.codeCache")),
            Boolean.getBoolean("pydesk.codeCache.write"));
    private static final String INTERPRETER =
            Boolean.getBoolean("python.EnableBytecodeDSLInterpreter") ? "dsl" : "manual";

    private final Path folder;
    private final boolean write;

    /** {@code folder} null: no cache. {@code write}: a training run, which fills the cache and reads nothing. */
    CompiledModules(Path folder, boolean write) {
        this.folder = folder;
        this.write = write;
    }

    /** The marshalled code of module {@code name} (base64), if the cache has it for this source and GraalPy. */
    Optional<String> read(String name, String source, String cacheTag) {
        if (folder == null || write) return Optional.empty();
        Path entry = entry(name, source, cacheTag);
        if (entry == null || !Files.isRegularFile(entry)) return Optional.empty();
        try {
            return Optional.of(Files.readString(entry, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return Optional.empty(); // the module compiles from source instead
        }
    }

    boolean writing() {
        return folder != null && write;
    }

    /** Keeps the marshalled code of a module just compiled, in a training run only. */
    void write(String name, String source, String cacheTag, String marshalled) {
        if (!writing()) return;
        Path entry = entry(name, source, cacheTag);
        if (entry == null) return;
        try {
            Files.createDirectories(folder);
            Path part = Files.createTempFile(folder, name, ".part");
            Files.writeString(part, marshalled, StandardCharsets.US_ASCII);
            Files.move(part, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // no cache entry: the module compiles from source at every start, as without a cache
        }
    }

    /** Where module {@code name}'s code for this source and GraalPy (its cache tag) is kept; null for a bad tag. */
    Path entry(String name, String source, String cacheTag) {
        if (!cacheTag.matches("[A-Za-z0-9_.-]+")) return null;
        return folder.resolve(name + "." + cacheTag + "-" + INTERPRETER + "." + hash(source) + ".b64");
    }

    private static String hash(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
