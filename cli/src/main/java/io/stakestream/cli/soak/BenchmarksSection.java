package io.stakestream.cli.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts one {@code ## } section into BENCHMARKS.md, replacing an older one of the same heading and
 * keeping every other section (the benchmark figures are written into the same file by another command).
 */
final class BenchmarksSection {

    private BenchmarksSection() {
    }

    /** @param section starts with its "## " heading line */
    static void write(Path file, String section) throws IOException {
        String heading = section.substring(0, section.indexOf('\n') + 1);
        String body = section.endsWith("\n") ? section : section + "\n";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int start = text.startsWith(heading) ? 0 : text.indexOf("\n" + heading);
        if (start < 0) {
            text = text.stripTrailing() + "\n\n" + body;
        } else {
            start = start == 0 && text.startsWith(heading) ? 0 : start + 1;
            int next = text.indexOf("\n## ", start + heading.length() - 1);
            text = text.substring(0, start) + body + (next < 0 ? "" : "\n" + text.substring(next + 1));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
