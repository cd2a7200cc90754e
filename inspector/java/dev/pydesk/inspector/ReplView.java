package dev.pydesk.inspector;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The REPL tab: Python typed here runs in the page's {@code py} (or {@code mpy}) interpreter, in the namespace of
 * the page's scripts, on the page's thread; a switch runs JavaScript in the page instead. The value of the last
 * expression is shown, as in CPython's REPL; {@code $0} is the element selected in the Elements tab. Enter runs,
 * Shift+Enter adds a line, Up/Down walk the history, Tab completes names.
 */
public final class ReplView {
    public static final String PY = "Python (py)";
    public static final String MPY = "Python (mpy)";
    public static final String JS = "JavaScript";

    private final InspectedPage page;
    private final ChoiceBox<String> language = new ChoiceBox<>(FXCollections.observableArrayList(PY, MPY, JS));
    private final TextArea output = new TextArea();
    private final TextArea input = new TextArea();
    private final List<String> history = new ArrayList<>();
    private final BorderPane root = new BorderPane();
    private int historyIndex;

    public ReplView(InspectedPage page) {
        this.page = page;
        language.setValue(PY);
        output.setEditable(false);
        output.setWrapText(true);
        output.getStyleClass().add("repl-output");
        input.setPrefRowCount(3);
        input.setPromptText("Python: Enter runs, Shift+Enter adds a line, Tab completes, Up/Down: history");
        input.getStyleClass().add("repl-input");
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        Button run = new Button("Run");
        run.setOnAction(event -> submit());
        Button clear = new Button("Clear");
        clear.setOnAction(event -> output.clear());
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox prompt = new HBox(6, input, new VBox(4, run, clear));
        HBox bar = new HBox(6, new Label("Run in"), language);
        bar.setPadding(new Insets(4));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        prompt.setPadding(new Insets(4));
        root.setTop(bar);
        root.setCenter(output);
        root.setBottom(prompt);
    }

    public BorderPane node() {
        return root;
    }

    public TextArea input() {
        return input;
    }

    public String output() {
        return output.getText();
    }

    public void language(String choice) {
        language.setValue(choice);
    }

    private void onKey(KeyEvent event) {
        if (event.getCode() == KeyCode.ENTER && !event.isShiftDown()) {
            event.consume();
            submit();
        } else if (event.getCode() == KeyCode.ENTER) {
            event.consume();
            input.insertText(input.getCaretPosition(), "\n");
        } else if (event.getCode() == KeyCode.TAB) {
            event.consume();
            complete();
        } else if (event.getCode() == KeyCode.UP && !input.getText().substring(0, input.getCaretPosition()).contains("\n")) {
            event.consume();
            walkHistory(-1);
        } else if (event.getCode() == KeyCode.DOWN && !input.getText().substring(input.getCaretPosition()).contains("\n")) {
            event.consume();
            walkHistory(1);
        }
    }

    private void walkHistory(int step) {
        if (history.isEmpty()) return;
        historyIndex = Math.max(0, Math.min(history.size(), historyIndex + step));
        input.setText(historyIndex == history.size() ? "" : history.get(historyIndex));
        input.positionCaret(input.getLength());
    }

    /** Runs what the input holds. FX thread. */
    public void submit() {
        String code = input.getText();
        if (code.isBlank()) return;
        history.add(code);
        historyIndex = history.size();
        input.clear();
        echo(code);
        page.run(type(), code).whenComplete((answer, failure) -> {
            if (failure != null) show(false, String.valueOf(failure.getMessage()));
            else show(answer.ok(), answer.text());
        });
    }

    /** Completes the name before the caret (Tab). */
    public void complete() {
        String before = input.getText().substring(0, input.getCaretPosition());
        int start = before.length();
        while (start > 0 && (Character.isJavaIdentifierPart(before.charAt(start - 1)) || before.charAt(start - 1) == '.')) {
            start--;
        }
        String word = before.substring(start);
        if (word.isEmpty() || JS.equals(language.getValue())) return;
        int from = start;
        page.complete(type(), word).thenAccept(matches -> {
            if (matches.isEmpty()) return;
            String common = matches.getFirst();
            for (String match : matches) {
                int length = 0;
                while (length < common.length() && length < match.length() && common.charAt(length) == match.charAt(length)) {
                    length++;
                }
                common = common.substring(0, length);
            }
            if (common.length() > word.length()) {
                input.replaceText(from, from + word.length(), common);
            } else if (matches.size() > 1) {
                output.appendText(String.join("  ", matches.subList(0, Math.min(40, matches.size()))) + "\n");
            }
        });
    }

    private String type() {
        if (JS.equals(language.getValue())) return "js";
        return MPY.equals(language.getValue()) ? "mpy" : "py";
    }

    private void echo(String code) {
        String prompt = JS.equals(language.getValue()) ? "js> " : ">>> ";
        output.appendText(prompt + code.replace("\n", "\n... ") + "\n");
    }

    private void show(boolean ok, String text) {
        if (!text.isEmpty()) output.appendText((ok ? "" : "! ") + text.strip() + "\n");
    }
}
