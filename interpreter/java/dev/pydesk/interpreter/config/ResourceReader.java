package dev.pydesk.interpreter.config;

import java.io.IOException;

/**
 * Reads a config file named by a page. The argument is the text exactly as written in the page
 * (trimmed, possibly relative, possibly with a {@code ?query}); the implementation resolves it
 * against the page and decides which files may be read.
 *
 * <p>Failures map onto PyScript's fetch errors: {@link java.nio.file.NoSuchFileException} or
 * {@link java.io.FileNotFoundException} become a 404, {@link java.nio.file.AccessDeniedException}
 * a 403, anything else a generic fetch error carrying the exception's message.
 */
@FunctionalInterface
public interface ResourceReader {
    String read(String relativeOrAbsoluteUrl) throws IOException;
}
