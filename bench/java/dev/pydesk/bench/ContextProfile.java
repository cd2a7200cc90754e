package dev.pydesk.bench;

import dev.pydesk.interpreter.python.PythonRuntime;
import dev.pydesk.interpreter.python.Services;
import java.lang.management.ManagementFactory;

/**
 * Start-up profile helper (bench only, compiled by the build into target/test-classes): builds PyDesk's first
 * Python context exactly as the app does ({@link PythonRuntime#prewarm()}, then {@link PythonRuntime#take()}), with no
 * page and no toolkit, prints how long it took (wall and CPU), and exits normally, so that Truffle instruments
 * given as system properties write their output, e.g. Truffle's CPU sampler:
 * <pre>JAVA_TOOL_OPTIONS='-Dpolyglot.cpusampler=true -Dpolyglot.cpusampler.Output=histogram' \
 *   PYDESK_MAIN_CLASS=dev.pydesk.bench.ContextProfile PYDESK_BENCH_CP=target/test-classes ./pydesk --headless</pre>
 */
public final class ContextProfile {
    private ContextProfile() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Services services = new Services();
        PythonRuntime runtime = services.python().prewarm();
        PythonRuntime.PreparedContext prepared = runtime.take().get();
        long t1 = System.nanoTime();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long sinceJvm = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("first context prepared: %d ms after main, %d ms after JVM start, process CPU %d ms%n",
                (t1 - t0) / 1_000_000, sinceJvm, os.getProcessCpuTime() / 1_000_000);
        prepared.context().close();
        services.close();
        System.exit(0);
    }
}
