package dev.pydesk.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs one piece of page Python the four ways PyScript's own suite runs every module: {@code py} and {@code mpy}, on
 * the page's main thread and in a worker. The code calls {@code log(value)} (a line in {@code <ul id="log">}) and
 * ends with {@code log("done")}; a page error stops the wait at once, with its banner as the failure.
 */
public final class Variants {
    /** As {@code @ValueSource(strings = ...)}: the interpreter type, then " worker" for a worker. */
    public static final String PY = "py", MPY = "mpy", PY_WORKER = "py worker", MPY_WORKER = "mpy worker";

    private static final String LOG = """
            from pyscript import document as _document
            def log(*values):
                item = _document.createElement("li")
                item.textContent = " ".join(str(value) for value in values)
                _document.getElementById("log").append(item)
            """;

    private Variants() {}

    public static String type(String variant) {
        return variant.split(" ")[0];
    }

    public static boolean worker(String variant) {
        return variant.endsWith(" worker");
    }

    /** A page with {@code head} in its head and {@code code} in one script of the variant. */
    public static String page(String variant, String head, String body, String code) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + head + "</head><body>\n" + body
                + "\n<ul id=\"log\"></ul>\n<script type=\"" + type(variant) + "\"" + (worker(variant) ? " worker" : "")
                + ">\n" + LOG + code.stripIndent() + "\n</script>\n</body></html>";
    }

    /** Writes the page as {@code name} into {@code folder}, opens it and returns its log once it says "done". */
    public static List<String> run(PageHarness page, Path folder, String name, String variant, String head,
                                   String body, String code) throws IOException {
        page.open(folder, name, page(variant, head, body, code));
        return awaitDone(page);
    }

    public static List<String> run(PageHarness page, Path folder, String variant, String code) throws IOException {
        return run(page, folder, "variant.html", variant, "", "", code);
    }

    /** Reloads the page (its document and interpreters start fresh) and returns its new log once it says "done". */
    public static List<String> reload(PageHarness page) {
        page.js("document.documentElement.dataset.beforeReload = 'yes'");
        page.reload();
        page.waitUntil("the reloaded document", Duration.ofSeconds(60),
                () -> {
                    try {
                        return Boolean.FALSE.equals(page.js("document.documentElement.dataset.beforeReload === 'yes'"));
                    } catch (RuntimeException betweenDocuments) {
                        return false;
                    }
                });
        return awaitDone(page);
    }

    /** Waits until the log says "done" (or the page shows an error) and returns the lines before it. */
    public static List<String> awaitDone(PageHarness page) {
        page.waitUntil("the log to say done", Duration.ofSeconds(90), () -> page.texts("#log li").contains("done")
                || page.count("div.py-error") > 0);
        if (!page.texts("#log li").contains("done")) {
            throw new AssertionError("the page failed:\n" + page.bannerText() + "\nlog: " + page.texts("#log li")
                    + "\nconsole:\n" + page.consoleText());
        }
        List<String> lines = page.texts("#log li");
        return lines.subList(0, lines.indexOf("done"));
    }
}
