package dev.pydesk.interpreter;

import java.util.function.Supplier;
import org.graalvm.polyglot.HostAccess.Export;

/**
 * What the {@code pyscript} package asks of its interpreter: the configuration, which
 * kind of interpreter it is and where {@code display()} writes by default. Read-only and page-scoped.
 */
public final class InterpreterHost {
    private final String type;
    private final boolean worker;
    private final String configLiteral;
    private final Supplier<String> currentTarget;

    InterpreterHost(String type, boolean worker, String configLiteral, Supplier<String> currentTarget) {
        this.type = type;
        this.worker = worker;
        this.configLiteral = configLiteral;
        this.currentTarget = currentTarget;
    }

    @Export
    public boolean isWorker() {
        return worker;
    }

    @Export
    public String interpreterType() {
        return type;
    }

    /** The configuration as a Python literal (dicts, lists, str, numbers): no json import on a cold interpreter. */
    @Export
    public String configLiteral() {
        return configLiteral;
    }

    @Export
    public String currentTarget() {
        return currentTarget.get();
    }
}
