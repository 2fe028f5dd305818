package io.stakestream.cli.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's section of BENCHMARKS.md replaces its older self and leaves the benchmark's sections alone. */
class BenchmarksSectionTest {

    @TempDir
    Path dir;

    @Test
    void createsTheFileWhenAbsent() throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        BenchmarksSection.write(file, "## Soak\n\nfirst\n");
        assertThat(Files.readString(file)).isEqualTo("# Benchmarks\n\n## Soak\n\nfirst\n");
    }

    @Test
    void appendsAfterOtherSectionsAndReplacesOnlyItsOwn() throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\nmachine: 2 cores\n\n## Pipeline\n\n8.9k/s\n");
        BenchmarksSection.write(file, "## Soak\n\nfirst\n");
        assertThat(Files.readString(file)).isEqualTo("# Benchmarks\n\nmachine: 2 cores\n\n## Pipeline\n\n8.9k/s\n\n## Soak\n\nfirst\n");

        Files.writeString(file, Files.readString(file) + "\n## Latency\n\np99 205 ms\n");
        BenchmarksSection.write(file, "## Soak\n\nsecond\n");
        assertThat(Files.readString(file)).isEqualTo(
                "# Benchmarks\n\nmachine: 2 cores\n\n## Pipeline\n\n8.9k/s\n\n## Soak\n\nsecond\n\n## Latency\n\np99 205 ms\n");
    }

    @Test
    void aSoakSubsectionHeadingIsNotMistakenForTheSection() throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "## Soak\n\nold\n\n### Soak details\n\nx\n\n## Merkle\n\n3.7x\n");
        BenchmarksSection.write(file, "## Soak\n\nnew\n");
        assertThat(Files.readString(file)).isEqualTo("## Soak\n\nnew\n\n## Merkle\n\n3.7x\n");
    }
}
