package dev.pydesk.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * Where a headless run writes (the dump, the console stream), what it reads for prompts and how it ends: the
 * process's own streams and {@code Services.halt} for {@code ./pydesk --headless}; other streams and a callback
 * for running many pages through the same code in one JVM (the corpus test).
 */
record HeadlessIo(PrintStream out, PrintStream err, InputStream in, IntConsumer exit) {
    /** The process's streams; the run ends the JVM (halt: a page's stuck thread must not keep it alive). */
    static HeadlessIo process() {
        return new HeadlessIo(System.out, System.err, System.in, dev.pydesk.interpreter.python.Services::halt);
    }
}
