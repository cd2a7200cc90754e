package dev.pydesk.interpreter.config;

import java.util.Objects;

/**
 * A configuration error. {@link #getMessage()} is exactly the text PyScript shows in its error
 * banner, e.g. {@code (PY0409): Too many py-config}.
 */
public final class ConfigException extends Exception {

    /** PyScript's {@code ErrorCode.CONFLICTING_CODE}. */
    public static final String CONFLICTING_CODE = "PY0409";
    /** PyScript's {@code ErrorCode.BAD_CONFIG}. */
    public static final String BAD_CONFIG = "PY1000";
    /** PyScript's {@code ErrorCode.FETCH_ERROR}. */
    public static final String FETCH_ERROR = "PY0001";
    /** PyScript's {@code ErrorCode.FETCH_FORBIDDEN_ERROR}. */
    public static final String FETCH_FORBIDDEN_ERROR = "PY0403";
    /** PyScript's {@code ErrorCode.FETCH_NOT_FOUND_ERROR}. */
    public static final String FETCH_NOT_FOUND_ERROR = "PY0404";

    private final String code;

    ConfigException(String code, String reason) {
        this(code, reason, null);
    }

    ConfigException(String code, String reason, Throwable cause) {
        super("(" + Objects.requireNonNull(code) + "): " + reason, cause);
        this.code = code;
    }

    /** The PyScript error code, e.g. {@code "PY0409"}. */
    public String code() {
        return code;
    }
}
