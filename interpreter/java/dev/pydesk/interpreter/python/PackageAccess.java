package dev.pydesk.interpreter.python;

import dev.pydesk.interpreter.config.PageConfig;
import dev.pydesk.interpreter.files.ScopedFileSystem;
import dev.pydesk.interpreter.packages.PackageInstaller;
import java.util.List;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * {@code py_import} of one interpreter: installs a package on PyDesk's package threads and hands the result to
 * Python on the interpreter's own thread, through its event loop, as fetch does.
 */
public final class PackageAccess {
    private final PageConfig config;
    private final PageEnvironment page;
    private final ScopedFileSystem fileSystem;
    private volatile Interpreter interpreter;

    PackageAccess(PageConfig config, PageEnvironment page, ScopedFileSystem fileSystem) {
        this.config = config;
        this.page = page;
        this.fileSystem = fileSystem;
    }

    void attach(Interpreter bound) {
        this.interpreter = bound;
    }

    /**
     * Installs {@code requirement} (a name, a wheel path or URL) and its dependencies; {@code callback(folders,
     * topLevel, error)} runs on the interpreter's thread: the folders to put on {@code sys.path} and the
     * requirement's top-level modules (lists), or the error text.
     */
    @Export
    public void install(String requirement, Value callback) {
        Interpreter owner = interpreter;
        owner.started();
        PackageInstaller installer = Packages.installer(config, page);
        installer.install(requirement).whenComplete((installed, failure) -> {
            if (installed != null) installed.forEach(wheel -> fileSystem.allowReading(wheel.folder()));
            owner.execute(() -> {
                owner.ended();
                if (installed != null) {
                    List<Object> folders = List.copyOf(installed.stream().map(wheel -> wheel.folder().toString()).toList());
                    owner.callPython(callback, ProxyArray.fromList(folders),
                            ProxyArray.fromList(List.copyOf(installed.getFirst().topLevel())), null);
                } else {
                    owner.callPython(callback, null, null, Failures.rootMessage(failure));
                }
            });
        });
    }
}
