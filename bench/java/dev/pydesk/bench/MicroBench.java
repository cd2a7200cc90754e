package dev.pydesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.testing.PageHarness;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.web.WebView;
import netscape.javascript.JSObject;

/**
 * The bridge's micro-benchmark: what one DOM operation costs from page Python, on the page's main thread or in a
 * worker, next to what the same operation costs from Java through a {@link JSObject} (the floor the bridge adds
 * to). Opens {@code bench/pages/micro/micro.py} in a real headless WebView with real GraalPy interpreters
 * (the test harness's {@link PageHarness}), then clicks {@code #b} with JavaFX mouse events and times each round
 * trip until the Python handler has updated {@code #count}, and the same for a button whose handler is JavaScript.
 *
 * <p>Run through {@code bench/micro} (the product's JVM flags and AOT cache, several runs taking turns); the build
 * compiles it with the tests and {@code MicroBenchTest} smoke-runs it with a handful of repetitions. Figures are
 * microseconds per operation, one per round; nothing here asserts a speed.
 */
public final class MicroBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code interp}: py or mpy; {@code worker}: run the Python in a worker; {@code n} operations per round. */
    public record Options(String interp, boolean worker, int n, int rounds, int clicks, int javaN) {
        public static Options parse(String[] args) {
            String interp = "py";
            boolean worker = false;
            int n = 2000;
            int rounds = 5;
            int clicks = 300;
            int javaN = 20000;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--interp" -> interp = args[++i];
                    case "--mode" -> worker = args[++i].equals("worker");
                    case "--n" -> n = Integer.parseInt(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--clicks" -> clicks = Integer.parseInt(args[++i]);
                    case "--java-n" -> javaN = Integer.parseInt(args[++i]);
                    case "--headless" -> { } // ./pydesk's own option
                    default -> throw new IllegalArgumentException("MicroBench: unknown option " + args[i]);
                }
            }
            return new Options(interp, worker, n, rounds, clicks, javaN);
        }
    }

    private MicroBench() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (System.getProperty("glass.platform") == null) { // as ./pydesk --headless: Monocle, no display
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
        }
        Path folder = Files.createTempDirectory("pydesk-micro-");
        Map<String, Object> result;
        try (PageHarness page = new PageHarness(Duration.ofSeconds(3600))) {
            result = measure(page, folder, options);
        }
        result.put("load_after", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("MICRO " + JSON.writeValueAsString(result));
        System.out.flush();
        // the toolkit and the interpreters' threads need not wind down; -Dmicro.exit=true lets a profiler write out
        if (Boolean.getBoolean("micro.exit")) System.exit(0);
        Runtime.getRuntime().halt(0);
    }

    /** Opens the benchmark page in {@code folder} and measures; the result is plain JSON-like data. */
    public static Map<String, Object> measure(PageHarness page, Path folder, Options options) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("interp", options.interp());
        result.put("mode", options.worker() ? "worker" : "main");
        result.put("n", options.n());
        result.put("load_before", Files.readString(Path.of("/proc/loadavg")).trim());
        writePage(folder, options);
        page.open(folder.resolve("micro.html"));
        page.waitUntil("#result", Duration.ofSeconds(1800), () -> !page.text("#result").isEmpty());
        Map<?, ?> python = JSON.readValue(page.text("#result"), Map.class);
        if (!Boolean.valueOf(options.worker()).equals(python.get("worker"))) {
            throw new IllegalStateException("the page ran in the wrong place: " + python);
        }
        Map<String, Object> rows = new LinkedHashMap<>();
        python.forEach((name, rounds) -> { // micro.py's rows, in its order
            if (!name.equals("worker")) rows.put(String.valueOf(name), rounds);
        });
        result.put("python_us", rows);
        result.put("java_us", FxThread.call(() -> javaFloor(page.webView(), options)));
        result.put("click_us", clicks(page.webView(), options.clicks(), "b", "count"));
        result.put("js_click_us", clicks(page.webView(), options.clicks(), "j", "jcount"));
        result.put("errors", page.errors().stream().map(e -> e.text()).toList());
        result.put("cpu_ms", cpuMillis());
        return result;
    }

    private static void writePage(Path folder, Options options) throws Exception {
        Path home = Path.of(System.getProperty("pydesk.home", "."));
        Files.copy(home.resolve("bench/pages/micro/micro.py"), folder.resolve("micro.py"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(folder.resolve("micro_params.json"),
                JSON.writeValueAsString(Map.of("n", options.n(), "rounds", options.rounds())));
        Files.writeString(folder.resolve("micro.html"), """
                <!DOCTYPE html><html><head><title>micro</title></head><body>
                <div id="x">hello</div><ul id="list"></ul>
                <button id="b" style="width: 120px; height: 40px">click</button> <span id="count">0</span>
                <button id="j" style="width: 120px; height: 40px">js</button> <span id="jcount">0</span>
                <script>
                  let jcount = 0; // the same handler in JavaScript: what a click costs without Python
                  document.getElementById("j").addEventListener("click", () => {
                    jcount += 1; document.getElementById("jcount").textContent = String(jcount); });
                </script>
                <div id="result"></div>
                <script type="%s"%s src="./micro.py"></script>
                </body></html>
                """.formatted(options.interp(), options.worker() ? " worker" : ""));
    }

    /** The same operations from Java, on the FX thread: what WebKit itself costs. */
    private static Map<String, List<Double>> javaFloor(WebView view, Options options) {
        JSObject document = (JSObject) view.getEngine().executeScript("document");
        JSObject x = (JSObject) document.call("getElementById", "x");
        Map<String, List<Double>> rows = new LinkedHashMap<>();
        rows.put("read", rounds(options, () -> ((JSObject) document.call("getElementById", "x")).getMember("textContent")));
        rows.put("write", rounds(options, () -> {
            x.setMember("title", "t");
            return null;
        }));
        rows.put("call", rounds(options, () -> x.call("getAttribute", "id")));
        rows.put("get_function", rounds(options, () -> document.getMember("getElementById")));
        return rows;
    }

    private static List<Double> rounds(Options options, Supplier<Object> operation) {
        List<Double> perOp = new ArrayList<>();
        for (int r = 0; r < options.rounds(); r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < options.javaN(); i++) operation.get();
            perOp.add((System.nanoTime() - t0) / 1000.0 / options.javaN());
        }
        return perOp;
    }

    /**
     * Clicks {@code #b} {@code count} times (pressed + released at its centre, dispatched to the WebView as the
     * toolkit does for a real mouse) and times each until {@code #count} shows the new value. The wait re-queues
     * itself on the FX thread, so a worker's handler (whose DOM access also runs there) gets its turns.
     */
    private static List<Double> clicks(WebView view, int count, String button, String counter) throws Exception {
        List<Double> micros = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            CompletableFuture<Double> done = new CompletableFuture<>();
            String expected = String.valueOf(i);
            Platform.runLater(() -> {
                String rect = (String) view.getEngine().executeScript("(() => { const r = document.getElementById('" + button + "')"
                        + ".getBoundingClientRect(); return (r.left + r.width / 2) + ',' + (r.top + r.height / 2); })()");
                double x = Double.parseDouble(rect.split(",")[0]);
                double y = Double.parseDouble(rect.split(",")[1]);
                long t0 = System.nanoTime();
                view.fireEvent(mouse(view, MouseEvent.MOUSE_PRESSED, x, y, true));
                view.fireEvent(mouse(view, MouseEvent.MOUSE_RELEASED, x, y, false));
                awaitCount(view, counter, expected, t0, done);
            });
            micros.add(done.get(60, TimeUnit.SECONDS));
        }
        return micros;
    }

    private static void awaitCount(WebView view, String counter, String expected, long t0,
                                   CompletableFuture<Double> done) {
        Object now = view.getEngine().executeScript("document.getElementById('" + counter + "').textContent");
        if (expected.equals(now)) {
            done.complete((System.nanoTime() - t0) / 1000.0);
        } else {
            Platform.runLater(() -> awaitCount(view, counter, expected, t0, done));
        }
    }

    private static MouseEvent mouse(WebView view, javafx.event.EventType<MouseEvent> type, double x, double y,
                                    boolean down) {
        var screen = view.localToScreen(x, y);
        return new MouseEvent(type, x, y, screen == null ? x : screen.getX(), screen == null ? y : screen.getY(),
                MouseButton.PRIMARY, 1, false, false, false, false, down, false, false, false, false, true, null);
    }

    private static long cpuMillis() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1_000_000 : -1;
    }
}
