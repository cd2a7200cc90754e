package dev.pydesk.app;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The subcommands of {@code ./pydesk}: the launcher script runs them itself (they need Maven, the source checkout and
 * jpackage, not a running PyDesk) and hands only their {@code --help} over to Java, so that {@code ./pydesk --help}
 * lists them beside the options and each one's options are written down once, here. {@code CommandLineTest}
 * checks that {@code packaging/package.sh} accepts exactly the options declared for {@code package}.
 */
final class ScriptCommands {
    private ScriptCommands() {}

    /** What PyDesk says when a subcommand reaches Java (e.g. the packaged program, which has no launcher script). */
    static String notHere(String name) {
        return name + " runs from a PyDesk source checkout, through its launcher script: ./pydesk " + name;
    }

    /** {@code -h}/{@code --help} of a subcommand (no {@code --version}: that is PyDesk's own). */
    abstract static class Help {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;
    }

    @Command(name = "test", description = "Run the test suite (mvn -B verify with JDK 25).")
    static final class TestCommand extends Help {
        @Parameters(paramLabel = "MVN-ARGS", arity = "0..*", description = "More arguments for mvn verify, e.g. "
                + "-Dtest=ShellTest -Dsurefire.failIfNoSpecifiedTests=false.")
        List<String> mavenArguments;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build the jar and its start-up cache, without starting PyDesk.")
    static final class BuildCommand extends Help {
    }

    @Command(name = "flags", description = "Print the JVM flags PyDesk starts with (from jvm.flags), one a line.")
    static final class FlagsCommand extends Help {
        @Parameters(paramLabel = "GROUP", arity = "0..1", description = "Only one group of jvm.flags: base, tuning, "
                + "jit or test (default: base and tuning, what ./pydesk and the packaged program run with).")
        String group;
    }

    @Command(name = "package", sortOptions = false, separator = " ",
            description = {"Build a program with its own Java runtime, and a .deb on Debian.",
                    "The app image lands in target/package/NAME. Without --app it is PyDesk itself (it opens the samples"
                            + " gallery); with --app, a page folder of one's own as a program."})
    static final class PackageCommand extends Help {
        @Option(names = "--app", paramLabel = "FOLDER", description = "A folder with an index.html: the program opens it.")
        Path app;

        @Option(names = "--name", paramLabel = "NAME", description = "The program's name (default: pydesk).")
        String name;

        @Option(names = "--icon", paramLabel = "FILE.png", description = "The program's icon.")
        Path icon;

        @Option(names = "--no-deb", description = "Make the app image only, no .deb.")
        boolean noDeb;

        @Option(names = "--no-aot", description = "No start-up (AOT) cache in the image (smaller, slower start).")
        boolean noAot;
    }
}
