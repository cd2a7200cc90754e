package dev.pydesk.interpreter.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An interpreter's parsed PyScript configuration: an immutable JSON-compatible tree whose values are
 * {@code Map<String,Object>} (insertion-ordered), {@code List<Object>}, {@code String}, {@code Number},
 * {@code Boolean} or {@code null}.
 */
public final class PageConfig {

    private static final PageConfig EMPTY = new PageConfig(Map.of(), null);

    // NaN/Infinity (TOML nan/inf, or a JSON 1e400) are written bare, which Python's json.loads accepts.
    private static final JsonMapper WRITER = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private final Map<String, Object> root;
    private final String configUrl;

    PageConfig(Map<String, ?> root, String configUrl) {
        this.root = freezeMap(Objects.requireNonNull(root));
        this.configUrl = configUrl == null || configUrl.isEmpty() ? null : configUrl;
    }

    /** No configuration at all (PyScript's {@code config: undefined}). */
    public static PageConfig empty() {
        return EMPTY;
    }

    /** The root object; unmodifiable, as are all nested maps and lists. */
    public Map<String, Object> asMap() {
        return root;
    }

    /** A top-level value, e.g. {@code get("packages")}. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(root.get(key));
    }

    public boolean isEmpty() {
        return root.isEmpty();
    }

    /**
     * The file the config came from, exactly as written in the page (PyScript's {@code configURL}
     * before resolution); empty for inline configs.
     */
    public Optional<String> configUrl() {
        return Optional.ofNullable(configUrl);
    }

    /** The tree as JSON text, ready for Python's {@code json.loads}. */
    public String toJson() {
        try {
            return WRITER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // cannot happen for a tree of plain values
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageConfig other
                && root.equals(other.root)
                && Objects.equals(configUrl, other.configUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, configUrl);
    }

    @Override
    public String toString() {
        return "PageConfig" + (configUrl == null ? "" : "[" + configUrl + "]") + toJson();
    }

    private static Map<String, Object> freezeMap(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) return freezeMap((Map<String, ?>) map);
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) copy.add(freeze(item));
            return Collections.unmodifiableList(copy);
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
}
