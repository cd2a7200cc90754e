package dev.pydesk.app;

/** Monocle's headless glass: a real WebView with no display. Must run before the toolkit starts. */
final class Headless {
    private Headless() {}

    static void enable() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("testfx.headless", "true");
    }
}
