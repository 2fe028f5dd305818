package io.stakestream.rewards.it;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedCommand;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.ledger.Accounts;
import io.stakestream.protocol.clients.CommittedReader;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.serde.TopicSerdes;
import io.stakestream.rewards.ClosedEpoch;
import io.stakestream.rewards.EpochAssembler;
import io.stakestream.rewards.EpochPublication;
import io.stakestream.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;

/** What the pipeline committed, read back read_committed, and the builder's computation redone from it. */
final class OnTheTopics {
    private OnTheTopics() {}

    /** The builder's computation again, from the summaries on the topic. */
    static List<EpochPublication> recompute(EmbeddedStack stack, AccountKey builder) {
        return recompute(stack, Topics.POOL_EPOCH_SUMMARIES, builder);
    }

    /** The same from the summaries on another topic, e.g. those of a replayed ledger. */
    static List<EpochPublication> recompute(EmbeddedStack stack, String summariesTopic, AccountKey builder) {
        EpochAssembler epochs = new EpochAssembler(0);
        TopicSerdes<String, EpochSummaryMessage> topic = new TopicSerdes<>(summariesTopic, Serdes.String(),
                stack.serdes().poolEpochSummaries().valueSerde());
        try (CommittedReader<EpochSummaryMessage> reader = new CommittedReader<>(stack.bootstrapServers(), topic)) {
            reader.readToEnd(Duration.ofSeconds(30)).forEach(r -> epochs.add(r.value()));
        }
        List<EpochPublication> out = new ArrayList<>();
        for (Optional<ClosedEpoch> e = epochs.poll(); e.isPresent(); e = epochs.poll()) {
            out.add(EpochPublication.of(e.get(), CommandSigner.of(builder, stack.serdes().payloads())));
        }
        return out;
    }

    /** Committed values of a topic, the raw bytes in hex. */
    static List<String> raw(EmbeddedStack stack, String topic) {
        try (CommittedReader<byte[]> reader = new CommittedReader<>(stack.bootstrapServers(), new TopicSerdes<>(topic, Serdes.String(), Serdes.ByteArray()))) {
            return reader.readToEnd(Duration.ofSeconds(30)).stream().map(r -> hex(r.value())).toList();
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The commands signed by {@code signer}, raw bytes in hex. */
    static List<String> commandsBy(EmbeddedStack stack, AccountKey signer) {
        var decode = stack.serdes().commands().valueSerde().deserializer();
        List<String> mine = new ArrayList<>();
        for (String hexValue : raw(stack, Topics.COMMANDS)) {
            byte[] value = HexFormat.of().parseHex(hexValue);
            io.stakestream.avro.CommandPayload payload;
            try {
                SignedCommand c = decode.deserialize(Topics.COMMANDS, value);
                if (c == null || c.getPayload() == null) continue;
                payload = stack.serdes().payloads().command(c);
            } catch (RuntimeException notACommand) {
                continue;   // attestations forwarded by the gateway share the log (same envelope shape, another payload)
            }
            if (Accounts.same(payload.getActor(), signer.accountBuffer())) mine.add(hexValue);
        }
        return mine;
    }

    static List<Rejection> rejections(EmbeddedStack stack) {
        try (CommittedReader<Rejection> reader = new CommittedReader<>(stack.bootstrapServers(), stack.serdes().rejections())) {
            return reader.readToEnd(Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
        }
    }
}
