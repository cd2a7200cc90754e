package dev.pydesk.inspector;

import dev.pydesk.interpreter.PageSession;
import dev.pydesk.interpreter.PageWorker;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/** The Workers tab: the page's workers (script tags and PyWorkers), their state, and a button that stops one. */
public final class WorkersView {
    private final Supplier<Optional<PageSession>> session;
    private final TableView<PageWorker> table = new TableView<>();
    private final BorderPane root = new BorderPane();

    public WorkersView(Supplier<Optional<PageSession>> session) {
        this.session = session;
        table.getColumns().add(column("Worker", PageWorker::label));
        table.getColumns().add(column("Type", PageWorker::type));
        table.getColumns().add(column("State", worker -> worker.state().name().toLowerCase(java.util.Locale.ROOT)));
        table.setPlaceholder(new Label("This page has no workers."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button stop = new Button("Stop worker");
        stop.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        stop.setOnAction(event -> {
            PageWorker worker = table.getSelectionModel().getSelectedItem();
            if (worker != null) worker.terminate();
            refresh();
        });
        HBox bar = new HBox(6, stop);
        bar.setPadding(new Insets(4));
        root.setTop(bar);
        root.setCenter(table);
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(500), event -> refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private static TableColumn<PageWorker, String> column(String title, java.util.function.Function<PageWorker, String> value) {
        TableColumn<PageWorker, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    public BorderPane node() {
        return root;
    }

    public TableView<PageWorker> table() {
        return table;
    }

    /** Reads the page's workers again. FX thread. */
    public void refresh() {
        List<PageWorker> workers = session.get().map(page -> page.workers().all()).orElse(List.of());
        PageWorker selected = table.getSelectionModel().getSelectedItem();
        if (!workers.equals(table.getItems())) table.getItems().setAll(workers);
        table.refresh();
        if (selected != null && workers.contains(selected)) table.getSelectionModel().select(selected);
    }
}
