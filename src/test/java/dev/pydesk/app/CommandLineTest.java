package dev.pydesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pydesk.testing.JvmFlags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./pydesk --help} on a real PyDesk process: the options and, beside them, the subcommands the launcher script
 * runs ({@code test}, {@code build}, {@code package}, {@code flags}), one line each; {@code package --help} lists the
 * options that {@code packaging/package.sh} really accepts.
 */
class CommandLineTest {
    @TempDir
    Path dir;

    record Result(int status, String stdout, String stderr) {}

    private Result pydesk(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JvmFlags.of("base"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.pydesk.app.Launcher"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pydesk did not exit");
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheSubcommandsBesideTheOptions() throws Exception {
        Result help = pydesk("--help");
        assertEquals(0, help.status(), help.stderr());
        for (String option : List.of("--headless", "--watch", "--inspect", "--dump", "--kiosk")) {
            assertTrue(help.stdout().contains(option), option + " missing from\n" + help.stdout());
        }
        String commands = help.stdout().substring(help.stdout().indexOf("Commands"));
        for (String line : List.of("  test     Run the test suite", "  build    Build the jar",
                "  package  Build a program", "  flags    Print the JVM flags")) {
            assertTrue(commands.lines().anyMatch(l -> l.startsWith(line)), line + " missing from\n" + commands);
        }
        assertEquals(5, commands.lines().count(), "one line per command:\n" + commands);
    }

    @Test
    void aSubcommandsHelpListsItsOwnOptions() throws Exception {
        Result help = pydesk("package", "--help");
        assertEquals(0, help.status(), help.stderr());
        assertTrue(help.stdout().startsWith("Usage: pydesk package"), help.stdout());
        for (String option : List.of("--app FOLDER", "--name NAME", "--icon FILE.png", "--no-deb", "--no-aot")) {
            assertTrue(help.stdout().contains(option), option + " missing from\n" + help.stdout());
        }
        Result test = pydesk("test", "--help");
        assertTrue(test.stdout().contains("MVN-ARGS"), test.stdout());
        // The packaged program has no launcher script: a subcommand says where it runs.
        Result build = pydesk("build");
        assertEquals(2, build.status());
        assertTrue(build.stderr().contains("./pydesk build"), build.stderr());
    }

    /** package.sh parses its own arguments: the options it accepts are exactly those its help lists. */
    @Test
    void packageScriptAcceptsTheDeclaredOptions() throws Exception {
        String script = Files.readString(Path.of("packaging", "package.sh"));
        String parsing = script.substring(script.indexOf("while (($#)); do"), script.indexOf("done", script.indexOf("while (($#)); do")));
        TreeSet<String> accepted = new TreeSet<>();
        Matcher label = Pattern.compile("(?m)^\\s+([-a-z| ]+)\\)").matcher(parsing);
        while (label.find()) {
            for (String name : label.group(1).split("\\|")) accepted.add(name.strip());
        }
        TreeSet<String> declared = new TreeSet<>();
        new CommandLine(new ScriptCommands.PackageCommand()).getCommandSpec().options()
                .forEach(option -> declared.addAll(List.of(option.names())));
        assertEquals(declared, accepted);
    }
}
