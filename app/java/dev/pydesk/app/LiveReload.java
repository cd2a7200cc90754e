package dev.pydesk.app;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Live reload's eyes: watches a page's root folder and every folder below it with the JDK's {@link WatchService}
 * (inotify on Linux: the thread sleeps until the kernel reports a change, no polling), waits until changes have
 * stopped for a moment (an editor's save is often several events), then tells the FX thread which files changed.
 * Hidden files and folders, editors' temporary files and {@code __pycache__} do not count.
 */
final class LiveReload implements AutoCloseable {
    static final Duration DEBOUNCE = Duration.ofMillis(200);
    /** Beyond this many folders (a page opened from the home folder...) the deeper ones are not watched. */
    static final int MAX_FOLDERS = 2000;

    private final Consumer<List<Path>> onChange;
    private final Set<Path> own = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private WatchService service;
    private Thread thread;
    private Path root;

    /** {@code onChange} runs on the FX thread with the changed files, relative to the root. */
    LiveReload(Consumer<List<Path>> onChange) {
        this.onChange = onChange;
    }

    /**
     * Files PyDesk itself writes (headless stdout redirected into the page's folder, a screenshot): writing them is
     * not an edit, or every run would start the next.
     */
    LiveReload ignoring(List<Path> files) {
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            own.add(absolute);
            try {
                if (absolute.getParent() != null) own.add(absolute.getParent().toRealPath().resolve(absolute.getFileName()));
            } catch (IOException noSuchFolder) {
                // the absolute path is all there is
            }
        }
        return this;
    }

    /** Watches {@code folder} (and below) from now on; the same folder again changes nothing. */
    synchronized void watch(Path folder) throws IOException {
        Path wanted = folder.toAbsolutePath().normalize();
        if (wanted.equals(root) && service != null) return;
        close();
        WatchService made = FileSystems.getDefault().newWatchService();
        root = wanted;
        service = made;
        registerTree(made, wanted);
        thread = new Thread(() -> run(made, wanted), "pydesk-live-reload");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized Path root() {
        return service == null ? null : root;
    }

    private static void registerTree(WatchService service, Path top) throws IOException {
        int[] folders = {0};
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(top) && ignored(dir)) return FileVisitResult.SKIP_SUBTREE;
                if (++folders[0] > MAX_FOLDERS) return FileVisitResult.TERMINATE;
                dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // an unreadable folder is simply not watched
            }
        });
    }

    /** Names that are not the page's content: hidden files, editors' swap and backup files, Python's caches. */
    static boolean ignored(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return name.startsWith(".") || name.endsWith("~") || name.startsWith("#") || name.equals("4913")
                || lower.endsWith(".swp") || lower.endsWith(".swx") || lower.endsWith(".tmp")
                || name.contains("___jb_") || name.equals("__pycache__") || name.equals("node_modules");
    }

    private void run(WatchService service, Path top) {
        try {
            while (true) {
                Set<Path> changed = new LinkedHashSet<>();
                collect(service, service.take(), top, changed, own);
                // Quiet for DEBOUNCE: the save is complete.
                WatchKey next;
                while ((next = service.poll(DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    collect(service, next, top, changed, own);
                }
                if (!changed.isEmpty()) {
                    List<Path> files = List.copyOf(changed);
                    Platform.runLater(() -> {
                        if (root() != null && top.equals(root())) onChange.accept(files);
                    });
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // watching ended
        }
    }

    private static void collect(WatchService service, WatchKey key, Path top, Set<Path> changed, Set<Path> own) {
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed.add(Path.of("(many files)"));
                continue;
            }
            Path file = folder.resolve((Path) event.context());
            if (isIgnored(top, file) || own.contains(file)) continue;
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(file)) {
                try {
                    registerTree(service, file);
                } catch (IOException | ClosedWatchServiceException e) {
                    // gone again, or watching ended
                }
            }
            changed.add(top.relativize(file));
        }
        key.reset();
    }

    private static boolean isIgnored(Path top, Path file) {
        for (Path part = file; part != null && !part.equals(top); part = part.getParent()) {
            if (ignored(part)) return true;
        }
        return false;
    }

    /** What changed, for the status line: "main.py changed", "main.py and 2 more files changed". */
    static String describe(List<Path> files) {
        List<String> names = new ArrayList<>();
        for (Path file : files) names.add(file.toString());
        if (names.size() == 1) return names.getFirst() + " changed";
        return names.getFirst() + " and " + (names.size() - 1) + " more file" + (names.size() == 2 ? "" : "s") + " changed";
    }

    @Override
    public synchronized void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (thread != null) thread.interrupt();
        service = null;
        thread = null;
        root = null;
    }
}
