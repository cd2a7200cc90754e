package dev.pydesk.interpreter.packages;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Installs what {@code packages} and {@code py_import} ask for into the {@link WheelCache}, on PyDesk's own package
 * threads (never an interpreter's): a wheel of the page (or an {@code http(s)} URL) is read and unzipped unless the
 * same bytes are cached; a name is looked up on the package index and downloaded unless its wheel (by the index's
 * sha256) is cached.
 *
 * <p>The index: the config's {@code packages_index}, else the system property {@code pydesk.packages.index}, else the
 * environment variable {@code PYDESK_PACKAGES_INDEX}, else {@code https://pypi.org/pypi}; it must answer PyPI's
 * JSON API.
 */
public final class PackageInstaller {
    private final WheelCache cache;
    private final String index;
    private final Source source;
    private final Executor threads;
    private final HttpClient http;

    /**
     * @param threads PyDesk's file and network threads ({@code Services.io()})
     * @param http    the process's one HTTP client, for the package index
     */
    public PackageInstaller(WheelCache cache, String index, Source source, Executor threads, HttpClient http) {
        this.cache = cache;
        this.index = index;
        this.source = source;
        this.threads = threads;
        this.http = http;
    }

    /** The index to use when the config names none. */
    public static String defaultIndex() {
        String property = System.getProperty("pydesk.packages.index");
        if (property != null && !property.isBlank()) return property;
        String variable = System.getenv("PYDESK_PACKAGES_INDEX");
        return variable != null && !variable.isBlank() ? variable : PackageIndex.DEFAULT;
    }

    /** Runs PyDesk's file and package work off every interpreter's thread, on {@code threads}. */
    public static <T> CompletableFuture<T> offThread(Executor threads, IoSupplier<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.get();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    @FunctionalInterface
    public interface IoSupplier<T> {
        T get() throws IOException;
    }

    /**
     * Installs a requirement and, from the package index, the dependencies its wheel declares ({@code Requires-Dist}
     * whose environment marker applies to GraalPy 3.12 on Linux; no extras), each once. The requirement's own wheel
     * comes first in the list.
     */
    public CompletableFuture<List<WheelCache.Installed>> install(String requirement) {
        return offThread(threads, () -> installWithDependencies(requirement));
    }

    List<WheelCache.Installed> installWithDependencies(String text) throws IOException {
        List<WheelCache.Installed> installed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String[]> wanted = new ArrayDeque<>(); // {requirement, the package that requires it or null}
        wanted.add(new String[] {text, null});
        while (!wanted.isEmpty()) {
            String[] next = wanted.poll();
            WheelCache.Installed wheel;
            try {
                wheel = installNow(next[0]);
            } catch (PackageException e) {
                throw next[1] == null ? e : new PackageException(e.getMessage() + " (a dependency of " + next[1] + ")");
            }
            installed.add(wheel);
            seen.add(Requirement.normalize(wheel.name()));
            for (String dependency : Dependencies.of(wheel.folder())) {
                Requirement parsed = Requirement.parse(dependency);
                if (seen.add(parsed.name())) wanted.add(new String[] {dependency, wheel.name()});
            }
        }
        return installed;
    }

    public WheelCache.Installed installNow(String text) throws IOException {
        Requirement requirement = Requirement.parse(text);
        if (requirement.isWheel()) {
            byte[] wheel;
            try {
                wheel = source.read(requirement.text());
            } catch (IOException e) {
                throw new PackageException("cannot install \"" + text + "\": " + reason(e));
            }
            try {
                return cache.install(requirement.wheel(), wheel);
            } catch (PackageException e) {
                throw new PackageException("cannot install \"" + text + "\": " + e.getMessage());
            }
        }
        PackageIndex.Release release = PackageIndex.find(http, index, requirement);
        var cached = cache.find(release.fileName(), release.sha256());
        if (cached.isPresent()) return cached.get();
        byte[] wheel;
        try {
            wheel = source.read(release.url());
        } catch (IOException e) {
            throw new PackageException("cannot install \"" + text + "\": downloading " + release.url() + " failed: " + reason(e));
        }
        if (release.sha256() != null && !release.sha256().equalsIgnoreCase(WheelCache.sha256(wheel))) {
            throw new PackageException("cannot install \"" + text + "\": " + release.fileName()
                    + " does not match the sha256 the package index gives for it");
        }
        return cache.install(release.fileName(), wheel);
    }

    static String reason(IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException fse ? fse.getReason() : e.getMessage();
        if (e instanceof java.net.ConnectException) return "connection refused (offline?)";
        return reason == null ? e.toString() : reason;
    }
}
