package dev.pydesk.bridge.events;

import java.time.Instant;

/**
 * One line of the page's console stream: Python stdout/stderr, page {@code console.*}, uncaught errors.
 * {@code source} is the script or realm it came from ({@code py-0}, {@code mpy-1}, {@code js}, {@code pydesk}).
 */
public record ConsoleEvent(Instant time, Level level, String source, String text) {
    public enum Level { DEBUG, LOG, INFO, WARN, ERROR }

    public static ConsoleEvent of(Level level, String source, String text) {
        return new ConsoleEvent(Instant.now(), level, source, text);
    }

    public boolean isError() {
        return level == Level.ERROR;
    }
}
