package io.stakestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.SignedCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * schemas/avsc/ is the contract other languages build against: one file per type, each the exact
 * schema of our generated class, nothing stale, and what the build wrote is what git has.
 */
class PublishedSchemasTest {

    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path PUBLISHED = Path.of("avsc");

    @Test
    void everyTypeIsPublishedAsItsExactSchema() throws IOException {
        Map<String, Schema> schemas = AvscExport.schemas(CLASSES);
        assertThat(schemas).containsKeys("io.stakestream.avro.SignedCommand", "io.stakestream.avro.CommandPayload",
                "io.stakestream.avro.SignedAttestation", "io.stakestream.avro.LedgerEvent", "io.stakestream.avro.Rejection",
                "io.stakestream.avro.RewardProof", "io.stakestream.avro.RejectReason");
        for (Map.Entry<String, Schema> e : schemas.entrySet()) {
            Path file = PUBLISHED.resolve(e.getKey() + ".avsc");
            assertThat(file).as("published schema of %s", e.getKey()).exists();
            Schema published = new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(published).as(file.toString()).isEqualTo(e.getValue());
        }
        try (Stream<Path> files = Files.list(PUBLISHED)) {
            assertThat(files.map(p -> p.getFileName().toString().replaceFirst("\\.avsc$", "")))
                    .as("no file for a type that no longer exists").allMatch(schemas::containsKey);
        }
        assertThat(new Schema.Parser().parse(PUBLISHED.resolve("io.stakestream.avro.SignedCommand.avsc").toFile()))
                .isEqualTo(SignedCommand.getClassSchema());
    }

    @Test
    void thePublishedFilesAreCommitted() throws Exception {
        Process git;
        try {
            git = new ProcessBuilder("git", "status", "--porcelain", "--", PUBLISHED.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no git here to compare with: " + e.getMessage());
            return;
        }
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String status = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(git.exitValue() == 0, "not a git work tree: " + status);
        // staged is fine ("M " / "A "); a change in the work tree or an untracked file is not
        assertThat(status.lines().filter(l -> l.length() > 2 && l.charAt(1) != ' '))
                .as("schemas/avsc was regenerated from the .avdl files and differs from git: add and commit it").isEmpty();
    }
}
