package io.stakestream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.EpochClose;
import io.stakestream.avro.SetModel;
import io.stakestream.protocol.registry.RestSchemaRegistryClient;
import io.stakestream.avro.Stake;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryJournalTest {

    @Test
    void aRestartedRegistryGivesTheSameIds(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("schemas.jsonl");
        try (InProcessSchemaRegistry first = new InProcessSchemaRegistry(0, journal).start()) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(first.url());
            assertThat(client.register("a-value", SetModel.getClassSchema())).isEqualTo(1);
            assertThat(client.register("b-value", EpochClose.getClassSchema())).isEqualTo(2);
            assertThat(client.register("c-value", SetModel.getClassSchema())).isEqualTo(1);
            assertThat(client.register("a-value", SetModel.getClassSchema())).isEqualTo(1); // not journaled twice
        }
        assertThat(Files.readAllLines(journal)).hasSize(3);

        try (InProcessSchemaRegistry second = new InProcessSchemaRegistry(0, journal).start()) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(second.url());
            assertThat(client.schemaById(2)).isEqualTo(EpochClose.getClassSchema());
            assertThat(client.idOf("c-value", SetModel.getClassSchema())).isEqualTo(1);
            assertThat(client.register("d-value", Stake.getClassSchema())).isEqualTo(3);
        }
        assertThat(Files.readAllLines(journal)).hasSize(4);
    }
}
