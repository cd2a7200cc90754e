package dev.pydesk.interpreter.python;

/**
 * Removes the indentation that all non-blank lines of inline code share, as PyScript does before running a script
 * (code inside an indented {@code <script>} tag). Keeps the line count, so traceback line numbers stay right.
 */
final class Dedent {
    private Dedent() {}

    static String of(String code) {
        String[] lines = code.split("\n", -1);
        String margin = null;
        for (String line : lines) {
            if (line.isBlank()) continue;
            int i = 0;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
            String indent = line.substring(0, i);
            if (margin == null || !indent.startsWith(margin)) {
                margin = margin == null ? indent : common(margin, indent);
            }
        }
        if (margin == null || margin.isEmpty()) return code;
        StringBuilder out = new StringBuilder(code.length());
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            out.append(line.isBlank() ? "" : line.substring(margin.length()));
            if (n < lines.length - 1) out.append('\n');
        }
        return out.toString();
    }

    private static String common(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) i++;
        return a.substring(0, i);
    }
}
