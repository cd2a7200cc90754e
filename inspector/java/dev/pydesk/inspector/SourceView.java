package dev.pydesk.inspector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;

/** The Source tab: a page file opened from a traceback, its lines numbered and the traceback's line marked. */
public final class SourceView {
    private final ListView<String> lines = new ListView<>();
    private final Label title = new Label("Double-click a traceback in the Console to open its source here.");
    private final BorderPane root = new BorderPane(lines);
    private int marked;

    public SourceView() {
        lines.getStyleClass().add("source-lines");
        lines.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().remove("marked");
                setText(empty || line == null ? null : String.format("%4d  %s", getIndex() + 1, line));
                if (!empty && getIndex() + 1 == marked) getStyleClass().add("marked");
            }
        });
        title.setStyle("-fx-padding: 4;");
        root.setTop(title);
    }

    public BorderPane node() {
        return root;
    }

    /** Shows {@code file} (relative to the site root; {@code page.html#py-0} is the page itself) at {@code line}. */
    public boolean show(Path pageFolder, String file, int line) {
        String name = file.contains("#") ? file.substring(0, file.indexOf('#')) : file;
        Path path = pageFolder.resolve(name).normalize();
        if (!path.startsWith(pageFolder) || !Files.isRegularFile(path)) {
            title.setText("Not a file of the page: " + file);
            return false;
        }
        try {
            List<String> text = Files.readAllLines(path);
            // An inline script's line numbers count from the script's first line, not the page's: no mark then.
            marked = file.contains("#") ? 0 : line;
            lines.setItems(FXCollections.observableArrayList(text));
            title.setText(pageFolder.relativize(path) + (marked > 0 ? ", line " + line : ""));
            if (marked > 0) {
                lines.getSelectionModel().select(marked - 1);
                lines.scrollTo(Math.max(0, marked - 5));
            }
            return true;
        } catch (IOException e) {
            title.setText("Cannot read " + file + ": " + e.getMessage());
            return false;
        }
    }

    public int markedLine() {
        return marked;
    }

    public List<String> lines() {
        return List.copyOf(lines.getItems());
    }
}
