package dev.pydesk.interpreter.packages;

import java.io.IOException;

/**
 * Reads what a config names, as the page's other resources are read: paths relative to the page (never outside its
 * folder) and {@code http(s)} URLs.
 */
@FunctionalInterface
public interface Source {
    byte[] read(String reference) throws IOException;
}
