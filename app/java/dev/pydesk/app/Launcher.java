package dev.pydesk.app;

import dev.pydesk.bridge.Timing;
import dev.pydesk.interpreter.python.Services;
import dev.pydesk.interpreter.page.SiteRoot;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import picocli.CommandLine;

/**
 * PyDesk's entry point. A plain class (not an {@code Application}) so JavaFX can live on the class path. It builds
 * the process's one {@link Services} (Python runtime, threads, HTTP client), which the window or the headless run
 * closes; the first Python interpreter starts building here, on a background thread, before the toolkit and the
 * window exist.
 */
public final class Launcher {
    static final int OK = 0;
    static final int PAGE_ERROR = 1;
    static final int USAGE = 2;
    static final int TIMEOUT = 3;

    /** Held so the level set below is not garbage-collected with its logger. */
    private static final java.util.logging.Logger FX_STARTUP_LOG = java.util.logging.Logger.getLogger("javafx");

    /** The command line's arguments, for a restart with the same ones ({@link StoppedPage}). */
    private static volatile java.util.List<String> arguments = java.util.List.of();

    private Launcher() {}

    static java.util.List<String> arguments() {
        return arguments;
    }

    public static void main(String[] args) {
        arguments = java.util.List.of(args);
        Timing.mark("main");
        // The first context takes longest of anything before the first output: its build starts before the command
        // line is even parsed (picocli's classes are not in the AOT cache: parsing costs a tenth of a second or more).
        // A usage error or --help exits meanwhile; the builder is a daemon thread.
        Services services = new Services();
        services.python().prewarm();
        Options options = new Options();
        CommandLine cli = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        PrintWriter err = new PrintWriter(System.err, true);
        // JavaFX on the class path is how PyDesk runs (see ARCHITECTURE.md); its warning about it is noise.
        FX_STARTUP_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                System.out.flush();
                System.exit(OK);
            }
            if (parsed.hasSubcommand()) {
                err.println("pydesk: " + ScriptCommands.notHere(parsed.subcommand().commandSpec().name()));
                System.exit(USAGE);
            }
            if (options.kioskExit != null) {
                try {
                    javafx.scene.input.KeyCombination.keyCombination(options.kioskExit);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cli, "--kiosk-exit: not a key combination: '"
                            + options.kioskExit + "' (e.g. Ctrl+Shift+Q)");
                }
            }
            String problem = OptionChecks.problem(options);
            if (problem != null) throw new CommandLine.ParameterException(cli, problem);
            try {
                FolderChoosers.parse(options.mounts);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, e.getMessage());
            }
        } catch (CommandLine.ParameterException e) {
            err.println("pydesk: " + e.getMessage());
            e.getCommandLine().usage(err);
            System.exit(USAGE);
        }
        Path page = options.page != null ? options.page : defaultPage();
        if (!Files.isRegularFile(page) || !Files.isReadable(page)) {
            err.println("pydesk: cannot read the page " + page + ": no such file");
            System.exit(USAGE);
        }
        String configError = AppConfig.apply(page, options);
        if (configError == null) configError = checkSiteRoot(page, options.root);
        if (configError != null) {
            err.println("pydesk: " + configError);
            System.exit(USAGE);
        }
        Timing.mark("arguments parsed");
        if (options.headless) {
            Headless.enable();
            Platform.startup(() -> new HeadlessRun(options, page, services).start());
        } else {
            Platform.startup(() -> new BrowserWindow(options, services).show(page));
        }
    }

    /** The page's site root ({@code --root}, pydesk.toml) must be a folder that holds it; returns the error or null. */
    static String checkSiteRoot(Path page, Path root) {
        try {
            SiteRoot site = SiteRoot.of(page, root);
            if (root != null && !site.requested()) return "--root " + root + " must be a folder that holds the page " + page;
            return null;
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }

    /**
     * The page opened when none is given: {@code -Dpydesk.page} (a packaged app's own index.html), else the samples
     * gallery next to the installation ({@code -Dpydesk.home}) or the current folder.
     */
    static Path defaultPage() {
        String own = System.getProperty("pydesk.page");
        if (own != null) return Path.of(own);
        String home = System.getProperty("pydesk.home");
        Path base = home != null ? Path.of(home) : Path.of("");
        return base.resolve("samples").resolve("index.html");
    }
}
