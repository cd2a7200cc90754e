package dev.pydesk.inspector;

import dev.pydesk.bridge.DomInspection.Attribute;
import dev.pydesk.bridge.DomInspection.Box;
import dev.pydesk.bridge.DomInspection.Details;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Elements tab's right side: the selected node's box size, attributes, inline style and computed style. */
final class ElementDetails {
    private final Label title = new Label("Select a node.");
    private final Label box = new Label();
    private final TableView<Attribute> attributes = table("No attributes.");
    private final TableView<Attribute> inline = table("No inline style.");
    private final ObservableList<Attribute> computedRows = FXCollections.observableArrayList();
    private final FilteredList<Attribute> computedShown = new FilteredList<>(computedRows);
    private final TableView<Attribute> computed = table("No computed style.");
    private final TextField filter = new TextField();
    private final VBox root;
    private Details shown;

    ElementDetails() {
        computed.setItems(computedShown);
        filter.setPromptText("Filter computed style");
        filter.textProperty().addListener((obs, old, text) -> {
            String wanted = text.strip().toLowerCase(Locale.ROOT);
            computedShown.setPredicate(row -> wanted.isEmpty() || row.name().contains(wanted)
                    || row.value().toLowerCase(Locale.ROOT).contains(wanted));
        });
        title.getStyleClass().add("details-title");
        box.setWrapText(true);
        VBox.setVgrow(computed, Priority.ALWAYS);
        VBox computedPane = new VBox(4, filter, computed);
        computedPane.setPadding(new Insets(4, 0, 0, 0));
        TabPane sections = new TabPane(section("Attributes", attributes), section("Inline style", inline),
                section("Computed style", computedPane));
        VBox.setVgrow(sections, Priority.ALWAYS);
        root = new VBox(4, title, box, sections);
        root.setPadding(new Insets(4));
    }

    private static Tab section(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setClosable(false);
        return tab;
    }

    private static TableView<Attribute> table(String empty) {
        TableView<Attribute> table = new TableView<>();
        TableColumn<Attribute, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().name()));
        name.setPrefWidth(150);
        TableColumn<Attribute, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().value()));
        value.setPrefWidth(260);
        table.getColumns().add(name);
        table.getColumns().add(value);
        table.setPlaceholder(new Label(empty));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().add("details-table");
        return table;
    }

    VBox node() {
        return root;
    }

    void show(Optional<Details> details) {
        shown = details.orElse(null);
        if (shown == null) {
            title.setText("Select a node.");
            box.setText("");
            attributes.getItems().clear();
            inline.getItems().clear();
            computedRows.clear();
            return;
        }
        title.setText(DomTreeCell.plain(shown.node()));
        box.setText(describe(shown.box()));
        setIfChanged(attributes.getItems(), shown.attributes());
        setIfChanged(inline.getItems(), shown.inline());
        setIfChanged(computedRows, shown.computed());
    }

    private static void setIfChanged(ObservableList<Attribute> rows, List<Attribute> now) {
        if (!rows.equals(now)) rows.setAll(now);
    }

    static String describe(Box box) {
        if (box == null) return "Not in the document: no box.";
        return "Box " + HighlightLayer.size(box.width()) + " \u00d7 " + HighlightLayer.size(box.height())
                + " at (" + HighlightLayer.size(box.x()) + ", " + HighlightLayer.size(box.y()) + ")"
                + "   margin " + sides(box.margin()) + "   border " + sides(box.border())
                + "   padding " + sides(box.padding());
    }

    private static String sides(List<Double> values) {
        return String.join(" ", values.stream().map(HighlightLayer::size).toList());
    }

    /** What is shown now (tests). */
    Details shown() {
        return shown;
    }

    String boxText() {
        return box.getText();
    }
}
