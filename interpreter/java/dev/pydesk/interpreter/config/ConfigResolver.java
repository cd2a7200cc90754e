package dev.pydesk.interpreter.config;

import java.util.List;
import java.util.Objects;

/**
 * PyScript's rules (core/src/config.js) for finding and parsing an interpreter's configuration.
 * All methods either return a config or throw a {@link ConfigException} whose message is the text
 * PyScript would show.
 */
public final class ConfigResolver {

    private ConfigResolver() {}

    /**
     * The configuration shared by all main-thread scripts of one interpreter type.
     *
     * @param type             {@code "py"} or {@code "mpy"} (used in the error messages)
     * @param configElements   the page's {@code <py-config>} (or {@code <mpy-config>}) elements
     * @param configAttributes the {@code config} attribute values of the non-worker
     *                         {@code <script type="py">} / {@code <py-script>} tags that have one,
     *                         in document order
     * @param reader           reads a config file named by the page
     */
    public static PageConfig resolveMain(String type, List<ConfigElement> configElements,
            List<String> configAttributes, ResourceReader reader) throws ConfigException {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reader, "reader");
        List<ConfigElement> elements = configElements == null ? List.of() : configElements;
        List<String> attributes = configAttributes == null ? List.of() : configAttributes;

        if (elements.size() > 1) {
            throw conflict("Too many " + type + "-config");
        }
        if (!elements.isEmpty() && !attributes.isEmpty()) {
            throw conflict("Ambiguous " + type + "-config VS config attribute");
        }
        if (!elements.isEmpty()) {
            ConfigElement element = elements.getFirst();
            return ConfigSource.load(element.value(), element.type(), reader);
        }
        if (!attributes.isEmpty()) {
            String first = Objects.requireNonNullElse(attributes.getFirst(), "");
            for (String other : attributes) {
                if (!first.equals(Objects.requireNonNullElse(other, ""))) {
                    throw conflict("Unable to use different configs on main");
                }
            }
            return ConfigSource.load(first, null, reader);
        }
        return PageConfig.empty();
    }

    /**
     * The configuration of one script that owns it alone (a worker's {@code config} attribute):
     * same format detection and error messages as the main-thread config, no conflict rules.
     *
     * @param configAttribute the attribute value, or {@code null} when absent
     */
    public static PageConfig resolveSingle(String configAttribute, ResourceReader reader) throws ConfigException {
        Objects.requireNonNull(reader, "reader");
        return ConfigSource.load(configAttribute, null, reader);
    }

    private static ConfigException conflict(String reason) {
        return new ConfigException(ConfigException.CONFLICTING_CODE, reason);
    }
}
