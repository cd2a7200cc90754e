package dev.pydesk.inspector;

import dev.pydesk.bridge.NetworkBus;
import dev.pydesk.bridge.events.NetworkEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The Network tab: every resource the page server sent the page, every {@code fetch} of page Python, every
 * WebSocket opened by page Python with its frames, with method, URL, status, size and time.
 */
public final class NetworkView {
    private final ConcurrentLinkedQueue<NetworkEvent> incoming = new ConcurrentLinkedQueue<>();
    private final TableView<NetworkEvent> table = new TableView<>();
    private final CheckBox preserve = new CheckBox("Preserve log");
    private final BorderPane root = new BorderPane();

    public NetworkView(NetworkBus bus) {
        bus.subscribe(incoming::add);
        table.getColumns().add(column("Kind", NetworkEvent::kind, 80));
        table.getColumns().add(column("Method", NetworkEvent::method, 70));
        table.getColumns().add(column("URL", NetworkEvent::url, 420));
        table.getColumns().add(column("Status", event -> event.status() == 0 ? "" : String.valueOf(event.status()), 60));
        table.getColumns().add(column("Size", event -> event.size() + " B", 80));
        table.getColumns().add(column("Time", event -> event.millis() + " ms", 70));
        table.getColumns().add(column("Detail", NetworkEvent::detail, 200));
        table.setPlaceholder(new Label("No requests yet."));
        Button clear = new Button("Clear");
        clear.setOnAction(event -> table.getItems().clear());
        HBox bar = new HBox(6, preserve, clear);
        bar.setPadding(new Insets(4));
        root.setTop(bar);
        root.setCenter(table);
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                drain();
            }
        }.start();
    }

    private static TableColumn<NetworkEvent, String> column(String title, Function<NetworkEvent, String> value,
                                                            double width) {
        TableColumn<NetworkEvent, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    public BorderPane node() {
        return root;
    }

    void drain() {
        List<NetworkEvent> batch = new ArrayList<>();
        NetworkEvent event;
        while ((event = incoming.poll()) != null) batch.add(event);
        if (!batch.isEmpty()) table.getItems().addAll(batch);
    }

    /** A new page: the log starts afresh unless "Preserve log" is on. FX thread. */
    void pageChanged() {
        if (!preserve.isSelected()) {
            incoming.clear();
            table.getItems().clear();
        }
    }

    /** What the table shows now. FX thread. */
    public List<NetworkEvent> entries() {
        drain();
        return List.copyOf(table.getItems());
    }
}
