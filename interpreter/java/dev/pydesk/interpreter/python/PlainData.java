package dev.pydesk.interpreter.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyHashMap;

/**
 * JSON-like Java data (maps, lists, strings, numbers, booleans, null: a parsed config) as Python reads it: a
 * read-only view that GraalPy's interop sees as dicts and lists of plain values. Python copies it into its own.
 */
final class PlainData {
    private PlainData() {}

    static Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof BigInteger big) return big.bitLength() < 64 ? (Object) big.longValue() : big.doubleValue();
        if (value instanceof BigDecimal || value instanceof Float) return ((Number) value).doubleValue();
        if (value instanceof Number number) return number.longValue(); // Short, Byte
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), of(item)));
            return ProxyHashMap.from(copy);
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>();
            for (Object item : items) copy.add(of(item));
            return ProxyArray.fromList(copy);
        }
        return String.valueOf(value); // e.g. a TOML date
    }
}
