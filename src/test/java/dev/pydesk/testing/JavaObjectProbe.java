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
 * JavaScript must be plain JavaScript). WebKit's Java bridge shows a Java object to JavaScript as an object with a
 * callable {@code getClass}, a {@code toString} like {@code java.lang.Object@1b2c}, or one whose conversion throws a
 * Java exception. The walk follows own property names, the prototype chain and Java-ish member names (calling the
 * Java-only ones); {@link #calls} calls a function with odd receivers and arguments and checks what comes back.
 */
public final class JavaObjectProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String LIBRARY = """
            window.__javaProbe = (function () {
              const NAMES = ["getClass", "class", "getClassLoader", "forName", "java", "Packages", "netscape", "sun",
                  "invoke", "door", "release", "console", "getMember", "setMember", "getSlot", "call", "eval", "host",
                  "realm", "js", "helpers", "_js_ref", "hashCode", "wait", "notify"];
              const CALL = ["getClass", "getClassLoader", "class"];
              const JAVA_STRING = /^(class |interface )?(java|javax|jdk|sun|com\\.sun|netscape|org\\.graalvm|dev\\.pydesk)\\.|^[A-Za-z_$][\\w$]*(\\.[\\w$]+)+@[0-9a-f]+$/;
              const JAVA_ERROR = /java\\.|javax\\.|netscape\\.|dev\\.pydesk|JSException|Trampoline/;
              const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");
              function why(v) {
                if (typeof v === "string") return JAVA_STRING.test(v) ? "a Java-like string " + v : null;
                if (!isObject(v)) return null;
                try {
                  if (typeof v.getClass === "function") return "has getClass()";
                } catch (e) {
                  if (JAVA_ERROR.test(String(e))) return "getClass lookup threw " + e;
                }
                try {
                  const s = String(v);
                  if (JAVA_STRING.test(s)) return "toString " + s;
                } catch (e) {
                  if (JAVA_ERROR.test(String(e))) return "String() threw " + e;
                }
                return null;
              }
              function walk(root, rootPath, maxDepth) {
                const findings = [], seen = new Set(), queue = [];
                let visited = 0;
                const look = (value, path, depth) => {
                  if (value instanceof Promise) value.catch(() => {});
                  const reason = isObject(value) ? why(value) : null;
                  if (reason) findings.push(path + ": " + reason);
                  if (isObject(value) && depth <= maxDepth && !seen.has(value)) {
                    seen.add(value);
                    queue.push([value, path, depth]);
                  }
                };
                look(root, rootPath, 0);
                while (queue.length && visited < 100000) {
                  const [object, path, depth] = queue.shift();
                  visited++;
                  let names = [];
                  try { names = Object.getOwnPropertyNames(object); } catch (e) { }
                  for (const name of names.concat(NAMES)) {
                    let value;
                    try { value = object[name]; } catch (e) {
                      if (JAVA_ERROR.test(String(e))) findings.push(path + "." + name + ": lookup threw " + e);
                      continue;
                    }
                    look(value, path + "." + name, depth + 1);
                    if (CALL.includes(name) && typeof value === "function") {
                      try { look(value.call(object), path + "." + name + "()", depth + 1); } catch (e) {
                        if (JAVA_ERROR.test(String(e))) findings.push(path + "." + name + "(): threw " + e);
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
                      if (JAVA_ERROR.test(String(e))) out.push(path + " threw " + e);
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
              return {why: why, walk: walk, calls: calls};
            })();
            """;

    private JavaObjectProbe() {
    }

    /** Java objects reachable from the JavaScript value {@code expression}, up to {@code depth} steps away. */
    public static List<String> walk(PageHarness page, String expression, int depth) {
        install(page);
        return findings(page, "window.__javaProbe.walk(" + expression + ", " + PageHarness.quote(expression) + ", "
                + depth + ").findings");
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

    private static void install(PageHarness page) {
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
