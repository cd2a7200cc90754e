package dev.pydesk.app;

import dev.pydesk.bridge.FxThread;
import dev.pydesk.interpreter.session.PageSession;
import dev.pydesk.testing.PageHarness;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The desktop shell in a window of its own, shown and in front for TestFX's robot, with the test JVM's services;
 * its state folder (recent files) is the test's while it is open, the JVM's again once it is closed.
 */
final class ShellWindow implements AutoCloseable {
    final Stage stage;
    final Shell shell;
    private final String previousState;

    private ShellWindow(Stage stage, Shell shell, String previousState) {
        this.stage = stage;
        this.shell = shell;
        this.previousState = previousState;
    }

    /** Opens an empty shell of {@code width} x {@code height} whose state folder is {@code state}. */
    static ShellWindow open(Path state, double width, double height) {
        PageHarness.startToolkit();
        String previousState = System.getProperty("pydesk.state");
        System.setProperty("pydesk.state", state.toString());
        return FxThread.call(() -> {
            Stage stage = new Stage();
            Shell shell = new Shell(stage, PageHarness.services(), 30, RecentFiles.inStateFolder());
            stage.setScene(new Scene(shell.root(), width, height));
            stage.show();
            stage.toFront();
            stage.requestFocus();
            return new ShellWindow(stage, shell, previousState);
        });
    }

    /** Opens {@code page} in the shell and waits until its main-thread scripts are done. */
    PageSession load(Path page) throws Exception {
        CompletableFuture<PageSession> session = new CompletableFuture<>();
        FxThread.run(() -> {
            shell.view().loader.onSession(session::complete);
            shell.open(page);
        });
        PageSession opened = session.get(60, TimeUnit.SECONDS);
        opened.scriptsDone().get(90, TimeUnit.SECONDS);
        return opened;
    }

    @Override
    public void close() {
        FxThread.run(() -> {
            shell.close();
            stage.close();
        });
        if (previousState == null) System.clearProperty("pydesk.state");
        else System.setProperty("pydesk.state", previousState);
    }
}
