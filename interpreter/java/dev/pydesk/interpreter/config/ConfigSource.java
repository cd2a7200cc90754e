package dev.pydesk.interpreter.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One config value (a {@code <py-config>}'s src or text, or a {@code config} attribute) turned into a
 * {@link PageConfig}, following PyScript's {@code configDetails} and the parsing in its config.js.
 */
final class ConfigSource {

    /** What JavaScript's {@code String.prototype.trim} and {@code \s} treat as white space. */
    private static final String JS_SPACE =
            "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
    private static final Pattern JS_TRIM = Pattern.compile("^[" + JS_SPACE + "]+|[" + JS_SPACE + "]+\\z");
    /** PyScript's {@code /\.(\w+)(?:\?\S*)?$/}: a file extension, optionally followed by a query. */
    private static final Pattern FILE = Pattern.compile("\\.(\\w+)(?:\\?[^" + JS_SPACE + "]*)?\\z");

    private static final ObjectReader JSON = JsonMapper.builder(ConfigLimits.json()).build()
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Jackson adds where a limit comes from in its own Java terms: "(1000, from `StreamReadConstraints...`)". */
    private static final Pattern JAVA_DETAIL = Pattern.compile(",? from `[^`]*`|\\s*\\(from `[^`]*`\\)");
    private static final TomlMapper TOML = new TomlMapper(ConfigLimits.toml());

    private ConfigSource() {}

    /**
     * @param config the raw value as written in the page; {@code null} or empty means no config
     * @param type   the forced format ({@code "json"}/{@code "toml"}), or {@code null}
     */
    static PageConfig load(String config, String type, ResourceReader reader) throws ConfigException {
        if (config == null || config.isEmpty()) return PageConfig.empty();
        String text = jsTrim(config);
        String url = null;
        boolean json = text.startsWith("{") && text.endsWith("}");
        boolean toml = false;
        if (!json) {
            Matcher file = FILE.matcher(text);
            if (file.find()) {
                String ext = file.group(1);
                if (ext.equals("json") && !"toml".equals(type)) json = true;
                else if (ext.equals("toml") && !"json".equals(type)) toml = true;
                else throw badUrl(text, type);
                url = text;
                text = jsTrim(fetch(url, reader));
            }
        }
        toml = toml || (!json && !text.isEmpty());

        Object tree = null;
        if (json || "json".equals(type)) tree = parse(JSON, "JSON", text, url);
        else if (toml || "toml".equals(type)) tree = parse(TOML.readerFor(JsonNode.class), "TOML", text, url);
        // PyScript only supports an object as root: anything else configures nothing.
        @SuppressWarnings("unchecked")
        Map<String, Object> root = tree instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        return url == null && root.isEmpty() ? PageConfig.empty() : new PageConfig(root, url);
    }

    static String jsTrim(String s) {
        return JS_TRIM.matcher(s).replaceAll("");
    }

    private static ConfigException badUrl(String url, String type) {
        String message = "Invalid URL: " + url;
        if (type != null && !type.isEmpty()) message += "\nexpected " + type + " content";
        return new ConfigException(ConfigException.BAD_CONFIG, message);
    }

    private static String fetch(String url, ResourceReader reader) throws ConfigException {
        try {
            return Objects.requireNonNull(reader.read(url), "ResourceReader returned null");
        } catch (UncheckedIOException e) {
            throw fetchError(url, e.getCause());
        } catch (IOException e) {
            throw fetchError(url, e);
        } catch (SecurityException e) {
            throw fetchError(url, new AccessDeniedException(url, null, e.getMessage()));
        }
    }

    /** The messages of PyScript's {@code robustFetch}. */
    private static ConfigException fetchError(String url, IOException e) {
        String prefix = "Fetching from URL " + url + " failed with error ";
        String suffix = ". Are your filename and path correct?";
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return new ConfigException(ConfigException.FETCH_NOT_FOUND_ERROR,
                    prefix + "404 (Not Found)" + suffix, e);
        }
        if (e instanceof AccessDeniedException) {
            return new ConfigException(ConfigException.FETCH_FORBIDDEN_ERROR,
                    prefix + "403 (Forbidden)" + suffix, e);
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ConfigException(ConfigException.FETCH_ERROR, prefix + "'" + reason + "'" + suffix, e);
    }

    private static Object parse(ObjectReader parser, String format, String text, String url)
            throws ConfigException {
        String where = url == null ? "" : " @ " + url;
        String tooLong = ConfigLimits.tooLong(text);
        if (tooLong != null) throw new ConfigException(ConfigException.BAD_CONFIG, "Invalid " + format + where + "\n" + tooLong);
        try {
            return plain(parser.readValue(text), new int[] {0});
        } catch (StreamConstraintsException e) {
            throw new ConfigException(ConfigException.BAD_CONFIG,
                    "Invalid " + format + where + "\n" + ConfigLimits.describe(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(ConfigException.BAD_CONFIG,
                    "Invalid " + format + where + "\n" + describe(e), e);
        } catch (TooManyValues e) {
            throw new ConfigException(ConfigException.BAD_CONFIG,
                    "Invalid " + format + where + "\n" + ConfigLimits.tooManyValues());
        }
    }

    /** Thrown while a parsed config is counted: more values than {@link ConfigLimits#MAX_VALUES}. */
    private static final class TooManyValues extends RuntimeException {
        TooManyValues() {
            super(null, null, false, false);
        }
    }

    private static String describe(JsonProcessingException e) {
        String message = JAVA_DETAIL.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("");
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            message += " (line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "") + ")";
        }
        return message;
    }

    /** A Jackson tree as plain maps, lists, strings, numbers, booleans and nulls; {@code count} counts values. */
    private static Object plain(JsonNode node, int[] count) {
        if (++count[0] > ConfigLimits.MAX_VALUES) throw new TooManyValues();
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue(), count)));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(plain(item, count)));
            return list;
        }
        if (node.isNumber()) return number(node);
        if (node.isBoolean()) return node.booleanValue();
        return node.asText();
    }

    /**
     * The same Java type whatever the source format: integers as the smallest of Integer, Long,
     * BigInteger; every other number as a Double (a JavaScript number, as PyScript would have it).
     */
    private static Number number(JsonNode node) {
        if (!node.isIntegralNumber()) return node.doubleValue();
        BigInteger value = node.bigIntegerValue();
        if (value.bitLength() < Integer.SIZE) return value.intValue();
        if (value.bitLength() < Long.SIZE) return value.longValue();
        return value;
    }
}
