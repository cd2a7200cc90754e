package dev.pydesk.inspector;

import dev.pydesk.bridge.DomInspection;
import dev.pydesk.bridge.DomInspection.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The Elements tab: the page's live DOM as a tree (elements, text, comments; children read when a node is first
 * expanded), kept current by the page's MutationObserver: the changes of one frame are applied together on the next
 * one. A CSS selector finds nodes; hovering a row highlights its node over the page; selecting one shows its
 * details and makes it {@code $0} in the REPL. The observer only runs while the tab is shown.
 */
public final class ElementsView {
    private final InspectedPage page;
    private final BooleanSupplier shown;
    private final HighlightLayer highlight;
    private final TreeView<Node> tree = new TreeView<>();
    private final Map<Integer, NodeItem> items = new HashMap<>();
    private final NodeItem top = new NodeItem(new Node(0, 9, "#document", List.of(), null, 1, null));
    private final ElementDetails details = new ElementDetails();
    private final TextField search = new TextField();
    private final Label found = new Label();
    private final BorderPane root = new BorderPane();
    private DomInspection dom;
    private boolean active;
    private Node hovered;
    private String lastSearch = "";
    private String pendingSearch;
    private int searchIndex;

    /** A node whose children are read from the page the first time the tree needs them. */
    private final class NodeItem extends TreeItem<Node> {
        private boolean loaded;

        NodeItem(Node node) {
            super(node);
        }

        @Override
        public boolean isLeaf() {
            return getValue().children() == 0;
        }

        @Override
        public javafx.collections.ObservableList<TreeItem<Node>> getChildren() {
            if (!loaded && getValue().children() > 0 && dom != null && dom.isOpen()) {
                loaded = true;
                super.getChildren().setAll(childItems(this));
            }
            return super.getChildren();
        }

        /** The children as they are, without reading them from the page. */
        javafx.collections.ObservableList<TreeItem<Node>> direct() {
            return super.getChildren();
        }
    }

