package dev.pydesk.inspector;

import dev.pydesk.bridge.DomInspection.Box;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.web.WebView;

/**
 * The box of the node under the mouse in the Elements tab, drawn over the page as DevTools does (margin orange,
 * border yellow, padding green, content blue) on a transparent layer above the WebView: nothing is added to the
 * page, so the page's own scripts and observers never see it, and nothing can be left behind in it.
 */
public final class HighlightLayer {
    private final WebView webView;
    private final Pane layer = new Pane();
    private final Rectangle margin = rectangle(Color.rgb(246, 178, 107, 0.55));
    private final Rectangle border = rectangle(Color.rgb(255, 229, 153, 0.6));
    private final Rectangle padding = rectangle(Color.rgb(147, 196, 125, 0.55));
    private final Rectangle content = rectangle(Color.rgb(111, 168, 220, 0.6));
    private final Label caption = new Label();

    HighlightLayer(WebView webView) {
        this.webView = webView;
        layer.setMouseTransparent(true);
        layer.setPickOnBounds(false);
        layer.setManaged(true);
        caption.setStyle("-fx-background-color: #333c; -fx-text-fill: white; -fx-padding: 2 6 2 6; -fx-font-size: 11px;");
        caption.setMouseTransparent(true);
        layer.getChildren().addAll(margin, border, padding, content, caption);
        hide();
    }

    private static Rectangle rectangle(Color fill) {
        Rectangle rectangle = new Rectangle();
        rectangle.setFill(fill);
        rectangle.setMouseTransparent(true);
        return rectangle;
    }

    /** The layer to stack over the WebView, at the same size. */
    public Pane node() {
        return layer;
    }

    /** Draws the box, or hides the highlight when there is none. */
    void show(Optional<Box> shown, String label) {
        if (shown.isEmpty()) {
            hide();
            return;
        }
        Box box = shown.get();
        double zoom = webView.getZoom();
        List<Double> m = box.margin(), b = box.border(), p = box.padding();
        place(margin, zoom, box.x() - m.get(3), box.y() - m.get(0), box.width() + m.get(1) + m.get(3),
                box.height() + m.get(0) + m.get(2));
        place(border, zoom, box.x(), box.y(), box.width(), box.height());
        double innerX = box.x() + b.get(3), innerY = box.y() + b.get(0);
        double innerWidth = box.width() - b.get(1) - b.get(3), innerHeight = box.height() - b.get(0) - b.get(2);
        place(padding, zoom, innerX, innerY, innerWidth, innerHeight);
        place(content, zoom, innerX + p.get(3), innerY + p.get(0), innerWidth - p.get(1) - p.get(3),
                innerHeight - p.get(0) - p.get(2));
        caption.setText(label + "  " + size(box.width()) + " \u00d7 " + size(box.height()));
        double below = (box.y() + box.height() + m.get(2)) * zoom + 4;
        caption.relocate(Math.max(0, box.x() * zoom), below + 20 < layer.getHeight() ? below
                : Math.max(0, (box.y() - m.get(0)) * zoom - 24));
        layer.getChildren().forEach(child -> child.setVisible(true));
    }

    private static void place(Rectangle rectangle, double zoom, double x, double y, double width, double height) {
        rectangle.setX(x * zoom);
        rectangle.setY(y * zoom);
        rectangle.setWidth(Math.max(0, width * zoom));
        rectangle.setHeight(Math.max(0, height * zoom));
    }

    static String size(double pixels) {
        return pixels == Math.rint(pixels) ? String.valueOf((long) pixels) : String.format(java.util.Locale.ROOT, "%.1f", pixels);
    }

    void hide() {
        layer.getChildren().forEach(child -> child.setVisible(false));
    }

    /** True while a box is drawn (tests). */
    public boolean showing() {
        return content.isVisible();
    }

    /** The border box as drawn, in the layer's (the WebView's) coordinates: x, y, width, height (tests). */
    public double[] borderBox() {
        return new double[] {border.getX(), border.getY(), border.getWidth(), border.getHeight()};
    }
}
