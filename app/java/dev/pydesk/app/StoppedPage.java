package dev.pydesk.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The window's answer to a page whose JavaScript does not return. WebKit cannot interrupt it and the FX thread
 * (the whole window) is stuck in it, so PyDesk tears itself down like a browser whose renderer hung: it starts a
 * new PyDesk with the same command line, which shows that the page was stopped and why (F5 runs it again), and
 * ends this one.
 */
record StoppedPage(Path page, String reason) {
    private static final String PAGE = "PYDESK_STOPPED_PAGE";
    private static final String REASON = "PYDESK_STOPPED_REASON";

    /** The stopped page this process was started to show, when it is such a restart. */
    static Optional<StoppedPage> ofThisProcess() {
        String page = System.getenv(PAGE);
        if (page == null || page.isEmpty()) return Optional.empty();
        String reason = System.getenv(REASON);
        return Optional.of(new StoppedPage(Path.of(page), reason == null ? "" : reason));
    }

    /** Starts the new PyDesk, then ends this process (never returns). */
    static void restartWith(Path page, String reason, PrintStream err) {
        // This JVM's java, options and class path, then PyDesk's own arguments: what /proc says of a process's
        // command line is not to be trusted (long class paths), and a packaged launcher has no such line at all.
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        command.addAll(Launcher.arguments());
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put(PAGE, page.toAbsolutePath().toString());
            builder.environment().put(REASON, reason);
            Process restarted = builder.start();
            err.println("pydesk: restarted as process " + restarted.pid() + " with " + page.getFileName() + " stopped");
        } catch (IOException | RuntimeException e) {
            err.println("pydesk: could not restart (" + e.getMessage() + "): quitting");
        }
        err.flush();
        dev.pydesk.interpreter.python.Services.halt(Launcher.PAGE_ERROR); // the FX thread is stuck: nothing else can end it
    }

    /** What the window shows instead of the page. */
    String html() {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Stopped: " + escape(page.getFileName().toString())
                + "</title></head><body style=\"font-family: sans-serif; margin: 3em; max-width: 50em\">"
                + "<h1 style=\"font-size: 1.4em\">" + escape(page.toString()) + " was stopped</h1>"
                + "<p id=\"reason\">" + escape(reason) + "</p>"
                + "<p>Fix the page's JavaScript, then press F5 (or the reload button) to run it again.</p></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
