package dev.pydesk.app;

import dev.pydesk.interpreter.session.PageSession;
import dev.pydesk.interpreter.python.Services;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Benchmark driver for {@code bench/compare} (not part of the product: compiled by the build with the tests into
 * {@code target/test-classes}, and started through {@code ./pydesk} with {@code PYDESK_MAIN_CLASS}).
 *
 * <p>Starts exactly as {@link Launcher} does with {@code --headless} (first interpreter prewarmed at {@code main},
 * Monocle, a {@link PageView} in a stage, the page opened unmodified from its folder), and additionally:
 * <ul>
 *   <li>injects, when the page's session starts (document parsed, no Python run yet), the same kind of
 *       instrumentation the Chromium side injects with an init script: a MutationObserver that records when a
 *       text appears, when {@code #result} is filled, and capture-phase clicks / {@code #count} changes;</li>
 *   <li>{@code --clicks N}: clicks {@code #b} N times with JavaFX mouse events (pressed + released at the
 *       button's centre, dispatched to the WebView as the toolkit does for a real mouse), one per FX pulse,
 *       each awaited until {@code #count} shows the new value;</li>
 *   <li>{@code --reruns K}: runs a Python snippet K times more in the page's own interpreter (same namespace as the
 *       page's script), as the Chromium side does by appending a {@code <script type="py|mpy">};</li>
 * </ul>
 * and prints one line {@code BENCH {json}} on stdout, then halts.
 */
public final class BenchDriver {
    private static final java.util.logging.Logger FX_STARTUP_LOG = java.util.logging.Logger.getLogger("javafx");
    private String text;
    private int clicks;
    private int reruns;
    private String rerunCode;
    private String interp = "py";
    private double timeout = 600;
    private Path page;

    private PageView view;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final List<String> warnings = new ArrayList<>();
    private volatile boolean workerSkipped;
    private final StringBuilder extra = new StringBuilder();
    private long resultCpuNanos = -1;
    private long resultSeenEpoch = -1;

    public static void main(String[] args) throws Exception {
        BenchDriver driver = new BenchDriver();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--headless", "--jit" -> { } // for ./pydesk: no display needed; optimizing runtime
                case "--text" -> driver.text = args[++i];
                case "--clicks" -> driver.clicks = Integer.parseInt(args[++i]);
                case "--reruns" -> driver.reruns = Integer.parseInt(args[++i]);
                case "--rerun-code" -> driver.rerunCode = Files.readString(Path.of(args[++i]));
                case "--interp" -> driver.interp = args[++i];
                case "--timeout" -> driver.timeout = Double.parseDouble(args[++i]);
                default -> driver.page = Path.of(args[i]);
            }
        }
        // as Launcher.main
        FX_STARTUP_LOG.setLevel(java.util.logging.Level.SEVERE);
        Services services = new Services();
        services.python().prewarm();
        Headless.enable();
        Platform.startup(() -> driver.start(services));
    }

    private static final String INSTRUMENT = """
            (function (TEXT) {
              if (window.__bench) return;
              const now = () => performance.now();
              const B = (window.__bench = { marks: {}, epoch: {}, errors: [], clicks: [], counts: [], lastCount: null });
              addEventListener('error', (e) => B.errors.push('error: ' + (e.message || e)));
              addEventListener('click', () => B.clicks.push(now()), true);
              const hasText = (root) => {
                const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                for (let n = w.nextNode(); n; n = w.nextNode()) {
                  const p = n.parentNode && n.parentNode.nodeName;
                  if (p === 'SCRIPT' || p === 'STYLE' || p === 'PY-CONFIG' || p === 'MPY-CONFIG') continue;
                  if (n.data.includes(TEXT)) return true;
                }
                return false;
              };
              const check = () => {
                const t = now();
                if (TEXT && B.marks.text === undefined && document.body && hasText(document.body)) {
                  B.marks.text = t; B.epoch.text = Date.now();
                }
                const r = document.getElementById('result');
                if (r && r.textContent && B.marks.result === undefined) {
                  B.marks.result = t; B.epoch.result = Date.now(); B.resultText = r.textContent;
                }
                const c = document.getElementById('count');
                if (c && c.textContent !== B.lastCount) {
                  if (B.lastCount !== null) B.counts.push(t);
                  B.lastCount = c.textContent;
                }
              };
              B.epoch.instrumented = Date.now();
              B.marks.instrumented = now();
              B.alreadyThere = !!(TEXT && document.body && hasText(document.body));
              check();
              new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
            })(%s);
            """;

    private void start(Services services) {
        view = new PageView(services, 3600);
        view.console.subscribe(event -> {
            String line = ConsoleFormat.line(event);
            System.err.println(line);
            if (line.contains("Worker scripts are not supported")) workerSkipped = true;
        });
        Stage stage = new Stage();
        stage.setScene(new Scene(view.webView, 1280, 800));
        stage.show();
        view.loader.onSession(session -> {
            view.webView.getEngine().executeScript(String.format(Locale.ROOT, INSTRUMENT,
                    text == null ? "null" : quote(text)));
            session.scriptsDone().thenRun(() -> Platform.runLater(() -> {
                // nothing more will fill #result from the main thread: give a worker (or a late write) 60 s
                PauseTransition grace = new PauseTransition(Duration.seconds(workerSkipped ? 0.2 : 60));
                grace.setOnFinished(e -> { if (!ready()) report("no #result after the scripts finished"); });
                grace.play();
            }));
            poll(session);
        });
        PauseTransition limit = new PauseTransition(Duration.seconds(timeout));
        limit.setOnFinished(e -> report("timeout after " + timeout + " s"));
        limit.play();
        try {
            view.loader.open(page);
        } catch (Exception e) {
            report("cannot open: " + e.getMessage());
        }
    }

    private boolean ready() {
        Object r = view.webView.getEngine().executeScript(
                "!!(window.__bench && window.__bench.marks.result !== undefined"
                        + " && (" + (text == null) + " || window.__bench.marks.text !== undefined))");
        return Boolean.TRUE.equals(r);
    }

    private void poll(PageSession session) {
        PauseTransition poll = new PauseTransition(Duration.millis(10));
        poll.setOnFinished(e -> {
            if (finished.get()) return;
            if (ready()) {
                resultSeenEpoch = System.currentTimeMillis();
                resultCpuNanos = cpuNanos();
                afterResult(session);
            } else {
                poll.playFromStart();
            }
        });
        poll.play();
    }

    private void afterResult(PageSession session) {
        if (clicks > 0) {
            clickLoop(new ArrayList<>(), 1, () -> rerunsThenReport(session));
        } else {
            rerunsThenReport(session);
        }
    }

    // ------------------------------------------------------------------------------------------------ clicks
    private void clickLoop(List<Double> rtt, int i, Runnable then) {
        if (finished.get()) return;
        if (i > clicks) {
            extra.append(",\"rtt_ms\":").append(rtt.toString());
            then.run();
            return;
        }
        var engine = view.webView.getEngine();
        String rect = (String) engine.executeScript(
                "(() => { const r = document.getElementById('b').getBoundingClientRect();"
                        + " return (r.left + r.width / 2) + ',' + (r.top + r.height / 2); })()");
        double x = Double.parseDouble(rect.split(",")[0]);
        double y = Double.parseDouble(rect.split(",")[1]);
        long t0 = System.nanoTime();
        view.webView.fireEvent(mouse(MouseEvent.MOUSE_PRESSED, x, y, true));
        view.webView.fireEvent(mouse(MouseEvent.MOUSE_RELEASED, x, y, false));
        awaitCount(String.valueOf(i), t0, rtt, () -> Platform.runLater(() -> clickLoop(rtt, i + 1, then)));
    }

    private void awaitCount(String expected, long t0, List<Double> rtt, Runnable next) {
        Object now = view.webView.getEngine().executeScript("document.getElementById('count').textContent");
        if (expected.equals(now)) {
            rtt.add(Math.round((System.nanoTime() - t0) / 1000.0) / 1000.0);
            next.run();
        } else {
            Platform.runLater(() -> awaitCount(expected, t0, rtt, next));
        }
    }

    private MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y, boolean down) {
        var p = view.webView.localToScreen(x, y);
        double sx = p == null ? x : p.getX();
        double sy = p == null ? y : p.getY();
        return new MouseEvent(type, x, y, sx, sy, MouseButton.PRIMARY, 1,
                false, false, false, false, down, false, false, false, false, true, null);
    }

    // ------------------------------------------------------------------------------------------------ reruns
    private void rerunsThenReport(PageSession session) {
        if (reruns <= 0 || rerunCode == null) {
            report(null);
            return;
        }
        session.interpreter(interp).thenAccept(interpreter -> Platform.runLater(
                () -> rerun(interpreter, new ArrayList<>(), 1)));
    }

    private void rerun(dev.pydesk.interpreter.python.Interpreter interpreter, List<String> results, int n) {
        if (finished.get()) return;
        if (n > reruns) {
            extra.append(",\"reruns\":[").append(String.join(",", results)).append(']');
            report(null);
            return;
        }
        view.webView.getEngine().executeScript("(() => { let out = document.getElementById('bench-rerun');"
                + " if (!out) { out = document.createElement('div'); out.id = 'bench-rerun'; document.body.appendChild(out); }"
                + " out.textContent = ''; })()");
        interpreter.run(rerunCode, "bench-rerun.py", interp + "-bench", null).whenComplete((ok, error) ->
                Platform.runLater(() -> {
                    Object out = view.webView.getEngine().executeScript(
                            "(document.getElementById('bench-rerun') || {}).textContent || 'null'");
                    results.add(String.valueOf(out));
                    rerun(interpreter, results, n + 1);
                }));
    }

    // ------------------------------------------------------------------------------------------------ output
    private void report(String failure) {
        if (!finished.compareAndSet(false, true)) return;
        String bench;
        try {
            bench = (String) view.webView.getEngine().executeScript(
                    "JSON.stringify(Object.assign({}, window.__bench || {}, {timeOrigin: performance.timeOrigin,"
                            + " userAgent: navigator.userAgent}))");
        } catch (RuntimeException e) {
            bench = "null";
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        StringBuilder json = new StringBuilder("{");
        json.append("\"failure\":").append(failure == null ? "null" : quote(failure));
        json.append(",\"workerSkipped\":").append(workerSkipped);
        json.append(",\"jvmStartEpoch\":").append(jvmStart);
        json.append(",\"resultSeenEpoch\":").append(resultSeenEpoch);
        json.append(",\"cpuAtResultMs\":").append(resultCpuNanos < 0 ? -1 : resultCpuNanos / 1_000_000);
        json.append(",\"cpuAtEndMs\":").append(cpuNanos() / 1_000_000);
        json.append(",\"bench\":").append(bench);
        json.append(extra);
        json.append('}');
        System.out.println("BENCH " + json);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    private static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return -1;
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
