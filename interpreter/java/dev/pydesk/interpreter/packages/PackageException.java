package dev.pydesk.interpreter.packages;

import java.io.IOException;

/** A package or file that could not be had; the message names it and says why, ready for the console and banner. */
public final class PackageException extends IOException {
    public PackageException(String message) {
        super(message);
    }
}
