package dev.pydesk.interpreter.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;

/**
 * How big a config may be. A PyScript config names packages, files and a few settings: tens of values, rarely
 * thousands. A config of a hundred thousand keys would take minutes on its way into Python (it becomes a Python
 * literal in every interpreter), so PyDesk refuses one at once, with a sentence that says which limit and why,
 * instead of a page that seems to hang. The parsers get the same limits (Jackson's StreamReadConstraints).
 */
final class ConfigLimits {
    static final int MAX_CHARS = 1_000_000;
    static final int MAX_VALUES = 10_000;
    static final int MAX_DEPTH = 64;
    static final int MAX_STRING = 100_000;
    static final int MAX_NUMBER_DIGITS = 100;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxDocumentLength(MAX_CHARS)
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(MAX_STRING)
            .maxNameLength(MAX_STRING)
            .maxNumberLength(MAX_NUMBER_DIGITS)
            .build();

    private static final String ADVICE = ": a config names packages, files and settings; data the page needs belongs"
            + " in a file it fetches.";

    private ConfigLimits() {}

    static JsonFactory json() {
        return JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();
    }

    static TomlFactory toml() {
        return TomlFactory.builder().streamReadConstraints(CONSTRAINTS).build();
    }

    /** Null when the text is small enough to parse, else why not. */
    static String tooLong(String text) {
        return text.length() > MAX_CHARS ? "the config is longer than " + MAX_CHARS + " characters" + ADVICE : null;
    }

    static String tooManyValues() {
        return "the config has more than " + MAX_VALUES + " values (keys and list items)" + ADVICE;
    }

    /** Jackson's constraint messages name its Java classes: say the same in the config's terms. */
    static String describe(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "the config is nested more than " + MAX_DEPTH + " levels deep (tables, lists or objects in one"
                    + " another)" + ADVICE;
        }
        if (message.contains("Number value length")) {
            return "a number of the config has more than " + MAX_NUMBER_DIGITS + " digits" + ADVICE;
        }
        if (message.contains("String value length") || message.contains("Name length")) {
            return "a text or key of the config is longer than " + MAX_STRING + " characters" + ADVICE;
        }
        if (message.contains("Document length")) return "the config is longer than " + MAX_CHARS + " characters" + ADVICE;
        return "the config is too big" + ADVICE;
    }
}
