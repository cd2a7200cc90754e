package dev.pydesk.interpreter.files;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/** Every path outside the page's areas that is not GraalPy's language home: refused. */
final class RefusingFileSystem implements FileSystem {
    private final FileSystem paths = FileSystem.newDefaultFileSystem();

    private static AccessDeniedException refused(Path path) {
        return new AccessDeniedException(path.toString(), null, "outside the site root");
    }

    @Override
    public Path parsePath(URI uri) {
        return paths.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return paths.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions)
            throws IOException {
        throw refused(path);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw refused(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        throw refused(path);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attrs) throws IOException {
        throw refused(path);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        throw refused(dir);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return paths.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        throw refused(path);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        throw refused(path);
    }
}
