package dev.pydesk.app;

import picocli.CommandLine.IVersionProvider;

/** The version line of {@code --version}: PyDesk's own and the runtimes it embeds. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {
            "PyDesk " + (version == null ? "0.1.0-dev" : version),
            "Java " + Runtime.version() + ", JavaFX " + System.getProperty("javafx.runtime.version", "26")
                    + ", GraalPy 25.0.3 (Python 3.12)"
        };
    }
}
