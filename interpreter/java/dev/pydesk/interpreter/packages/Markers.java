package dev.pydesk.interpreter.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 508 environment markers ({@code python_version < "3.8" and sys_platform == "linux"}) evaluated for PyDesk's
 * Python: GraalPy 3.12 on Linux. {@code extra} is never set (PyDesk installs no extras).
 */
final class Markers {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(\\(|\\)|===|==|!=|<=|>=|~=|<|>|not\\s+in\\b|in\\b|and\\b|or\\b|\"[^\"]*\"|'[^']*'|[A-Za-z_.]+)");
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "python_version", "3.12",
            "python_full_version", "3.12.8",
            "os_name", "posix",
            "sys_platform", "linux",
            "platform_system", "Linux",
            "implementation_name", "graalpy",
            "platform_python_implementation", "GraalVM",
            "platform_machine", System.getProperty("os.arch", ""),
            "extra", "");

    private final List<String> tokens;
    private int next;

    private Markers(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Whether a dependency with this marker applies here; a marker PyDesk cannot read counts as applying. */
    static boolean applies(String marker) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(marker);
        int at = 0;
        while (at < marker.length() && matcher.find(at) && matcher.start() == at) {
            tokens.add(matcher.group(1).replaceAll("\\s+", " "));
            at = matcher.end();
        }
        if (!marker.substring(at).isBlank()) return true;
        try {
            Markers parser = new Markers(tokens);
            boolean result = parser.or();
            return parser.next == tokens.size() ? result : true;
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    private boolean or() {
        boolean value = and();
        while (peek("or")) {
            next++;
            value = and() | value;
        }
        return value;
    }

    private boolean and() {
        boolean value = atom();
        while (peek("and")) {
            next++;
            value = atom() & value;
        }
        return value;
    }

    private boolean atom() {
        if (peek("(")) {
            next++;
            boolean value = or();
            if (!peek(")")) throw new IllegalArgumentException("missing )");
            next++;
            return value;
        }
        String left = value(tokens.get(next++));
        String operator = tokens.get(next++);
        String right = value(tokens.get(next++));
        boolean versions = tokens.get(next - 3).endsWith("version") || tokens.get(next - 1).endsWith("version");
        return switch (operator) {
            case "==", "===" -> versions ? compare(left, right) == 0 : left.equals(right);
            case "!=" -> versions ? compare(left, right) != 0 : !left.equals(right);
            case "<" -> compare(left, right) < 0;
            case "<=" -> compare(left, right) <= 0;
            case ">" -> compare(left, right) > 0;
            case ">=", "~=" -> compare(left, right) >= 0;
            case "in" -> right.contains(left);
            case "not in" -> !right.contains(left);
            default -> throw new IllegalArgumentException(operator);
        };
    }

    private boolean peek(String token) {
        return next < tokens.size() && tokens.get(next).equals(token);
    }

    private static String value(String token) {
        if (token.startsWith("\"") || token.startsWith("'")) return token.substring(1, token.length() - 1);
        String known = ENVIRONMENT.get(token);
        if (known == null) throw new IllegalArgumentException(token);
        return known;
    }

    /** Compares dotted versions number by number ({@code 3.12 > 3.8}); other text as text. */
    static int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "0";
            String y = i < b.length ? b[i] : "0";
            int order;
            try {
                order = Integer.compare(Integer.parseInt(x.replace("*", "0")), Integer.parseInt(y.replace("*", "0")));
            } catch (NumberFormatException notNumbers) {
                order = x.compareTo(y);
            }
            if (order != 0) return order;
        }
        return 0;
    }
}
