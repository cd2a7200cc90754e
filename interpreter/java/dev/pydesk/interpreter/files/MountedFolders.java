package dev.pydesk.interpreter.files;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The folders the user chose for {@code pyscript.fs.mount}: each is seen by page Python at its mount point (e.g.
 * {@code /local}), and only there, from the moment it is mounted until it is unmounted. Paths below a mount point go
 * to the chosen folder; links that lead out of it are refused; a read-only mount refuses every change. Python only
 * ever sees mount-point paths, never where the folder is on disk.
 */
final class MountedFolders {
    record Mount(Path point, Path folder, Path folderReal, boolean readOnly) {}

    private final FileSystem delegate = FileSystem.newDefaultFileSystem();
    private final List<Mount> mounts = new CopyOnWriteArrayList<>();

    /** Mounts {@code folder} at {@code point} (both absolute and normalized); the caller checked for overlaps. */
    void add(Path point, Path folder, boolean readOnly) throws IOException {
        mounts.add(new Mount(point, folder, folder.toRealPath(), readOnly));
    }

    boolean remove(Path point) {
        return mounts.removeIf(mount -> mount.point().equals(point));
    }

    /** The mount that {@code point} would overlap (the same point, one inside it, or one it lies inside), if any. */
    Mount overlapping(Path point) {
        for (Mount mount : mounts) {
            if (mount.point().startsWith(point) || point.startsWith(mount.point())) return mount;
        }
        return null;
    }

    /** The mount an absolute, normalized path lies in, or null. */
    Mount of(Path absolute) {
        if (mounts.isEmpty()) return null;
        for (Mount mount : mounts) {
            if (absolute.startsWith(mount.point())) return mount;
        }
        return null;
    }

    /** Names of mount points directly inside {@code folder}: they show in its listing. */
    List<String> pointsIn(Path folder) {
        List<String> names = new ArrayList<>();
        for (Mount mount : mounts) {
            Path parent = mount.point().getParent();
            if (parent != null && parent.equals(folder)) names.add(mount.point().getFileName().toString());
        }
        return names;
    }

    // ---------------------------------------------------------------------------------- operations in a mount

    /** The file on disk for a path of a mount; refused when a link leads out of the chosen folder. */
    private static Path onDisk(Mount mount, Path absolute, Path shown) throws IOException {
        Path file = mount.folder().resolve(mount.point().relativize(absolute).toString());
        Path existing = file;
        while (existing != null && !Files.exists(existing)) {
            if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) throw outside(shown); // a dangling link
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(mount.folderReal())) throw outside(shown);
        return file;
    }

    private static AccessDeniedException outside(Path shown) {
        return new AccessDeniedException(shown.toString(), null, "a link leads outside the mounted folder");
    }

    private static AccessDeniedException readOnly(Path shown) {
        return new AccessDeniedException(shown.toString(), null, "mounted read-only (fs.mount(..., mode=\"read\"))");
    }

    private static boolean writes(Set<? extends OpenOption> options) {
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)
                || options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW)
                || options.contains(StandardOpenOption.DELETE_ON_CLOSE)
                || options.contains(StandardOpenOption.TRUNCATE_EXISTING);
    }

    void checkAccess(Mount mount, Path absolute, Path shown, Set<? extends AccessMode> modes, LinkOption... links)
            throws IOException {
        if (mount.readOnly() && modes.contains(AccessMode.WRITE)) throw readOnly(shown);
        delegate.checkAccess(onDisk(mount, absolute, shown), modes, links);
    }

    void createDirectory(Mount mount, Path absolute, Path shown, FileAttribute<?>... attrs) throws IOException {
        if (mount.readOnly()) throw readOnly(shown);
        delegate.createDirectory(onDisk(mount, absolute, shown), attrs);
    }

    void delete(Mount mount, Path absolute, Path shown) throws IOException {
        if (mount.readOnly()) throw readOnly(shown);
        if (absolute.equals(mount.point())) {
            throw new AccessDeniedException(shown.toString(), null, "a mount point cannot be deleted: fs.unmount() it");
        }
        delegate.delete(onDisk(mount, absolute, shown));
    }

    SeekableByteChannel newByteChannel(Mount mount, Path absolute, Path shown, Set<? extends OpenOption> options,
                                       FileAttribute<?>... attrs) throws IOException {
        if (mount.readOnly() && writes(options)) throw readOnly(shown);
        return delegate.newByteChannel(onDisk(mount, absolute, shown), options, attrs);
    }

    DirectoryStream<Path> newDirectoryStream(Mount mount, Path absolute, Path shown,
                                             DirectoryStream.Filter<? super Path> filter) throws IOException {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> listed = delegate.newDirectoryStream(onDisk(mount, absolute, shown), entry -> true)) {
            listed.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        List<Path> entries = new ArrayList<>();
        for (String name : names) {
            Path entry = shown.resolve(name);
            if (filter == null || filter.accept(entry)) entries.add(entry);
        }
        return new DirectoryStream<>() {
            @Override
            public java.util.Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {}
        };
    }

    Path toRealPath(Mount mount, Path absolute, Path shown, LinkOption... links) throws IOException {
        Path real = delegate.toRealPath(onDisk(mount, absolute, shown), links);
        if (!real.startsWith(mount.folderReal())) throw outside(shown);
        return mount.point().resolve(mount.folderReal().relativize(real).toString());
    }

    Map<String, Object> readAttributes(Mount mount, Path absolute, Path shown, String attributes, LinkOption... links)
            throws IOException {
        return delegate.readAttributes(onDisk(mount, absolute, shown), attributes, links);
    }

    /** A move inside one mount; a move into or out of it is refused (Python's shutil.move then copies). */
    void move(Mount from, Path source, Mount to, Path target, Path shownSource, Path shownTarget, CopyOption... options)
            throws IOException {
        if (from != to) {
            throw new AccessDeniedException(shownSource.toString(), shownTarget.toString(),
                    "a move into or out of a mounted folder: copy the file instead");
        }
        if (from.readOnly()) throw readOnly(shownSource);
        if (source.equals(from.point()) || target.equals(to.point())) {
            throw new AccessDeniedException(shownSource.toString(), shownTarget.toString(),
                    "a mount point cannot be moved: fs.unmount() it");
        }
        delegate.move(onDisk(from, source, shownSource), onDisk(to, target, shownTarget), options);
    }
}
