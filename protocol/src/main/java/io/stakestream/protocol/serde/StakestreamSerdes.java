package io.stakestream.protocol.serde;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Payout;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.RewardRoot;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.protocol.registry.RestSchemaRegistryClient;
import io.stakestream.protocol.registry.SchemaRegistryClient;
import io.stakestream.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every stakestream topic with its typed serdes, against one registry. Keys are plain UTF-8
 * strings (pool id, account hex, epoch in decimal, "pool@epoch"): readable in any console
 * consumer and partitioned the same by every client. Values are Avro in the Confluent wire format.
 */
public final class StakestreamSerdes {

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final SignedPayloads payloads;

    public StakestreamSerdes(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.payloads = new SignedPayloads(registry, autoRegister);
    }

    /** Registers schemas as they are first written, like Confluent's default. */
    public StakestreamSerdes(SchemaRegistryClient registry) {
        this(registry, true);
    }

    public static StakestreamSerdes forUrl(String schemaRegistryUrl) {
        return new StakestreamSerdes(new RestSchemaRegistryClient(schemaRegistryUrl));
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    /** Writes and reads the signed payload bytes inside command and attestation envelopes. */
    public SignedPayloads payloads() {
        return payloads;
    }

    public TopicSerdes<String, SignedCommand> commands() {
        return topic(Topics.COMMANDS, SignedCommand.class);
    }

    public TopicSerdes<String, SignedAttestation> attestations() {
        return topic(Topics.ATTESTATIONS, SignedAttestation.class);
    }

    public TopicSerdes<String, LedgerEvent> events() {
        return topic(Topics.EVENTS, LedgerEvent.class);
    }

    public TopicSerdes<String, Rejection> rejections() {
        return topic(Topics.REJECTIONS, Rejection.class);
    }

    public TopicSerdes<String, SlashOutcome> slashes() {
        return topic(Topics.SLASHES, SlashOutcome.class);
    }

    public TopicSerdes<String, Payout> payouts() {
        return topic(Topics.PAYOUTS, Payout.class);
    }

    public TopicSerdes<String, EpochSummaryMessage> poolEpochSummaries() {
        return topic(Topics.POOL_EPOCH_SUMMARIES, EpochSummaryMessage.class);
    }

    public TopicSerdes<String, RewardRoot> rewardRoots() {
        return topic(Topics.REWARD_ROOTS, RewardRoot.class);
    }

    public TopicSerdes<String, RewardProof> rewardProofs() {
        return topic(Topics.REWARD_PROOFS, RewardProof.class);
    }

    /** Dead letters are the raw bytes that could not be processed, so they stay bytes. */
    public TopicSerdes<byte[], byte[]> deadLetters() {
        return new TopicSerdes<>(Topics.DEAD_LETTERS, Serdes.ByteArray(), Serdes.ByteArray());
    }

    /** A value serde for any generated class, e.g. for state stores or changelogs. */
    public <T extends SpecificRecord> ConfluentAvroSerde<T> valueSerde(Class<T> type) {
        return new ConfluentAvroSerde<>(type, registry, false, autoRegister);
    }

    private <V extends SpecificRecord> TopicSerdes<String, V> topic(String name, Class<V> type) {
        Serde<String> keys = Serdes.String();
        return new TopicSerdes<>(name, keys, valueSerde(type));
    }
}
