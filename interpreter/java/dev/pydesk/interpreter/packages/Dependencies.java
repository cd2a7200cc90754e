package dev.pydesk.interpreter.packages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The dependencies an installed wheel declares in its {@code METADATA} ({@code Requires-Dist}) that apply here. */
final class Dependencies {
    private Dependencies() {}

    /** Requirements like {@code name>=1.0}, without markers, extras or parentheses. */
    static List<String> of(Path folder) throws IOException {
        List<String> dependencies = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path info : entries.filter(entry -> entry.getFileName().toString().endsWith(".dist-info")).toList()) {
                Path metadata = info.resolve("METADATA");
                if (!Files.isRegularFile(metadata)) continue;
                for (String line : Files.readAllLines(metadata)) {
                    if (line.isEmpty()) break; // the headers end at the first empty line; the description follows
                    if (!line.regionMatches(true, 0, "Requires-Dist:", 0, 14)) continue;
                    String requirement = line.substring(14).trim();
                    int semicolon = requirement.indexOf(';');
                    if (semicolon >= 0) {
                        if (!Markers.applies(requirement.substring(semicolon + 1))) continue;
                        requirement = requirement.substring(0, semicolon).trim();
                    }
                    requirement = requirement.replaceAll("\\[[^]]*]", "").replace("(", "").replace(")", "").trim();
                    if (!requirement.isEmpty()) dependencies.add(requirement);
                }
            }
        }
        return dependencies;
    }
}
