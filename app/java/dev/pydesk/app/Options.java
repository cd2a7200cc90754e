package dev.pydesk.app;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** PyDesk's command line. */
@Command(name = "pydesk", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        subcommands = {ScriptCommands.TestCommand.class, ScriptCommands.BuildCommand.class,
                ScriptCommands.PackageCommand.class, ScriptCommands.FlagsCommand.class},
        commandListHeading = "%nCommands (./pydesk COMMAND --help lists a command's options):%n",
        description = {"Opens a local PyScript page and runs its Python on GraalPy.",
                "Exit status: 0 no page error, 1 a page error happened, 2 usage error or unreadable page, 3 timeout."})
final class Options {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PAGE",
            description = "The HTML page to open (default: the samples gallery).")
    Path page;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Serve this folder (which must hold the page) as the site root: the page and its Python "
                    + "reach everything under it, nothing outside. Default: root = \"..\" in a pydesk.toml next to "
                    + "the page, else the page's folder.")
    Path root;

    @Option(names = "--headless", description = "No window: load the page, run its scripts, print the result, exit.")
    boolean headless;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Headless: give up after this many seconds (exit 3). Default: ${DEFAULT-VALUE}.")
    double timeout;

    @Option(names = "--wait-for", paramLabel = "CSS-SELECTOR",
            description = "Headless: done when this selector matches (instead of when all scripts finished).")
    String waitFor;

    @Option(names = "--dump", paramLabel = "dom|text|none", defaultValue = "dom",
            description = "Headless: what to print on stdout when done: dom (outerHTML), text (body text), none.")
    Dump dump;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "Headless: save a PNG of the page when done.")
    Path screenshot;

    @Option(names = "--mount", paramLabel = "[POINT=]DIR",
            description = "The folder pyscript.fs.mount() gets (for mount point POINT only, when given) instead of "
                    + "asking; headless, the only way a page can mount one. Repeatable.")
    java.util.List<String> mounts = new java.util.ArrayList<>();

    @Option(names = "--script-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Stop main-thread Python that runs longer than this. Default: ${DEFAULT-VALUE}.")
    double scriptTimeout;

    /** Acted on by the {@code pydesk} launcher script, which starts the JVM with the optimizing runtime for it. */
    @Option(names = "--jit", description = "Optimizing JIT compiler for Python (GraalPy on Truffle + Graal): much faster"
            + " for pages that compute for long, but a slower start and more memory. Needs the pydesk launcher.")
    boolean jit;

    @Option(names = "--size", paramLabel = "WIDTHxHEIGHT", defaultValue = "1024x768",
            description = "Window (or headless viewport) size. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--inspector", description = "Open the inspector (console, elements, REPL, network, workers) with "
            + "the window.")
    boolean inspector;

    @Option(names = "--inspect", paramLabel = "CSS-SELECTOR",
            description = "Open the inspector's Elements tab with the first element matching this selected.")
    String inspect;

    @Option(names = "--watch", description = "Live reload: load the page again, its Python fresh, when a file under "
            + "its folder changes. Headless: print the dump again after each reload, until stopped (Ctrl+C).")
    boolean watch;

    @Option(names = "--kiosk", description = "Kiosk: the page alone, full screen, navigation kept in its folder, "
            + "reloaded after a page error; events logged to kiosk.log in the state folder.")
    boolean kiosk;

    @Option(names = "--kiosk-exit", paramLabel = "KEYS",
            description = "Kiosk: the key combination that quits (e.g. Ctrl+Shift+Q). Default: none.")
    String kioskExit;

    @Option(names = "--kiosk-reload-delay", paramLabel = "SECONDS", defaultValue = "10",
            description = "Kiosk: reload this long after a page error. Default: ${DEFAULT-VALUE}.")
    double kioskReloadDelay;

    @Option(names = "--hide-cursor", description = "Kiosk: hide the mouse pointer over the page.")
    boolean hideCursor;

    enum Dump { dom, text, none }

    int width() {
        return Integer.parseInt(size.substring(0, size.indexOf('x')));
    }

    int height() {
        return Integer.parseInt(size.substring(size.indexOf('x') + 1));
    }
}