    ElementsView(InspectedPage page, HighlightLayer highlight, BooleanSupplier shown) {
        this.page = page;
        this.highlight = highlight;
        this.shown = shown;
        top.loaded = true;
        top.setExpanded(true);
        tree.setRoot(top);
        tree.setShowRoot(false);
        tree.setCellFactory(view -> new DomTreeCell(this::hover));
        tree.setOnMouseExited(event -> hover(null));
        tree.getStyleClass().add("dom-tree");
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> selected(item));
        search.setPromptText("Find by CSS selector (Enter: next match)");
        search.setOnAction(event -> find(search.getText()));
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox bar = new HBox(6, search, found);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4));
        SplitPane split = new SplitPane(tree, details.node());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.55);
        root.setTop(bar);
        root.setCenter(split);
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame();
            }
        }.start();
    }

    public BorderPane node() {
        return root;
    }

    /** Once per frame: follows the document shown, starts/stops watching with the tab, applies what changed. */
    void frame() {
        DomInspection now = page.dom().orElse(null);
        if (now != dom) {
            if (dom != null && dom.isOpen()) dom.watch(false);
            dom = now;
            active = false;
            clear();
        }
        boolean wanted = dom != null && shown.getAsBoolean();
        try {
            if (wanted && !active) {
                active = true;
                dom.watch(true);
                rebuild();
            } else if (!wanted && active) {
                active = false;
                dom.watch(false);
                hover(null);
            }
            if (!active) return;
            if (dom.hasChanges()) apply(dom.changes());
            if (pendingSearch != null) {
                search.setText(pendingSearch);
                find(pendingSearch);
                pendingSearch = null;
            }
            if (hovered != null) highlight.show(dom.box(hovered.id()), DomTreeCell.plain(hovered));
        } catch (RuntimeException pageGone) {
            // the document went away between two frames; the next frame follows the new one
            active = false;
        }
    }

    private void clear() {
        hover(null);
        items.clear();
        top.direct().clear();
        details.show(Optional.empty());
        found.setText("");
    }

    /** Reads the tree again (the tab was shown), keeping what was expanded and selected. */
    private void rebuild() {
        Set<Integer> expanded = new HashSet<>();
        items.forEach((id, item) -> {
            if (item.isExpanded()) expanded.add(id);
        });
        Integer selectedId = selectedNode().map(Node::id).orElse(null);
        items.clear();
        top.direct().setAll(dom.roots().stream().map(this::item).toList());
        if (expanded.isEmpty()) {
            // DevTools opens a page with <html> and <body> expanded.
            for (TreeItem<Node> child : top.getChildren()) {
                if (child.getValue().name().equals("html")) {
                    child.setExpanded(true);
                    child.getChildren().stream().filter(c -> c.getValue().name().equals("body")).findFirst()
                            .ifPresent(body -> body.setExpanded(true));
                }
            }
        } else {
            expand(top, expanded);
        }
        if (selectedId != null && items.containsKey(selectedId)) tree.getSelectionModel().select(items.get(selectedId));
    }

    private void expand(TreeItem<Node> item, Set<Integer> expanded) {
        for (TreeItem<Node> child : item.getChildren()) {
            if (expanded.contains(child.getValue().id())) {
                child.setExpanded(true);
                expand(child, expanded);
            }
        }
    }

    private NodeItem item(Node node) {
        NodeItem item = new NodeItem(node);
        items.put(node.id(), item);
        return item;
    }

    private List<TreeItem<Node>> childItems(NodeItem parent) {
        DomInspection.Children children = dom.children(parent.getValue().id());
        List<TreeItem<Node>> list = new ArrayList<>();
        for (Node node : children.nodes()) {
            NodeItem existing = items.get(node.id());
            if (existing != null && existing.getParent() == parent) {
                existing.setValue(node);
                list.add(existing);
            } else {
                list.add(item(node));
            }
        }
        if (children.more() > 0) {
            list.add(new TreeItem<>(new Node(-1, 0, "\u2026 " + children.more() + " more nodes", List.of(), null, 0, null)));
        }
        return list;
    }

    /** The changes of one frame: each changed node's row, and its children when the tree has read them. */
    private void apply(List<Node> changed) {
        Node selected = selectedNode().orElse(null);
        boolean refreshDetails = false;
        for (Node node : changed) {
            NodeItem item = items.get(node.id());
            if (item == null) continue;
            item.setValue(node);
            if (item.loaded) {
                List<TreeItem<Node>> before = List.copyOf(item.direct());
                List<TreeItem<Node>> now = childItems(item);
                item.direct().setAll(now);
                for (TreeItem<Node> old : before) {
                    if (!now.contains(old)) forget(old);
                }
            } else if (item.isExpanded()) {
                item.getChildren();
            }
            if (selected != null && selected.id() == node.id()) refreshDetails = true;
        }
        if (refreshDetails) showDetails();
    }

    /** A row that left the tree: it and its descendants are no longer looked up by id. */
    private void forget(TreeItem<Node> gone) {
        items.remove(gone.getValue().id(), gone);
        if (gone instanceof NodeItem item) item.direct().forEach(this::forget);
    }

    private Optional<Node> selectedNode() {
        TreeItem<Node> item = tree.getSelectionModel().getSelectedItem();
        return item == null || item.getValue().id() <= 0 ? Optional.empty() : Optional.of(item.getValue());
    }

    private void selected(TreeItem<Node> item) {
        if (dom == null || !dom.isOpen()) return;
        if (item != null && item.getValue().id() > 0) dom.select(item.getValue().id());
        showDetails();
    }

    private void showDetails() {
        details.show(selectedNode().flatMap(node -> dom.details(node.id())));
    }

    private void hover(Node node) {
        hovered = node == null || node.id() <= 0 ? null : node;
        if (hovered == null) highlight.hide();
        else if (dom != null && dom.isOpen()) highlight.show(dom.box(hovered.id()), DomTreeCell.plain(hovered));
    }

    /** Selects the next match of a CSS selector (the first, for a new selector), expanding the tree down to it. */
    public void find(String selector) {
        String wanted = selector.strip();
        if (wanted.isEmpty() || dom == null || !active) return;
        searchIndex = wanted.equals(lastSearch) ? searchIndex + 1 : 0;
        lastSearch = wanted;
        DomInspection.Match match = dom.find(wanted, searchIndex);
        if (match.error() != null) {
            found.setText("Not a CSS selector: " + match.error());
            return;
        }
        if (match.count() == 0) {
            found.setText("No match.");
            return;
        }
        found.setText((searchIndex % match.count() + 1) + " of " + match.count());
        TreeItem<Node> item = tree.getRoot();
        for (int id : match.path()) {
            item.setExpanded(true);
            item = item.getChildren().stream().filter(child -> child.getValue().id() == id).findFirst().orElse(null);
            if (item == null) return;
        }
        tree.getSelectionModel().select(item);
        tree.scrollTo(Math.max(0, tree.getRow(item) - 3));
    }

    /** Finds the selector's first match once the tab shows the page's tree (the app's {@code --inspect}). */
    public void findWhenShown(String selector) {
        lastSearch = "";
        pendingSearch = selector;
    }

    // For tests and the inspector's own wiring.

    /** The rows the tree shows now, as text. */
    public List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < tree.getExpandedItemCount(); row++) {
            TreeItem<Node> item = tree.getTreeItem(row);
            if (item != null) rows.add(DomTreeCell.plain(item.getValue()));
        }
        return rows;
    }

    public TreeView<Node> tree() {
        return tree;
    }

    public TextField search() {
        return search;
    }

    public String foundText() {
        return found.getText();
    }

    /** The details pane's box line ("Box 200 × 40 at ..."), and its attribute rows as name=value. */
    public String boxText() {
        return details.boxText();
    }

    public List<String> detailAttributes() {
        return details.shown() == null ? List.of()
                : details.shown().attributes().stream().map(a -> a.name() + "=" + a.value()).toList();
    }

    public List<String> detailInlineStyle() {
        return details.shown() == null ? List.of()
                : details.shown().inline().stream().map(a -> a.name() + ": " + a.value()).toList();
    }

    public Optional<String> computedStyle(String property) {
        return details.shown() == null ? Optional.empty() : details.shown().computed().stream()
                .filter(a -> a.name().equals(property)).map(DomInspection.Attribute::value).findFirst();
    }

    /** True while the page's MutationObserver runs for this tab. */
    public boolean watching() {
        return dom != null && dom.isOpen() && dom.watching();
    }
}
