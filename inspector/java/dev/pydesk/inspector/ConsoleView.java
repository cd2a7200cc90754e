package dev.pydesk.inspector;

import dev.pydesk.bridge.ConsoleBus;
import dev.pydesk.bridge.events.ConsoleEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The Console tab: every line of the page's console stream (Python stdout/stderr, page JavaScript, uncaught errors
 * with their tracebacks), tagged with its source and time. Lines arrive on any thread and are appended in batches
 * once per frame into a virtualized list, so a page printing 100,000 lines keeps the window responsive.
 */
public final class ConsoleView {
    /** The most lines kept; older ones are dropped (a runaway print loop must not eat the heap). */
    static final int MAX_LINES = 200_000;
    private static final int BATCH = 20_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final Pattern TRACEBACK_LINE = Pattern.compile("File \"([^\"<>]+)\", line (\\d+)");
    private static final String ALL_SOURCES = "All sources";

    private final ConcurrentLinkedQueue<ConsoleEvent> incoming = new ConcurrentLinkedQueue<>();
    private final ObservableList<ConsoleEvent> lines = FXCollections.observableArrayList();
    private final FilteredList<ConsoleEvent> shown = new FilteredList<>(lines);
    private final ListView<ConsoleEvent> list = new ListView<>(shown);
    private final ChoiceBox<ConsoleEvent.Level> level = new ChoiceBox<>(
            FXCollections.observableArrayList(ConsoleEvent.Level.values()));
    private final ChoiceBox<String> source = new ChoiceBox<>(FXCollections.observableArrayList(ALL_SOURCES));
    private final TextField search = new TextField();
    private final CheckBox preserve = new CheckBox("Preserve log");
    private final TreeSet<String> sources = new TreeSet<>();
    private final BorderPane root = new BorderPane();
    private BiConsumer<String, Integer> openSource = (file, line) -> { };

    public ConsoleView(ConsoleBus bus) {
        bus.subscribe(incoming::add);
        level.setValue(ConsoleEvent.Level.DEBUG);
        source.setValue(ALL_SOURCES);
        search.setPromptText("Filter text");
        level.setTooltip(new javafx.scene.control.Tooltip("Lowest level shown"));
        level.valueProperty().addListener((obs, old, value) -> refilter());
        source.valueProperty().addListener((obs, old, value) -> refilter());
        search.textProperty().addListener((obs, old, value) -> refilter());
        Button clear = new Button("Clear");
        clear.setOnAction(event -> clear());
        Button copy = new Button("Copy");
        copy.setOnAction(event -> copy());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox.setHgrow(search, Priority.SOMETIMES);
        HBox bar = new HBox(6, new Label("Level"), level, source, search, grow, preserve, copy, clear);
        bar.setPadding(new Insets(4));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        list.setCellFactory(view -> new Row());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setOnMouseClicked(event -> {
            ConsoleEvent selected = list.getSelectionModel().getSelectedItem();
            if (event.getClickCount() == 2 && selected != null) openSourceOf(selected);
        });
        root.setTop(bar);
        root.setCenter(list);
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                drain();
            }
        }.start();
    }

    public BorderPane node() {
        return root;
    }

    /** Called with (file name as the traceback gives it, line) when the user opens a traceback's location. */
    public void onOpenSource(BiConsumer<String, Integer> handler) {
        this.openSource = handler;
    }

    /** A new page: the log starts afresh unless "Preserve log" is on. FX thread. */
    public void pageChanged(String page) {
        drain();
        if (preserve.isSelected()) {
            lines.add(ConsoleEvent.of(ConsoleEvent.Level.INFO, "pydesk", "Navigated to " + page));
        } else {
            clear();
        }
    }

    public void clear() {
        incoming.clear();
        lines.clear();
    }

    /** Moves what arrived since the last frame into the list. FX thread. */
    void drain() {
        if (incoming.isEmpty()) return;
        List<ConsoleEvent> batch = new ArrayList<>();
        ConsoleEvent event;
        while (batch.size() < BATCH && (event = incoming.poll()) != null) {
            batch.add(event);
            if (sources.add(event.source())) {
                String chosen = source.getValue();
                source.getItems().setAll(ALL_SOURCES);
                source.getItems().addAll(sources);
                source.setValue(chosen == null ? ALL_SOURCES : chosen);
            }
        }
        lines.addAll(batch);
        if (lines.size() > MAX_LINES) lines.remove(0, lines.size() - MAX_LINES);
    }

    private void refilter() {
        ConsoleEvent.Level minimum = level.getValue() == null ? ConsoleEvent.Level.DEBUG : level.getValue();
        String only = source.getValue() == null || ALL_SOURCES.equals(source.getValue()) ? null : source.getValue();
        String text = search.getText() == null ? "" : search.getText().toLowerCase(Locale.ROOT);
        shown.setPredicate(event -> event.level().compareTo(minimum) >= 0
                && (only == null || only.equals(event.source()))
                && (text.isEmpty() || event.text().toLowerCase(Locale.ROOT).contains(text)));
    }

    /** Filters by level, source (null: all) and text, as the controls do. */
    public void filter(ConsoleEvent.Level minimum, String onlySource, String text) {
        level.setValue(minimum);
        source.setValue(onlySource == null ? ALL_SOURCES : onlySource);
        search.setText(text);
    }

    public void preserveLog(boolean preserveLog) {
        preserve.setSelected(preserveLog);
    }

    /** The lines the list shows now (after filters). */
    public List<ConsoleEvent> shownLines() {
        drain();
        return List.copyOf(shown);
    }

    public int lineCount() {
        return lines.size();
    }

    public ListView<ConsoleEvent> list() {
        return list;
    }

    /** Copies the selected lines (all shown lines when none is selected) as text. */
    public String copy() {
        List<ConsoleEvent> chosen = list.getSelectionModel().getSelectedItems().isEmpty() ? shown
                : list.getSelectionModel().getSelectedItems();
        StringBuilder text = new StringBuilder();
        for (ConsoleEvent event : chosen) text.append(format(event)).append('\n');
        ClipboardContent content = new ClipboardContent();
        content.putString(text.toString());
        Clipboard.getSystemClipboard().setContent(content);
        return text.toString();
    }

    /** Opens the innermost {@code File "x", line N} of a traceback (the page's own code comes last). */
    public boolean openSourceOf(ConsoleEvent event) {
        Matcher matcher = TRACEBACK_LINE.matcher(event.text());
        String file = null;
        int line = 0;
        while (matcher.find()) {
            file = matcher.group(1);
            line = Integer.parseInt(matcher.group(2));
        }
        if (file == null) return false;
        openSource.accept(file, line);
        return true;
    }

    static String format(ConsoleEvent event) {
        return TIME.format(event.time()) + " [" + event.source() + "] " + event.level().name().toLowerCase(Locale.ROOT)
                + ": " + event.text();
    }

    private static final class Row extends ListCell<ConsoleEvent> {
        @Override
        protected void updateItem(ConsoleEvent event, boolean empty) {
            super.updateItem(event, empty);
            getStyleClass().removeAll("console-error", "console-warn", "console-debug");
            if (empty || event == null) {
                setText(null);
                return;
            }
            setText(TIME.format(event.time()) + "  [" + event.source() + "]  " + event.text());
            switch (event.level()) {
                case ERROR -> getStyleClass().add("console-error");
                case WARN -> getStyleClass().add("console-warn");
                case DEBUG -> getStyleClass().add("console-debug");
                default -> { }
            }
        }
    }
}
