package dev.pydesk.interpreter.python;

import dev.pydesk.bridge.FxThread;
import dev.pydesk.interpreter.files.FolderChooser;
import dev.pydesk.interpreter.files.ScopedFileSystem;
import dev.pydesk.interpreter.net.PageResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * {@code pyscript.fs} of one interpreter: a mount asks the user for a folder (once per site root, mount point and id in
 * this run of PyDesk, as a browser keeps a granted folder handle), then makes it reachable at the mount point in this
 * interpreter's file system; {@code revoke} forgets the choice. Answers reach Python on the interpreter's thread.
 */
public final class MountAccess {
    /** site + "\n" + mount key ("/local@pyscript") -> the folder the user chose. */
    private static final Map<String, Path> CHOSEN = new ConcurrentHashMap<>();

    private final Path site;
    private final String page;
    private final ScopedFileSystem fileSystem;
    private final FolderChooser chooser;
    private volatile Interpreter interpreter;

    MountAccess(Path site, String page, ScopedFileSystem fileSystem, FolderChooser chooser) {
        this.site = site;
        this.page = page;
        this.fileSystem = fileSystem;
        this.chooser = chooser;
    }

    void attach(Interpreter bound) {
        this.interpreter = bound;
    }

    private String key(String point, String id) {
        return site + "\n" + point + "@" + id;
    }

    /**
     * Mounts a folder at {@code point}: the one chosen before for this point and id, or one the user chooses now.
     * {@code callback(error)} runs on the interpreter's thread; error is null once the folder is mounted.
     */
    @Export
    public void mount(String point, String mode, String startIn, String id, Value callback) {
        Interpreter owner = interpreter;
        boolean readOnly = "read".equals(mode);
        Path known = CHOSEN.get(key(point, id));
        if (known != null && Files.isDirectory(known)) {
            String error = attach(point, known, readOnly);
            owner.execute(() -> owner.callPython(callback, error));
            return;
        }
        owner.started();
        FxThread.later(() -> chooser.choose(new FolderChooser.Request(page, point, mode, startIn))
                .whenComplete((choice, failure) -> owner.execute(() -> {
                    owner.ended();
                    String error;
                    if (failure != null) {
                        error = "fs.mount(" + point + "): the folder chooser failed: " + Failures.rootMessage(failure);
                    } else if (choice.folder() == null) {
                        error = "fs.mount(" + point + "): no folder was chosen (" + choice.refusal() + ")";
                    } else if (!Files.isDirectory(choice.folder())) {
                        error = "fs.mount(" + point + "): " + choice.folder() + " is not a folder";
                    } else {
                        error = attach(point, choice.folder(), readOnly);
                        if (error == null) CHOSEN.put(key(point, id), choice.folder().toAbsolutePath().normalize());
                    }
                    owner.callPython(callback, error);
                })));
    }

    private String attach(String point, Path folder, boolean readOnly) {
        try {
            fileSystem.mount(point, folder.toAbsolutePath().normalize(), readOnly);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        } catch (IOException e) {
            return "fs.mount(" + point + "): cannot use " + folder + ": " + PageResources.message(e);
        }
    }

    /** Unmounts {@code point}; false when nothing was mounted there. */
    @Export
    public boolean unmount(String point) {
        return fileSystem.unmount(point);
    }

    /** Forgets the folder chosen for {@code point} and {@code id} (the next mount asks again) and unmounts it. */
    @Export
    public boolean revoke(String point, String id) {
        boolean known = CHOSEN.remove(key(point, id)) != null;
        if (known) fileSystem.unmount(point);
        return known;
    }

    /** True when a folder was chosen for {@code point} and {@code id} and is still there. */
    @Export
    public boolean granted(String point, String id) {
        Path known = CHOSEN.get(key(point, id));
        return known != null && Files.isDirectory(known);
    }
}
