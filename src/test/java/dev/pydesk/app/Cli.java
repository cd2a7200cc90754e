package dev.pydesk.app;

import dev.pydesk.bridge.FxThread;
import dev.pydesk.testing.PageHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Runs PyDesk's command line on a page and gives back what a user sees: the exit status, stdout, stderr. In this
 * JVM ({@link #inProcess}: {@code --headless} through the same {@link HeadlessRun}, many pages one after the other)
 * or in a PyDesk process of its own ({@link #process}: for usage errors, and for pages whose JavaScript never
 * returns, which leave their JVM's FX thread stuck for good).
 */
final class Cli {
    /** Standard input that stays open and silent: nothing ever comes, and it never ends. */
    static final String SILENT = new String("(open and silent)");
    /** A Java class name as it appears in exception texts: none may reach the user. */
    static final Pattern JAVA_NAME = Pattern.compile(
            "(?<![/.\\w])(?:java|javax|jdk|sun|netscape|com\\.sun|com\\.oracle|com\\.fasterxml|org\\.graalvm|dev\\.pydesk)"
                    + "\\.[a-z_]+(?:\\.[A-Za-z_$]+)*");

    record Result(int status, String stdout, String stderr, Duration took) {
        String all() {
            return "status " + status + " after " + took.toMillis() + " ms\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private Cli() {}

    /** {@code pydesk ARGS} with {@code --headless} in this JVM; {@code stdin} null means empty input. */
    static Result inProcess(String stdin, Duration bound, String... args) throws Exception {
        Options options = new Options();
        new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        if (!options.headless) throw new IllegalArgumentException("in this JVM only --headless runs");
        String problem = OptionChecks.problem(options);
        if (problem != null) throw new IllegalArgumentException("a usage error runs in a process of its own: " + problem);
        Path page = options.page;
        if (AppConfig.apply(page, options) != null) throw new IllegalArgumentException("pydesk.toml: run it as a process");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        HeadlessIo io = new HeadlessIo(outStream, errStream, input(stdin), exit::complete);
        PageHarness.startToolkit();
        long start = System.nanoTime();
        FxThread.run(() -> new HeadlessRun(options, page, PageHarness.services(), io).start());
        int status;
        try {
            status = exit.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("pydesk " + String.join(" ", args) + " did not end within " + bound
                    + "\n--- stderr\n" + err.toString(StandardCharsets.UTF_8));
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static InputStream input(String stdin) {
        if (stdin == SILENT) {
            return new InputStream() {
                private final CountDownLatch never = new CountDownLatch(1);

                @Override
                public int read() {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return -1;
                }
            };
        }
        return new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code pydesk ARGS} in a process of its own (the test JVM's class path and flags), in {@code dir}; killed
     * after {@code bound}. {@code stdin} null: empty input; {@link #SILENT}: open, nothing comes.
     */
    static Result process(Path dir, String stdin, Duration bound, String... args) throws Exception {
        return process(dir, stdin, bound, List.of(), args);
    }

    static Result process(Path dir, String stdin, Duration bound, List<String> jvmOptions, String... args)
            throws Exception {
        return process(dir, stdin, bound, jvmOptions, java.util.Map.of(), args);
    }

    static Result process(Path dir, String stdin, Duration bound, List<String> jvmOptions,
                          java.util.Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // the test JVM's own flags (native access, the socket guard, Monocle), not its agent or debugger
            if (!flag.startsWith("-javaagent") && !flag.startsWith("-agentlib") && !flag.startsWith("-Xss")) command.add(flag);
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (stdin != SILENT) {
            try (var input = process.getOutputStream()) {
                input.write((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8));
            }
        }
        boolean ended = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("pydesk " + String.join(" ", args) + " did not end within " + bound
                    + "\n--- stderr\n" + Files.readString(err));
        }
        process.getOutputStream().close();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), took);
    }

    static String html(String body) {
        return "<!doctype html><html><head><title>t</title></head><body>" + body + "</body></html>";
    }
}
