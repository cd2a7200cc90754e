package dev.pydesk.bridge;

import java.lang.management.ManagementFactory;

/**
 * Start-up milestones, printed to stderr as {@code [timing] 1234 ms label} (milliseconds since the JVM started)
 * when PyDesk runs with {@code -Dpydesk.timing=true}. Used by {@code bench/startup} and for profiling start-up.
 */
public final class Timing {
    private static final boolean ENABLED = Boolean.getBoolean("pydesk.timing");

    private Timing() {}

    public static void mark(String label) {
        if (!ENABLED) return;
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.println("[timing] " + sinceStart + " ms " + label);
    }
}
