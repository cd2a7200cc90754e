package dev.pydesk.inspector;

import dev.pydesk.inspector.InspectedPage.Worker;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The Workers tab: the page's workers (script tags and PyWorkers), their state, and a button that stops one. The
 * inspector refreshes it on each {@link dev.pydesk.bridge.events.PageEvent.WorkerState}.
 */
public final class WorkersView {
    private final InspectedPage page;
    private final TableView<Worker> table = new TableView<>();
    private final BorderPane root = new BorderPane();

    public WorkersView(InspectedPage page) {
        this.page = page;
        table.getColumns().add(column("Worker", Worker::label));
        table.getColumns().add(column("Type", Worker::type));
        table.getColumns().add(column("State", Worker::state));
        table.setPlaceholder(new Label("This page has no workers."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button stop = new Button("Stop worker");
        stop.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        stop.setOnAction(event -> {
            Worker worker = table.getSelectionModel().getSelectedItem();
            if (worker != null) worker.stop().run();
            refresh();
        });
        HBox bar = new HBox(6, stop);
        bar.setPadding(new Insets(4));
        root.setTop(bar);
        root.setCenter(table);
    }

    private static TableColumn<Worker, String> column(String title, java.util.function.Function<Worker, String> value) {
        TableColumn<Worker, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    public BorderPane node() {
        return root;
    }

    public TableView<Worker> table() {
        return table;
    }

    /** Reads the page's workers again. FX thread. */
    public void refresh() {
        List<Worker> workers = page.workers();
        int selected = table.getSelectionModel().getSelectedIndex();
        if (!workers.equals(table.getItems())) table.getItems().setAll(workers);
        if (selected >= 0 && selected < workers.size()) table.getSelectionModel().select(selected);
    }
}
