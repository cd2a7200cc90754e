package dev.pydesk.interpreter.files;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the user for a folder to mount ({@code pyscript.fs.mount}): the window shows a directory chooser, headless
 * mode answers from {@code --mount}. Called on the FX thread; the answer may come later.
 */
@FunctionalInterface
public interface FolderChooser {
    /** What the page asks for: its file name, the mount point, "read" or "readwrite", and a start hint. */
    record Request(String page, String mountPoint, String mode, String startIn) {}

    /** A folder the user chose, or why there is none (cancelled, not given on the command line). */
    record Choice(Path folder, String refusal) {
        public static Choice of(Path folder) {
            return new Choice(folder, null);
        }

        public static Choice refused(String why) {
            return new Choice(null, why);
        }
    }

    /** Nobody to ask (no window, no {@code --mount}): every mount is refused. */
    FolderChooser NONE = request -> CompletableFuture.completedFuture(Choice.refused(
            "no folder chooser is available here"));

    CompletableFuture<Choice> choose(Request request);
}
