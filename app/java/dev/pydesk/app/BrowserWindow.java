package dev.pydesk.app;

import dev.pydesk.interpreter.python.Services;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop window: the {@link Shell} around the page; closing it ends PyDesk. */
final class BrowserWindow {
    private final Options options;
    private final Services services;

    BrowserWindow(Options options, Services services) {
        this.options = options;
        this.services = services;
    }

    void show(Path page) {
        if (options.kiosk) {
            showKiosk(page);
            return;
        }
        Stage stage = new Stage();
        Shell shell = new Shell(stage, services, options.scriptTimeout, RecentFiles.inStateFolder());
        shell.view().loader.folderChooser(FolderChoosers.given(FolderChoosers.parse(options.mounts),
                FolderChoosers.dialog(stage)));
        shell.view().loader.siteRoot(options.root);
        shell.view().console.subscribe(event -> System.err.println(ConsoleFormat.line(event)));
        stage.setScene(new Scene(shell.root(), options.width(), options.height()));
        stage.setOnHidden(event -> {
            shell.close();
            services.close();
            Platform.exit();
            System.exit(0);
        });
        shell.showInspector(options.inspector);
        shell.view().loader.onStall(message -> {
            shell.view().console.publish(dev.pydesk.bridge.events.ConsoleEvent.Level.ERROR, "js", message);
            StoppedPage.restartWith(shell.view().loader.page().orElse(page), message, System.err);
        });
        shell.liveReload(options.watch);
        if (options.inspect != null) {
            java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
            shell.view().loader.onSession(session -> {
                if (first.getAndSet(false)) {
                    session.scriptsDone().thenRun(() -> Platform.runLater(() -> shell.inspect(options.inspect)));
                }
            });
        }
        stage.show();
        StoppedPage.ofThisProcess().ifPresentOrElse(stopped -> {
            shell.view().console.publish(dev.pydesk.bridge.events.ConsoleEvent.Level.ERROR, "js", stopped.reason());
            shell.showStopped(stopped);
        }, () -> shell.open(page));
    }

    private void showKiosk(Path page) {
        Stage stage = new Stage();
        KioskMode kiosk = new KioskMode(stage, services, options.scriptTimeout,
                options.kioskExit == null ? null : javafx.scene.input.KeyCombination.keyCombination(options.kioskExit),
                options.hideCursor, options.kioskReloadDelay, KioskMode.defaultLog());
        kiosk.view().console.subscribe(event -> System.err.println(ConsoleFormat.line(event)));
        kiosk.view().loader.folderChooser(FolderChoosers.given(FolderChoosers.parse(options.mounts),
                FolderChoosers.dialog(stage)));
        kiosk.view().loader.siteRoot(options.root);
        stage.setOnHidden(event -> {
            kiosk.close();
            services.close();
            Platform.exit();
            System.exit(0);
        });
        kiosk.view().loader.onStall(kiosk::stalled);
        stage.show();
        var stopped = StoppedPage.ofThisProcess();
        if (stopped.isPresent()) {
            kiosk.showStopped(stopped.get());
            return;
        }
        try {
            kiosk.open(page);
        } catch (java.io.IOException e) {
            System.err.println("pydesk: " + e.getMessage());
        }
    }
}
