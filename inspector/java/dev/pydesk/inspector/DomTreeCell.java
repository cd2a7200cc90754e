package dev.pydesk.inspector;

import dev.pydesk.bridge.DomInspection.Attribute;
import dev.pydesk.bridge.DomInspection.Node;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One row of the Elements tree as DevTools draws it: {@code <tag name="value">} in colours, text in quotes,
 * comments, the doctype, and a badge on the elements PyDesk made (a script's output, the error banner).
 * Hovering a row asks for its node's highlight.
 */
final class DomTreeCell extends TreeCell<Node> {
    private static final int VALUE_LIMIT = 80;

    DomTreeCell(Consumer<Node> hover) {
        setOnMouseEntered(event -> hover.accept(isEmpty() ? null : getItem()));
        getStyleClass().add("dom-cell");
    }

    @Override
    protected void updateItem(Node node, boolean empty) {
        super.updateItem(node, empty);
        setText(null);
        setGraphic(empty || node == null ? null : render(node));
    }

    static String plain(Node node) {
        StringBuilder text = new StringBuilder();
        for (javafx.scene.Node part : render(node).getChildren()) {
            if (part instanceof Text t) text.append(t.getText());
            else if (part instanceof Label l) text.append(l.getText());
        }
        return text.toString();
    }

    private static TextFlow render(Node node) {
        TextFlow flow = new TextFlow();
        switch (node.type()) {
            case 1 -> {
                flow.getChildren().addAll(text("<", "dom-punct"), text(node.name(), "dom-tag"));
                for (Attribute attribute : node.attributes()) {
                    flow.getChildren().addAll(text(" " + attribute.name(), "dom-attr"), text("=\"", "dom-punct"),
                            text(clip(attribute.value()), "dom-value"), text("\"", "dom-punct"));
                }
                flow.getChildren().add(text(">", "dom-punct"));
                if (node.made() != null) {
                    Label badge = new Label("PyDesk " + node.made());
                    badge.getStyleClass().add("dom-made");
                    flow.getChildren().addAll(text("  ", "dom-punct"), badge);
                }
            }
            case 3 -> flow.getChildren().add(text("\"" + node.text().strip() + "\"", "dom-text"));
            case 8 -> flow.getChildren().add(text("<!--" + node.text() + "-->", "dom-comment"));
            case 10 -> flow.getChildren().add(text("<!doctype " + node.text() + ">", "dom-comment"));
            default -> flow.getChildren().add(text(node.name(), "dom-comment"));
        }
        return flow;
    }

    private static Text text(String content, String style) {
        Text text = new Text(content);
        text.getStyleClass().add(style);
        return text;
    }

    private static String clip(String value) {
        return value.length() > VALUE_LIMIT ? value.substring(0, VALUE_LIMIT) + "\u2026" : value;
    }
}
