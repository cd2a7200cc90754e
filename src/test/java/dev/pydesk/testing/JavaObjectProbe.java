package dev.pydesk.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pydesk.bridge.FxThread;
import java.io.IOException;
import java.util.List;
import netscape.javascript.JSObject;

/**
 * Looks for Java objects that page JavaScript could reach from a value (issue 3, point 6: what the FFI hands to
 * JavaScript must be plain JavaScript; SecurityTest: nothing Java is reachable from {@code window}). WebKit's Java
 * bridge shows a Java object to JavaScript as an object with a callable {@code getClass}, a {@code toString} like
 * {@code java.lang.Object@1b2c}, or one whose conversion throws a Java exception. The one walker of the suite, put
 * into the page as {@code window.__javaProbe}: {@code isJava(v)} says why a value looks Java (else null),
 * {@code isJavaString(v)} whether a string names a Java class or object, {@code javaError(e)} whether an error names
 * Java; {@code walk(root, path, depth, maxVisits)} follows own property names, the prototype chain and Java-ish member
 * names (calling the Java-only ones) breadth first; {@code calls(f, path)} calls a function with odd receivers and
 * arguments and checks what comes back.
 */
public final class JavaObjectProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many objects a walk from a value looks at, at most; a walk from {@code window} goes further. */
    private static final int VALUE_VISITS = 100_000;
    public static final int WINDOW_VISITS = 250_000;

    private static final String LIBRARY = """
            window.__javaProbe = (function () {
              const NAMES = ["getClass", "class", "getClassLoader", "forName", "java", "Packages", "javax", "netscape",
                  "sun", "JavaImporter", "JavaAdapter", "invoke", "door", "javaDoor", "release", "console", "getMember",
                  "setMember", "getSlot", "call", "eval", "host", "realm", "js", "helpers", "_js_ref", "hashCode",
                  "wait", "notify"];
              const CALL = ["getClass", "getClassLoader", "forName", "class"];
              const JAVA_STRING = /^(class |interface )?(java|javax|jdk|sun|com\\.sun|netscape|org\\.graalvm|dev\\.pydesk)\\.|^[A-Za-z_$][\\w$]*(\\.[\\w$]+)+@[0-9a-f]+$/;
              // a Java exception or class named in an error message ("JavaScript" alone is no finding)
              const JAVA_ERROR = /\\b(java|javax|jdk|sun|netscape)\\.[A-Za-z]|dev\\.pydesk|org\\.graalvm|JSException|Trampoline/;
              const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");
              const isJavaString = (v) => typeof v === "string" && JAVA_STRING.test(v);
              const javaError = (e) => JAVA_ERROR.test(String(e));
              function isJava(v) {
                if (!isObject(v)) return null;
                try {
                  if (typeof v.getClass === "function") return "has getClass()";
                } catch (e) {
                  if (javaError(e)) return "getClass lookup threw " + e;
                }
                try {
                  const s = String(v);
                  if (JAVA_STRING.test(s)) return "toString " + s;
                } catch (e) {
                  if (javaError(e)) return "String() threw " + e;
                }
                return null;
              }
              const why = (v) => isJavaString(v) ? "a Java-like string " + v : isJava(v);
              function walk(root, rootPath, maxDepth, maxVisits) {
                const findings = [], seen = new Set(), queue = [];
                let visited = 0;
                const look = (value, path, depth) => {
                  // some getters (ReadableStream's closed, ...) hand out rejected promises: keep them quiet
                  if (value instanceof Promise) value.catch(() => {});
                  const reason = isJava(value);
                  if (reason) findings.push(path + ": " + reason);
                  if (isObject(value) && depth <= maxDepth && !seen.has(value)) {
                    seen.add(value);
                    queue.push([value, path, depth]);
                  }
                };
                look(root, rootPath, 0);
                while (queue.length && visited < maxVisits) {
                  const [object, path, depth] = queue.shift();
                  visited++;
                  let names = [];
                  try { names = Object.getOwnPropertyNames(object); } catch (e) { }
                  for (const name of names.concat(NAMES)) {
                    let value;
                    try { value = object[name]; } catch (e) {
                      if (javaError(e)) findings.push(path + "." + name + ": lookup threw " + e);
                      continue;
                    }
                    look(value, path + "." + name, depth + 1);
                    if (CALL.includes(name) && typeof value === "function") {
                      try { look(value.call(object), path + "." + name + "()", depth + 1); } catch (e) {
                        if (javaError(e)) findings.push(path + "." + name + "(): threw " + e);
                      }
                    }
                  }
                  try { look(Object.getPrototypeOf(object), path + ".__proto__", depth + 1); } catch (e) { }
                }
                return {findings: findings, visited: visited};
              }
              function calls(f, path) {
                const out = [];
                const receivers = [undefined, null, window, {getClass() { return 1; }}, 7, "s"];
                const argLists = [[], [undefined], [null], [NaN, -0, Infinity], [2 ** 53 + 2], [Symbol("s")],
                    [window], [document.body], [f], [Object.create(null)], [new Error("x")], [[1, [2, [3]]]],
                    [new Uint8Array([1, 2])], [function () { return this; }]];
                for (const self of receivers) {
                  for (const args of argLists) {
                    let result;
                    try { result = Reflect.apply(f, self, args); } catch (e) {
                      if (javaError(e)) out.push(path + " threw " + e);
                      const reason = why(e);
                      if (reason) out.push(path + " threw a Java object: " + reason);
                      continue;
                    }
                    if (result === args[0] || result === self) continue;
                    const reason = why(result);
                    if (reason) out.push(path + " returned " + reason);
                  }
                }
                return out;
              }
              return {isJava: isJava, isJavaString: isJavaString, javaError: javaError, walk: walk, calls: calls};
            })();
            """;

    /** What a walk found, and how many objects it looked at. */
    public record Walk(List<String> findings, int visited) {
    }

    private JavaObjectProbe() {
    }

    /** Java objects reachable from the JavaScript value {@code expression}, up to {@code depth} steps away. */
    public static List<String> walk(PageHarness page, String expression, int depth) {
        return walk(page, expression, depth, VALUE_VISITS).findings();
    }

    /** A walk from {@code expression} that looks at {@code maxVisits} objects at most. */
    public static Walk walk(PageHarness page, String expression, int depth, int maxVisits) {
        install(page);
        String json = String.valueOf(page.js("JSON.stringify(window.__javaProbe.walk(" + expression + ", "
                + PageHarness.quote(expression) + ", " + depth + ", " + maxVisits + "))"));
        try {
            return JSON.readValue(json, Walk.class);
        } catch (IOException e) {
            throw new AssertionError("not a walk's findings: " + json, e);
        }
    }

    /** What calling the function {@code expression} with odd receivers and arguments handed back that is Java. */
    public static List<String> calls(PageHarness page, String expression) {
        install(page);
        return findings(page, "window.__javaProbe.calls(" + expression + ", " + PageHarness.quote(expression) + ")");
    }

    /** Asserts that nothing Java is reachable from {@code expression} (a walk; for functions, calls too). */
    public static void assertNoJava(PageHarness page, String expression) {
        assertEquals(List.of(), walk(page, expression, 3), "Java reachable from " + expression);
        if (Boolean.TRUE.equals(page.js("typeof (" + expression + ") === 'function'"))) {
            assertEquals(List.of(), calls(page, expression), "calling " + expression + " hands out Java");
        }
    }

    /**
     * The detector works: a Java object planted below a JavaScript object is found. It is planted in a WebView of
     * its own: once Java has handed a page a Java object, the next page opened in that WebView never finishes its
     * scripts (seen with PyDesk's page loader; removing the member again does not help).
     */
    public static void assertDetectorFindsPlantedJava() {
        PageHarness blank = new PageHarness();
        try {
            FxThread.run(() -> {
                JSObject window = (JSObject) blank.webView().getEngine().executeScript("window.__planted = {inner: {}}; window");
                ((JSObject) ((JSObject) window.getMember("__planted")).getMember("inner")).setMember("probe", new Object());
            });
            List<String> found = walk(blank, "window.__planted", 3);
            assertTrue(found.stream().anyMatch(f -> f.startsWith("window.__planted.inner.probe: ")),
                    "the detector missed a planted Java object: " + found);
        } finally {
            blank.close();
        }
    }

    /** Puts the walker into the page as {@code window.__javaProbe} (once per document). */
    public static void install(PageHarness page) {
        if (!Boolean.TRUE.equals(page.js("typeof window.__javaProbe === 'object'"))) page.js(LIBRARY);
    }

    private static List<String> findings(PageHarness page, String expression) {
        String json = String.valueOf(page.js("JSON.stringify(" + expression + ")"));
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON array of strings: " + json, e);
        }
    }
}
