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
    void theTransactionTimeoutIsKafkaStreams10sUnlessConfigured() {
        assertThat(StreamsConfigs.transactionTimeout(null, 50)).isEqualTo(10_000);
        assertThat(StreamsConfigs.transactionTimeout(" 60000 ", 50)).isEqualTo(60_000);
        assertThat(StreamsConfigs.base("a", "b:1", "/tmp/x", "dlq").get(StreamsConfig.producerPrefix("transaction.timeout.ms")))
                .isEqualTo(StreamsConfigs.TRANSACTION_TIMEOUT_MS);
        assertThatThrownBy(() -> StreamsConfigs.transactionTimeout("-1", 50)).hasMessageContaining("TRANSACTION_TIMEOUT_MS must be a positive");
        assertThatThrownBy(() -> StreamsConfigs.transactionTimeout("50", 50)).hasMessageContaining("must be longer than COMMIT_INTERVAL_MS (50)");
        assertThat(StreamsConfigs.transactionTimeout("51", 50)).isEqualTo(51);
    }

    @Test
    void anInputOverHalfTheTransactionTimeoutIsNearIt() {
        long half = StreamsConfigs.TRANSACTION_TIMEOUT_MS / 2 * 1_000_000L;
        assertThat(StreamsConfigs.nearTransactionTimeout(half)).isFalse();
        assertThat(StreamsConfigs.nearTransactionTimeout(half + 1_000_000L)).isTrue();
        assertThat(StreamsConfigs.nearTransactionTimeout(1_000_000L)).isFalse();
    }

    @Test
    void aCommitIntervalThatIsNotAPositiveNumberSaysWhatToSet() {
        assertThatThrownBy(() -> StreamsConfigs.commitInterval("0")).hasMessageContaining("COMMIT_INTERVAL_MS must be a positive");
        assertThatThrownBy(() -> StreamsConfigs.commitInterval("fast")).hasMessageContaining("got 'fast'");
    }
}
