package io.stakestream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsConfigsTest {

    @Test
    void theCommitIntervalIs50MsUnlessConfigured() {
        assertThat(StreamsConfigs.commitInterval(null)).isEqualTo(50);
        assertThat(StreamsConfigs.commitInterval(" ")).isEqualTo(50);
        assertThat(StreamsConfigs.commitInterval(" 20 ")).isEqualTo(20);
        assertThat(StreamsConfigs.base("a", "b:1", "/tmp/x", "dlq").get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo(StreamsConfigs.COMMIT_INTERVAL_MS);
    }

    @Test
    void aCommitIntervalThatIsNotAPositiveNumberSaysWhatToSet() {
        assertThatThrownBy(() -> StreamsConfigs.commitInterval("0")).hasMessageContaining("COMMIT_INTERVAL_MS must be a positive");
        assertThatThrownBy(() -> StreamsConfigs.commitInterval("fast")).hasMessageContaining("got 'fast'");
    }
}
