package dev.pydesk.interpreter.session;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What PyScript decides about a page's scripts from their tags alone, before it runs any of them: the id of every
 * script's output element and the scripts it refuses. It reads only the tags' data (never their elements), so it
 * is checked without a WebView ({@code ScriptPlanTest}); {@link PageSession} runs what it plans.
 *
 * <p>Main-thread scripts whose output element gets a generated id are numbered per type in document order
 * ({@code py-0}, {@code mpy-0}, {@code py-1}): a {@code <script>} without {@code target} (its output is a new
 * {@code <script-py>}), a {@code <py-script>} without an {@code id} of its own. A worker keeps its own id or gets
 * {@code py-w0}, {@code mpy-w1}, ... from one counter for both types: first the workers whose config is inline or
 * the page's, then those with a config file (PyScript numbers a worker once its config is there, and a file takes
 * a fetch).
 */
final class ScriptPlan {
    /** Why PyScript refuses a {@code <script>} with both a {@code src} and code of its own (PY0409). */
    static final String SRC_AND_CODE = "a script has either a src or inline code, not both.";
    /** A config attribute that names a file (PyScript fetches it before the worker starts). */
    private static final Pattern CONFIG_FILE = Pattern.compile("\\.(json|toml|txt)$");

    private final Map<ScriptTag, String> ids = new IdentityHashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    private ScriptPlan() {}

    /** Plans the page's scripts, given in document order. */
    static ScriptPlan of(List<ScriptTag> scripts) {
        ScriptPlan plan = new ScriptPlan();
        for (ScriptTag tag : scripts) {
            if (tag.worker()) continue;
            boolean generates = tag.isScriptElement() ? tag.target() == null : tag.id() == null;
            if (generates) plan.ids.put(tag, plan.nextId(tag.type()));
        }
        int workerIds = 0;
        for (boolean configFile : new boolean[] {false, true}) {
            for (ScriptTag tag : scripts) {
                if (!tag.worker() || configFile != namesConfigFile(tag)) continue;
                plan.ids.put(tag, hasOwnId(tag) ? tag.id() : tag.type() + "-w" + workerIds++);
            }
        }
        return plan;
    }

    /**
     * The id planned for a script's output element (a worker's: for its script element), or null when the output
     * element is one the page made (a {@code target}, a {@code <py-script>} with an id attribute).
     */
    String id(ScriptTag tag) {
        return ids.get(tag);
    }

    /** A worker id the plan generated, to be set on the worker's script element; null when it keeps its own. */
    String generatedWorkerId(ScriptTag tag) {
        return tag.worker() && !hasOwnId(tag) ? ids.get(tag) : null;
    }

    /** The next generated id of a type, for an output element that turned out to have none (a target without id). */
    String nextId(String type) {
        int n = counters.merge(type, 1, Integer::sum) - 1;
        return type + "-" + n;
    }

    /** Null when PyScript runs the script; else why it refuses it (said after the tag in the error). */
    static String refusal(ScriptTag tag) {
        return tag.isScriptElement() && tag.src() != null && tag.hasInlineCode() ? SRC_AND_CODE : null;
    }

    /** An id attribute that is not empty (an empty one is no id to PyScript's worker numbering). */
    private static boolean hasOwnId(ScriptTag tag) {
        return tag.id() != null && !tag.id().isEmpty();
    }

    private static boolean namesConfigFile(ScriptTag tag) {
        return tag.config() != null && CONFIG_FILE.matcher(tag.config().strip()).find();
    }
}
