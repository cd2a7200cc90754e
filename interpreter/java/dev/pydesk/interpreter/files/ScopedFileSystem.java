package dev.pydesk.interpreter.files;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.graalvm.polyglot.io.FileSystem;

/**
 * Page Python's view of the disk, PyScript's in-memory file system made of real folders:
 * <ul>
 *   <li>the site root (the page's folder unless {@code --root} or {@code pydesk.toml} widened it to a folder above),
 *   read-only: files inside it (and links that stay inside it) can be read, never changed; the page's folder is the
 *   working folder;</li>
 *   <li>a scratch folder laid over it: every write (a new file, a changed page file, a new folder, {@code files}
 *   from the config) lands there, and reads see it first. It is a temporary folder of this interpreter, made on the
 *   first write and deleted when the interpreter closes ({@link #discard()}), so the page's folder on disk is never
 *   modified. Files of the page's folder cannot be deleted (PermissionError); files the page wrote can;</li>
 *   <li>the folders of installed packages (the per-user package cache), read-only;</li>
 *   <li>GraalPy's language home (its standard library), read-only;</li>
 *   <li>folders the user chose for {@code pyscript.fs.mount}, at their mount points and only while mounted
 *   ({@link MountedFolders}).</li>
 * </ul>
 * Nothing else is reachable. The page folder is set when the interpreter is bound to a page (interpreters are made
 * before the page is known). Python only ever sees page-folder paths: the scratch folder's own path never leaks.
 */
public final class ScopedFileSystem implements FileSystem {
    private static final Set<Path> LIVE_SCRATCH = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Deletes every scratch folder still there: the process is ending ({@code Services.lastWrites()}). */
    public static void discardAll() {
        LIVE_SCRATCH.forEach(ScopedFileSystem::deleteTree);
    }

    private final FileSystem delegate = FileSystem.newDefaultFileSystem();
    /**
     * Everything outside the page's areas: GraalPy's language home, read-only; anything else refused. The read-only
     * wrapper matters: allowLanguageHomeAccess alone lets page Python write into GraalPy's shared language home
     * (~/.cache/org.graalvm.polyglot/...), i.e. change the standard library of every later interpreter.
     */
    private final FileSystem outside = FileSystem.newReadOnlyFileSystem(FileSystem.allowLanguageHomeAccess(new RefusingFileSystem()));
    private final List<Path> readOnlyRoots = new CopyOnWriteArrayList<>();
    /** Folders the user chose for pyscript.fs.mount: reachable only at their mount points, only while mounted. */
    private final MountedFolders mounts = new MountedFolders();
    private volatile java.util.function.Consumer<Path> refusals = path -> { };
    private volatile Path root;
    private volatile Path rootReal;
    private volatile Path working;
    private volatile Path scratch;

    /**
     * Binds the view to a page: {@code siteRoot} is what page Python may read (the page's folder, or a folder above
     * it), {@code workingFolder} the page's own folder (Python's working folder and temporary folder).
     */
    public void setRoot(Path siteRoot, Path workingFolder) {
        this.root = siteRoot.toAbsolutePath().normalize();
        this.working = workingFolder.toAbsolutePath().normalize();
        try {
            this.rootReal = root.toRealPath();
        } catch (IOException e) {
            this.rootReal = root;
        }
    }

    /** Told about every existing file outside the site root that page Python tried to open (the console says so). */
    public void onRefused(java.util.function.Consumer<Path> listener) {
        this.refusals = listener;
    }

