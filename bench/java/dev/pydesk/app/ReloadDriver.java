package dev.pydesk.app;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.FxThread;
import dev.pydesk.interpreter.session.PageLoader;
import dev.pydesk.interpreter.python.Services;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.web.WebView;
import javafx.stage.Stage;

/**
 * Benchmark driver for {@code bench/reload} (not part of the product): opens a page with a worker and timers
 * (bench/pages/reload.html) in a WebView under Monocle, as {@code --headless} does, and reloads it again and again
 * as F5 does ({@link PageLoader#reload()}), each time waiting until the new page ran (its worker answered, its
 * timers ticked). At chosen reloads it records the JVM's live threads, its resident memory (VmRSS) and the heap
 * in use after a full GC; prints a table and one line {@code RELOAD {json}}, then halts.
 */
public final class ReloadDriver {
    public static void main(String[] args) throws Exception {
        int reloads = 200;
        Path page = Path.of("bench/pages/reload.html");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reloads" -> reloads = Integer.parseInt(args[++i]);
                case "--headless", "--jit" -> { }
                default -> page = Path.of(args[i]);
            }
        }
        Headless.enable();
        Services services = new Services();
        services.python().prewarm();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        PageLoader[] loader = new PageLoader[1];
        WebView[] view = new WebView[1];
        FxThread.run(() -> {
            view[0] = new WebView();
            Stage stage = new Stage();
            stage.setScene(new Scene(view[0], 800, 600));
            stage.show();
            loader[0] = new PageLoader(view[0].getEngine(), services, new ConsoleBus(), Duration.ofSeconds(30));
        });
        List<Integer> marks = new ArrayList<>(List.of(1, 10, 25, 50, 100, 150, 200, 300, 500));
        marks.removeIf(mark -> mark > Integer.getInteger("reloads.max", Integer.MAX_VALUE));
        List<String> rows = new ArrayList<>();
        long begin = System.nanoTime();
        Path absolute = page.toAbsolutePath();
        FxThread.run(() -> {
            try {
                loader[0].open(absolute);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        waitForPage(view[0], 0);
        for (int reload = 1; reload <= reloads; reload++) {
            FxThread.run(() -> {
                view[0].getEngine().executeScript("window.__reloadBenchOld = true"); // the next page must not have it
                loader[0].reload();
            });
            waitForPage(view[0], reload);
            if (marks.contains(reload) || reload == reloads) rows.add(sample(reload, begin));
        }
        System.out.println(String.format(Locale.ROOT, "%-7s %8s %9s %10s %15s %12s %14s %9s", "reload", "threads",
                "rss_mb", "heap_mb", "heap_commit_mb", "nonheap_mb", "rss_other_mb", "elapsed_s"));
        StringBuilder json = new StringBuilder("[");
        for (String row : rows) {
            String[] f = row.split(" ");
            System.out.println(String.format(Locale.ROOT, "%-7s %8s %9s %10s %15s %12s %14s %9s", f[0], f[1], f[2], f[3],
                    f[4], f[5], f[6], f[7]));
            if (json.length() > 1) json.append(',');
            json.append(String.format(Locale.ROOT, "{\"reload\":%s,\"threads\":%s,\"rss_mb\":%s,\"heap_mb\":%s,"
                    + "\"heap_committed_mb\":%s,\"nonheap_mb\":%s,\"rss_other_mb\":%s,\"elapsed_s\":%s}",
                    f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
        }
        System.out.println("RELOAD " + json.append(']'));
        if (Boolean.getBoolean("reload.threads")) {
            java.util.Map<String, Long> names = new java.util.TreeMap<>();
            Thread.getAllStackTraces().keySet().forEach(t -> names.merge(t.getName().replaceAll("\\d+", "#"), 1L, Long::sum));
            System.out.println("threads by name: " + names);
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** The page of this load ran: its worker answered and both timers ticked twice since it was loaded. */
    private static void waitForPage(WebView view, int reload) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String check = "!window.__reloadBenchOld && document.body && document.body.dataset.doubled === '42'"
                + " && Number(document.getElementById('ticks').textContent) >= 2"
                + " && Number(document.getElementById('js-ticks').textContent) >= 2";
        while (System.nanoTime() < deadline) {
            Object ready = FxThread.call(() -> {
                try {
                    return view.getEngine().executeScript(check);
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            if (Boolean.TRUE.equals(ready)) return;
            Thread.sleep(20);
        }
        throw new IllegalStateException("reload " + reload + ": the page did not run within 120 s");
    }

    private static String sample(int reload, long begin) throws Exception {
        // Let the previous page's threads end and its contexts be collected before counting.
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        var memory = ManagementFactory.getMemoryMXBean();
        long heap = memory.getHeapMemoryUsage().getUsed();
        long committed = memory.getHeapMemoryUsage().getCommitted();
        long nonHeap = memory.getNonHeapMemoryUsage().getCommitted();
        long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
        long mb = 1024 * 1024;
        return String.format(Locale.ROOT, "%d %d %d %d %d %d %d %.0f", reload, threads, rssKb / 1024, heap / mb,
                committed / mb, nonHeap / mb, rssKb / 1024 - (committed + nonHeap) / mb, (System.nanoTime() - begin) / 1e9);
    }
}
