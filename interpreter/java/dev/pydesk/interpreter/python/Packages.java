package dev.pydesk.interpreter.python;

import dev.pydesk.bridge.Timing;
import dev.pydesk.interpreter.config.PageConfig;
import dev.pydesk.interpreter.files.ScopedFileSystem;
import dev.pydesk.interpreter.net.PageResources;
import dev.pydesk.interpreter.packages.FilesLoader;
import dev.pydesk.interpreter.packages.PackageInstaller;
import dev.pydesk.interpreter.packages.WheelCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Gets an interpreter's config {@code files} and {@code packages} ready before its first script runs: files are
 * copied into its scratch folder and wheels installed into the per-user cache, off every interpreter's thread, at
 * the same time; then the installed folders go on {@code sys.path} on the interpreter's own thread. What cannot be
 * had is reported (console and banner) with the package and the reason, and then, as in PyScript, none of the
 * interpreter's scripts run: the future fails with {@link SetupFailed}.
 */
public final class Packages {
    private Packages() {}

    /** Some of the config's packages or files could not be had (each was reported with its reason). */
    public static final class SetupFailed extends RuntimeException {
        SetupFailed() {
            super("its config's packages or files could not be had (see the errors above)", null, false, false);
        }
    }

    /**
     * Call once the interpreter is bound, on any thread; completes (on the interpreter's thread) when its scripts
     * may run. For the page's main-thread interpreters and for workers alike.
     */
    public static CompletableFuture<Interpreter> setUp(Interpreter interpreter, PageConfig config, PageEnvironment page) {
        List<String> requirements = requirements(config);
        Map<?, ?> files = config.get("files").orElse(null) instanceof Map<?, ?> map ? map : null;
        if (requirements.isEmpty() && files == null) return CompletableFuture.completedFuture(interpreter);
        String source = interpreter.source();
        ScopedFileSystem fileSystem = interpreter.fileSystem();
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        Timing.mark(source + ": files and packages");
        CompletableFuture<Void> copied = files == null ? CompletableFuture.completedFuture(null)
                : PackageInstaller.<Void>offThread(page.services().io(), () -> {
                    FilesLoader.load(files, page.resources().forConfig(config)::readBytes, destination -> fileSystem.scratchPathFor(
                            inPageFolder(fileSystem, destination)));
                    return null;
                }).exceptionally(failure -> {
                    failed.set(true);
                    page.errors().pageError(source, Failures.rootMessage(failure));
                    return null;
                });
        PackageInstaller installer = installer(config, page);
        List<CompletableFuture<List<WheelCache.Installed>>> installs = new ArrayList<>();
        for (String requirement : requirements) {
            installs.add(installer.install(requirement).exceptionally(failure -> {
                failed.set(true);
                page.errors().pageError(source, "packages: " + Failures.rootMessage(failure));
                return null;
            }));
        }
        CompletableFuture<Interpreter> ready = new CompletableFuture<>();
        List<CompletableFuture<?>> all = new ArrayList<>(installs);
        all.add(copied);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
            List<String> folders = new ArrayList<>();
            for (CompletableFuture<List<WheelCache.Installed>> install : installs) {
                for (WheelCache.Installed installed : install.getNow(null) == null ? List.<WheelCache.Installed>of()
                        : install.getNow(null)) {
                    fileSystem.allowReading(installed.folder());
                    if (!folders.contains(installed.folder().toString())) folders.add(installed.folder().toString());
                }
            }
            if (failed.get()) {
                ready.completeExceptionally(new SetupFailed());
                return;
            }
            interpreter.execute(() -> {
                // also after files only: an import may have listed the working folder before they were copied in
                interpreter.addPackagePaths(folders);
                Timing.mark(source + ": files and packages ready");
                ready.complete(interpreter);
            });
        });
        return ready;
    }

    static PackageInstaller installer(PageConfig config, PageEnvironment page) {
        String index = config.get("packages_index").map(String::valueOf).filter(text -> !text.isBlank())
                .orElseGet(PackageInstaller::defaultIndex);
        PageResources relative = page.resources().forConfig(config); // wheel paths are relative to the config's file
        return new PackageInstaller(WheelCache.standard(), relative.resolve(index).toString(), relative::readBytes,
                page.services().io(), page.services().http());
    }

    private static List<String> requirements(PageConfig config) {
        Object packages = config.get("packages").orElse(null);
        List<String> names = new ArrayList<>();
        if (packages instanceof List<?> list) {
            for (Object item : list) {
                if (item != null && !String.valueOf(item).isBlank()) names.add(String.valueOf(item));
            }
        } else if (packages instanceof String single && !single.isBlank()) {
            names.add(single);
        }
        return names;
    }

    /**
     * A destination of {@code files} as a path of the page's view: relative to the working folder (the page's
     * folder, whatever the site root); an absolute destination is taken from the page's folder too (it plays the
     * file system's root). Sources are relative to the config's file ({@link PageResources#forConfig}).
     */
    private static Path inPageFolder(ScopedFileSystem fileSystem, String destination) throws IOException {
        Path folder = fileSystem.pageFolder();
        Path given = Path.of(destination);
        if (given.isAbsolute() && given.normalize().startsWith(folder)) return given.normalize();
        String relative = destination.replaceFirst("^/+", "");
        return folder.resolve(relative).normalize();
    }
}