    /** Lets page Python read (never write) inside {@code folder}: an installed package. */
    public void allowReading(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!readOnlyRoots.contains(absolute)) readOnlyRoots.add(absolute);
    }

    /**
     * Where a page-folder path is written: its place in the scratch folder (made now if need be), for PyDesk's own
     * writes ({@code files} of the config). Refuses paths outside the page's folder.
     */
    public Path scratchPathFor(Path pagePath) throws IOException {
        Path relative = relative(delegate.toAbsolutePath(pagePath).normalize());
        if (relative == null) {
            throw new AccessDeniedException(pagePath.toString(), null, "outside the site root");
        }
        return scratchRoot().resolve(relative.toString());
    }

    /**
     * Makes the folder the user chose reachable at {@code point} (relative to the page's folder, or absolute).
     * Refused when the point is the file system's root, holds the site root, or overlaps another mount.
     */
    public void mount(String point, Path folder, boolean readOnly) throws IOException {
        Path at = mountPoint(point);
        if (at.getParent() == null) throw new IllegalArgumentException("fs.mount(" + point + "): cannot mount over /");
        if (root != null && (root.startsWith(at) || (rootReal != null && rootReal.startsWith(at)))) {
            throw new IllegalArgumentException("fs.mount(" + point + "): the page's site root lies there; mount at "
                    + "a path of its own, such as /local");
        }
        if (mounts.overlapping(at) != null) {
            throw new IllegalArgumentException("fs.mount(" + point + "): " + mounts.overlapping(at).point()
                    + " is mounted there already; unmount it first");
        }
        mounts.add(at, folder, readOnly);
    }

    /** Unmounts what is at {@code point}; false when nothing is. */
    public boolean unmount(String point) {
        return mounts.remove(mountPoint(point));
    }

    private Path mountPoint(String point) {
        Path given = delegate.parsePath(point);
        Path base = working != null ? working : delegate.toAbsolutePath(delegate.parsePath(""));
        return (given.isAbsolute() ? given : base.resolve(given)).normalize();
    }

    /** The page's folder (Python's working folder) as page Python sees it. */
    public Path pageFolder() {
        return working;
    }

    /** The scratch folder on disk, or null while nothing was written (tests). */
    public Path scratchFolder() {
        return scratch;
    }

    /** Deletes the scratch folder: the interpreter is closing. */
    public void discard() {
        Path made = scratch;
        scratch = null;
        if (made != null) {
            deleteTree(made);
            LIVE_SCRATCH.remove(made);
        }
    }

    private synchronized Path scratchRoot() throws IOException {
        if (scratch == null) {
            scratch = Files.createTempDirectory("pydesk-scratch-").toRealPath();
            LIVE_SCRATCH.add(scratch);
        }
        return scratch;
    }

    private static void deleteTree(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort: a temp folder left behind is not a page's business
        }
    }

    // ----------------------------------------------------------------------------------------- where a path is

    /** The path relative to the page's folder, or null when it is outside it. */
    private Path relative(Path absolute) {
        Path given = root;
        if (given == null) return null;
        if (absolute.startsWith(given)) return given.relativize(absolute);
        Path real = rootReal;
        if (real != null && absolute.startsWith(real)) return real.relativize(absolute);
        return null;
    }

    private Path absolute(Path path) {
        return delegate.toAbsolutePath(path).normalize();
    }

    private Path readOnlyRoot(Path absolute) {
        for (Path allowed : readOnlyRoots) {
            if (absolute.startsWith(allowed)) return allowed;
        }
        return null;
    }

    /**
     * The scratch copy of a page path, or null when the page wrote nothing there. The page's folder itself is always
     * the page's (its attributes, its real path); only its listing merges in the scratch folder's top level.
     */
    private Path scratchOf(Path relative) {
        Path made = scratch;
        if (made == null || relative.toString().isEmpty()) return null;
        Path candidate = made.resolve(relative.toString());
        return Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) ? candidate : null;
    }

    /**
     * The page folder's own file for a relative path; refused when a link leads outside the folder (checked on the
     * nearest part of the path that exists, so a link to a folder outside does not even tell what is missing there).
     */
    private Path pageFile(Path relative, Path shown) throws IOException {
        Path file = root.resolve(relative.toString());
        Path existing = file;
        while (existing != null && !Files.exists(existing)) {
            if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) { // a dangling link
                throw new AccessDeniedException(shown.toString(), null, "a link leads outside the site root");
            }
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(rootReal)) {
            throw new AccessDeniedException(shown.toString(), null, "a link leads outside the site root");
        }
        return file;
    }

    /** What a read of a page path sees: the scratch copy first, else the page's file (which may not exist). */
    private Path readable(Path relative, Path shown) throws IOException {
        Path written = scratchOf(relative);
        return written != null ? written : pageFile(relative, shown);
    }

    private boolean isDirectory(Path relative, Path shown) throws IOException {
        if (relative == null) return false;
        Path written = scratchOf(relative);
        if (written != null) return Files.isDirectory(written, LinkOption.NOFOLLOW_LINKS);
        return Files.isDirectory(pageFile(relative, shown));
    }

    private boolean exists(Path relative, Path shown) throws IOException {
        return scratchOf(relative) != null || Files.exists(pageFile(relative, shown));
    }

    /** Makes the scratch folders a write into {@code relative} needs; its parent must be a folder of the page's view. */
    private Path prepareWrite(Path relative, Path shown) throws IOException {
        if (relative.toString().isEmpty()) {
            throw new AccessDeniedException(shown.toString(), null, "the site root itself cannot be replaced");
        }
        Path parent = relative.getParent();
        if (parent != null && !isDirectory(parent, shown)) {
            throw new NoSuchFileException(shown.toString(), null, "no such folder");
        }
        Path target = scratchRoot().resolve(relative.toString());
        Files.createDirectories(target.getParent());
        return target;
    }

    private static boolean writes(Set<? extends OpenOption> options) {
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)
                || options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW)
                || options.contains(StandardOpenOption.DELETE_ON_CLOSE)
                || options.contains(StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static AccessDeniedException packageCache(Path path) {
        return new AccessDeniedException(path.toString(), null, "installed packages are read-only");
    }

    private Path confinedToPackage(Path absolute, Path allowed, Path shown) throws IOException {
        if (Files.exists(absolute) && !absolute.toRealPath().startsWith(allowed.toRealPath())) {
            throw new AccessDeniedException(shown.toString(), null, "a link leads outside the installed package");
        }
        return absolute;
    }

    // ------------------------------------------------------------------------------------------- FileSystem

    @Override
    public Path parsePath(URI uri) {
        return delegate.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return delegate.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        Path absolute = absolute(path);
        MountedFolders.Mount mount = mounts.of(absolute);
        if (mount != null) {
            mounts.checkAccess(mount, absolute, path, modes, linkOptions);
            return;
        }
        Path relative = relative(absolute);
        if (relative != null) {
            Path target = readable(relative, path);
            Set<AccessMode> asked = new HashSet<>(modes);
            asked.remove(AccessMode.WRITE); // writes go to the scratch folder: any file of the view can be written
            delegate.checkAccess(target, asked, linkOptions);
            return;
        }
        Path allowed = readOnlyRoot(absolute);
        if (allowed != null) {
            if (modes.contains(AccessMode.WRITE)) throw packageCache(path);
            delegate.checkAccess(confinedToPackage(absolute, allowed, path), modes, linkOptions);
            return;
        }
        outside.checkAccess(absolute, modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        Path absolute = absolute(dir);
        MountedFolders.Mount mount = mounts.of(absolute);
        if (mount != null) {
            mounts.createDirectory(mount, absolute, dir, attrs);
            return;
        }
        Path relative = relative(absolute);
        if (relative != null) {
            if (relative.toString().isEmpty() || exists(relative, dir)) throw new FileAlreadyExistsException(dir.toString());
            Files.createDirectory(prepareWrite(relative, dir));
            return;
        }
        if (readOnlyRoot(absolute) != null) throw packageCache(dir);
        outside.createDirectory(absolute, attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        Path absolute = absolute(path);
        MountedFolders.Mount mount = mounts.of(absolute);
        if (mount != null) {
            mounts.delete(mount, absolute, path);
            return;
        }
        Path relative = relative(absolute);
        if (relative != null) {
            if (relative.toString().isEmpty() || Files.exists(pageFile(relative, path), LinkOption.NOFOLLOW_LINKS)) {
                throw new AccessDeniedException(path.toString(), null,
                        "the site's own files cannot be deleted (only files the page wrote itself)");
            }
            Path written = scratchOf(relative);
            if (written == null) throw new NoSuchFileException(path.toString());
            Files.delete(written);
            return;
        }
        if (readOnlyRoot(absolute) != null) throw packageCache(path);
        outside.delete(absolute);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path absolute = absolute(path);
        MountedFolders.Mount mount = mounts.of(absolute);
        if (mount != null) return mounts.newByteChannel(mount, absolute, path, options, attrs);
        Path relative = relative(absolute);
        if (relative != null) {
            if (!writes(options)) return delegate.newByteChannel(readable(relative, path), options, attrs);
            Path written = scratchOf(relative);
            if (written == null) {
                Path original = pageFile(relative, path);
                Set<OpenOption> opened = new HashSet<>(options);
                if (Files.exists(original)) {
                    if (options.contains(StandardOpenOption.CREATE_NEW)) throw new FileAlreadyExistsException(path.toString());
                    if (Files.isDirectory(original)) throw new FileSystemException(path.toString(), null, "Is a directory");
                    written = prepareWrite(relative, path);
                    // copy on write: appending to, or changing part of, a page file starts from its content
                    if (!options.contains(StandardOpenOption.TRUNCATE_EXISTING)) Files.copy(original, written);
                    opened.add(StandardOpenOption.CREATE);
                } else {
                    written = prepareWrite(relative, path);
                }
                return delegate.newByteChannel(written, opened, attrs);
            }
            return delegate.newByteChannel(written, options, attrs);
        }
        Path allowed = readOnlyRoot(absolute);
        if (allowed != null) {
            if (writes(options)) throw packageCache(path);
            return delegate.newByteChannel(confinedToPackage(absolute, allowed, path), options, attrs);
        }
        try {
            return outside.newByteChannel(absolute, options, attrs);
        } catch (AccessDeniedException refused) {
            if (Files.isRegularFile(absolute)) refusals.accept(absolute);
            throw refused;
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        Path absolute = absolute(dir);
        MountedFolders.Mount mount = mounts.of(absolute);
        if (mount != null) return mounts.newDirectoryStream(mount, absolute, dir, filter);
        Path relative = relative(absolute);
        if (relative != null) {
            Set<String> names = new TreeSet<>(mounts.pointsIn(absolute));
            boolean found = false;
            Path page = pageFile(relative, dir);
            if (Files.isDirectory(page)) {
                found = true;
                try (DirectoryStream<Path> listed = Files.newDirectoryStream(page)) {
                    listed.forEach(entry -> names.add(entry.getFileName().toString()));
                }
            }
            Path made = scratch;
            Path written = made == null ? null : made.resolve(relative.toString());
            if (written != null && Files.isDirectory(written, LinkOption.NOFOLLOW_LINKS)) {
                found = true;
                try (DirectoryStream<Path> listed = Files.newDirectoryStream(written)) {
                    listed.forEach(entry -> names.add(entry.getFileName().toString()));
                }
            }
            if (!found) {
                if (exists(relative, dir)) throw new NotDirectoryException(dir.toString());
                throw new NoSuchFileException(dir.toString());
            }
            List<Path> entries = new ArrayList<>();
            for (String name : names) {
                Path entry = dir.resolve(name);
                if (filter == null || filter.accept(entry)) entries.add(entry);
            }
            return new DirectoryStream<>() {
                @Override
                public Iterator<Path> iterator() {
                    return entries.iterator();
                }

                @Override
                public void close() {}
            };
        }
        Path allowed = readOnlyRoot(absolute);
        if (allowed != null) return delegate.newDirectoryStream(confinedToPackage(absolute, allowed, dir), filter);
        return outside.newDirectoryStream(absolute, filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return delegate.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        Path absolute = absolute(path);
        MountedFolders.Mount mount = mounts.of(absolute);
        if (mount != null) return mounts.toRealPath(mount, absolute, path, linkOptions);
        Path relative = relative(absolute);
        if (relative != null) {
            if (scratchOf(relative) != null) return rootReal.resolve(relative.toString()); // no links in scratch
            return delegate.toRealPath(pageFile(relative, path), linkOptions);
        }
        Path allowed = readOnlyRoot(absolute);
        if (allowed != null) return delegate.toRealPath(confinedToPackage(absolute, allowed, path), linkOptions);
        return outside.toRealPath(absolute, linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        Path absolute = absolute(path);
        MountedFolders.Mount mount = mounts.of(absolute);
        if (mount != null) return mounts.readAttributes(mount, absolute, path, attributes, options);
        Path relative = relative(absolute);
        if (relative != null) {
            Map<String, Object> read = delegate.readAttributes(readable(relative, path), attributes, options);
            return relative.toString().isEmpty() ? withScratchTime(read) : read;
        }
        Path allowed = readOnlyRoot(absolute);
        if (allowed != null) {
            return delegate.readAttributes(confinedToPackage(absolute, allowed, path), attributes, options);
        }
        return outside.readAttributes(absolute, attributes, options);
    }

    /**
     * The page folder changes (for Python's import caches, which compare its modification time) when the page writes
     * into its top level: its time is the later of its own and its scratch folder's.
     */
    private Map<String, Object> withScratchTime(Map<String, Object> read) throws IOException {
        Path made = scratch;
        if (made == null || !(read.get("lastModifiedTime") instanceof java.nio.file.attribute.FileTime own)) return read;
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(made);
        if (written.compareTo(own) <= 0) return read;
        Map<String, Object> later = new java.util.HashMap<>(read);
        later.put("lastModifiedTime", written);
        return later;
    }

    /**
     * A rename inside the page's view moves what the page wrote (also over a page file, which it then shadows); the
     * page's own files cannot be moved.
     */
    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        MountedFolders.Mount fromMount = mounts.of(absolute(source));
        MountedFolders.Mount toMount = mounts.of(absolute(target));
        if (fromMount != null || toMount != null) {
            mounts.move(fromMount, absolute(source), toMount, absolute(target), source, target, options);
            return;
        }
        Path from = relative(absolute(source));
        Path to = relative(absolute(target));
        if (from == null || to == null) {
            throw new AccessDeniedException(source.toString(), target.toString(), "outside the site root");
        }
        if (Files.exists(pageFile(from, source), LinkOption.NOFOLLOW_LINKS)) {
            throw new AccessDeniedException(source.toString(), null,
                    "the site's own files cannot be moved (only files the page wrote itself)");
        }
        Path written = scratchOf(from);
        if (written == null) throw new NoSuchFileException(source.toString());
        // onto a page file: the moved file shadows it, as a write over it would (the page's own file stays on disk)
        pageFile(to, target);
        Files.move(written, prepareWrite(to, target), options);
    }

    @Override
    public void setCurrentWorkingDirectory(Path currentWorkingDirectory) {
        delegate.setCurrentWorkingDirectory(currentWorkingDirectory);
    }

    @Override
    public Path getTempDirectory() {
        return working;
    }
}
