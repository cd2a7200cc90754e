package dev.pydesk.app;

/**
 * The command line's numbers checked for sense (picocli only checks that they are numbers): a time limit of 0 or
 * less, or one that is not finite, would make PyDesk give up at once or never; a zero window cannot be drawn.
 */
final class OptionChecks {
    /** Longer than any page should wait, short enough for every Duration and timer it becomes. */
    private static final double MAX_SECONDS = 1_000_000_000;
    private static final int MAX_PIXELS = 16_384;

    private OptionChecks() {}

    /** What is wrong with the options, as a sentence for the user, or null. */
    static String problem(Options options) {
        String problem = seconds("--timeout", options.timeout, false, "60");
        if (problem == null) problem = seconds("--script-timeout", options.scriptTimeout, false, "30");
        if (problem == null) problem = seconds("--kiosk-reload-delay", options.kioskReloadDelay, true, "10");
        if (problem == null) problem = size(options.size);
        return problem;
    }

    private static String seconds(String option, double value, boolean zeroAllowed, String example) {
        boolean ok = Double.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0) && value <= MAX_SECONDS;
        if (ok) return null;
        return option + " must be a number of seconds " + (zeroAllowed ? "of 0 or more" : "greater than 0")
                + " (at most " + (long) MAX_SECONDS + "), not " + plain(value) + ": for example " + option + " " + example;
    }

    private static String size(String size) {
        if (!size.matches("\\d{1,6}x\\d{1,6}")) return "--size must look like 1024x768, not '" + size + "'";
        int x = size.indexOf('x');
        int width = Integer.parseInt(size.substring(0, x));
        int height = Integer.parseInt(size.substring(x + 1));
        if (width < 1 || height < 1 || width > MAX_PIXELS || height > MAX_PIXELS) {
            return "--size must be between 1x1 and " + MAX_PIXELS + "x" + MAX_PIXELS + " pixels, not " + size;
        }
        return null;
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
