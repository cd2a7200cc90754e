package dev.pydesk.interpreter;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * Page Python's view of the disk: it may read inside the page's folder and nowhere else; it may write nowhere.
 * GraalPy's own standard library is reachable through {@link FileSystem#allowLanguageHomeAccess}, which wraps this.
 * The page folder is set when the interpreter is bound to a page (interpreters are made before the page is known).
 */
final class ScopedFileSystem implements FileSystem {
    private final FileSystem delegate = FileSystem.newDefaultFileSystem();
    private volatile Path root;

    void setRoot(Path pageFolder) {
        this.root = pageFolder.toAbsolutePath().normalize();
    }

    private Path check(Path path, boolean write) throws IOException {
        Path absolute = delegate.toAbsolutePath(path).normalize();
        Path allowed = root;
        if (allowed == null || !absolute.startsWith(allowed)) {
            throw new AccessDeniedException(path.toString(), null, "outside the page's folder");
        }
        if (write) {
            throw new AccessDeniedException(path.toString(), null, "the page's folder is read-only");
        }
        Path real = absolute.toFile().exists() ? absolute.toRealPath() : absolute;
        if (!real.startsWith(allowed.toFile().exists() ? allowed.toRealPath() : allowed)) {
            throw new AccessDeniedException(path.toString(), null, "a link leads outside the page's folder");
        }
        return absolute;
    }

    private static boolean writes(Set<? extends OpenOption> options) {
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)
                || options.contains(StandardOpenOption.CREATE) || options.contains(StandardOpenOption.CREATE_NEW)
                || options.contains(StandardOpenOption.DELETE_ON_CLOSE);
    }

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
        delegate.checkAccess(check(path, modes.contains(AccessMode.WRITE)), modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        check(dir, true);
    }

    @Override
    public void delete(Path path) throws IOException {
        check(path, true);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return delegate.newByteChannel(check(path, writes(options)), options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        return delegate.newDirectoryStream(check(dir, false), filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return delegate.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return delegate.toRealPath(check(path, false), linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return delegate.readAttributes(check(path, false), attributes, options);
    }

    @Override
    public void setCurrentWorkingDirectory(Path currentWorkingDirectory) {
        delegate.setCurrentWorkingDirectory(currentWorkingDirectory);
    }

    @Override
    public Path getTempDirectory() {
        return root;
    }
}
