package dev.pydesk.inspector;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.NetworkBus;
import dev.pydesk.bridge.events.PageEvent;
import dev.pydesk.bridge.events.PageEvents;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.web.WebView;

/**
 * PyDesk's devtools: Console, Elements, REPL, Network, Workers and Source tabs for the page the app shows (an {@link InspectedPage}). The same
 * console stream as {@code --headless} output feeds the Console tab; every tab reads the page's one event stream
 * ({@link PageEvents}), none listens to the WebEngine itself.
 */
public final class Inspector {
    private final ConsoleView console;
    private final ReplView repl;
    private final WorkersView workers;
    private final NetworkView network;
    private final SourceView source = new SourceView();
    private final ElementsView elements;
    private final HighlightLayer highlight;
    private final TabPane tabs = new TabPane();
    private final Tab sourceTab;

    public Inspector(PageEvents events, InspectedPage page, WebView webView) {
        console = new ConsoleView(new ConsoleBus(events));
        network = new NetworkView(new NetworkBus(events));
        repl = new ReplView(page);
        workers = new WorkersView(page);
        highlight = new HighlightLayer(webView);
        Tab elementsTab = new Tab("Elements");
        elements = new ElementsView(page, highlight, () -> elementsTab.isSelected() && tabs.getScene() != null
                && tabs.getParent() != null && tabs.isVisible());
        elementsTab.setContent(elements.node());
        elementsTab.setClosable(false);
        sourceTab = tab("Source", source.node());
        tabs.getTabs().addAll(tab("Console", console.node()), elementsTab, tab("REPL", repl.node()),
                tab("Network", network.node()), tab("Workers", workers.node()), sourceTab);
        tabs.getStyleClass().add("inspector");
        tabs.getStylesheets().add(Inspector.class.getResource("inspector.css").toExternalForm());
        console.onOpenSource((file, line) -> page.folder().ifPresent(folder -> {
            if (source.show(folder, file, line)) tabs.getSelectionModel().select(sourceTab);
        }));
        events.subscribe(event -> {
            switch (event) {
                // a new document (open, link, reload), published before its scripts run: its first lines stay
                case PageEvent.Loading loading -> {
                    console.pageChanged(loading.url());
                    network.pageChanged();
                }
                case PageEvent.SessionStarted started -> workers.refresh();
                case PageEvent.WorkerState state -> Platform.runLater(workers::refresh); // a worker's thread
                default -> { }
            }
        });
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setClosable(false);
        return tab;
    }

    public TabPane node() {
        return tabs;
    }

    /** Where the Elements tab draws the box of the node under the mouse: stack it over the page's WebView. */
    public HighlightLayer highlight() {
        return highlight;
    }

    public ElementsView elements() {
        return elements;
    }

    public ConsoleView console() {
        return console;
    }

    public ReplView repl() {
        return repl;
    }

    public NetworkView network() {
        return network;
    }

    public WorkersView workers() {
        return workers;
    }

    public SourceView source() {
        return source;
    }

    /** Shows the named tab ("Console", "Elements", "REPL", "Network", "Workers", "Source"). */
    public void select(String title) {
        tabs.getTabs().stream().filter(tab -> tab.getText().equals(title)).findFirst()
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
    }
}
