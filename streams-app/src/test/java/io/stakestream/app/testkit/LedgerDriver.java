package io.stakestream.app.testkit;

import io.stakestream.app.StreamsConfigs;
import io.stakestream.app.metrics.LedgerMetrics;
import io.stakestream.app.topology.AttestationGateway;
import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.app.topology.OutputLimits;
import io.stakestream.app.topology.PoolLedgerTopology;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Table;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The pool-ledger topology and the {@link AttestationGateway} in one TopologyTestDriver, with the
 * real serde and an in-process schema registry: send signed commands (keyed by their pool, as
 * producers do), attestations or raw bytes, then read what came out of each output topic and what
 * the stores hold. An attestation goes to the attestations topic, and the gateway appends it to
 * the commands topic (the driver processes what a topology writes to one of its own sources), so
 * the ledger sees it exactly as in production. The broker clock starts at {@link #START} and moves
 * one second per record.
 */
public final class LedgerDriver implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private final StakestreamSerdes serdes;
    private final LedgerTopics topics = LedgerTopics.defaults();
    private final LedgerMetrics metrics = new LedgerMetrics();
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SignedCommand> commands;
    private final TestInputTopic<String, SignedAttestation> attestations;
    private final TestInputTopic<byte[], byte[]> rawCommands;
    private final TestInputTopic<byte[], byte[]> rawAttestations;
    private final TestOutputTopic<String, LedgerEvent> events;
    private final TestOutputTopic<String, Rejection> rejections;
    private final TestOutputTopic<String, SlashOutcome> slashes;
    private final TestOutputTopic<String, Payout> payouts;
    private final TestOutputTopic<String, EpochSummaryMessage> summaries;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private Instant clock = START;

    /** The ledger on one partition, reading with the {@link TestRegistry} that {@link Actor}s sign for. */
    public LedgerDriver() {
        this(TestRegistry.serdes());
    }

    /** A driver whose topology (and input/output topics) use these serdes, e.g. against a registry that is down. */
    public LedgerDriver(StakestreamSerdes serdes) {
        this(serdes, 1, OutputLimits.defaults());
    }

    /** A driver whose ledger and gateway take records up to these sizes per topic. */
    public LedgerDriver(StakestreamSerdes serdes, OutputLimits limits) {
        this(serdes, 1, limits);
    }

    /**
     * The ledger told the commands topic has {@code partitions} partitions while the driver feeds it
     * partition 0: records whose key maps elsewhere are on the wrong partition.
     */
    public LedgerDriver(StakestreamSerdes serdes, int partitions) {
        this(serdes, partitions, OutputLimits.defaults());
    }

    private LedgerDriver(StakestreamSerdes serdes, int partitions, OutputLimits limits) {
        this.serdes = serdes;
        try {
            stateDir = Files.createTempDirectory("ledger-driver");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = StreamsConfigs.base("ledger-test", "dummy:9092", stateDir.toString(), topics.deadLetters());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:0");
        Topology topology = new AttestationGateway(topics, limits).addTo(new PoolLedgerTopology(topics, serdes, partitions, metrics, limits).build());
        driver = new TopologyTestDriver(topology, props, START);
        StringSerializer keys = new StringSerializer();
        commands = driver.createInputTopic(topics.commands(), keys, serdes.commands().valueSerde().serializer());
        attestations = driver.createInputTopic(topics.attestations(), keys, serdes.attestations().valueSerde().serializer());
        rawCommands = driver.createInputTopic(topics.commands(), new ByteArraySerializer(), new ByteArraySerializer());
        rawAttestations = driver.createInputTopic(topics.attestations(), new ByteArraySerializer(), new ByteArraySerializer());
        StringDeserializer k = new StringDeserializer();
        events = driver.createOutputTopic(topics.events(), k, serdes.events().valueSerde().deserializer());
        rejections = driver.createOutputTopic(topics.rejections(), k, serdes.rejections().valueSerde().deserializer());
        slashes = driver.createOutputTopic(topics.slashes(), k, serdes.slashes().valueSerde().deserializer());
        payouts = driver.createOutputTopic(topics.payouts(), k, serdes.payouts().valueSerde().deserializer());
        summaries = driver.createOutputTopic(topics.poolEpochSummaries(), k, serdes.poolEpochSummaries().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Sends each command keyed by its pool id. */
    public LedgerDriver send(SignedCommand... signed) {
        for (SignedCommand c : signed) {
            commands.pipeInput(poolOf(c), c, tick());
        }
        return this;
    }

    public LedgerDriver send(List<SignedCommand> signed) {
        return send(signed.toArray(SignedCommand[]::new));
    }

    /** Sends a command under a key of the caller's choosing (e.g. the wrong pool). */
    public LedgerDriver sendKeyed(String key, SignedCommand signed) {
        commands.pipeInput(key, signed, tick());
        return this;
    }

    public LedgerDriver attest(SignedAttestation a) {
        attestations.pipeInput(serdes.payloads().attestation(a).getPoolId(), a, tick());
        return this;
    }

    /** Pipes a command with this broker timestamp (the clock does not move): for tests of order against timestamps. */
    public LedgerDriver sendAt(Instant timestamp, SignedCommand c) {
        commands.pipeInput(poolOf(c), c, timestamp);
        return this;
    }

    /** {@link #sendAt} for an attestation. */
    public LedgerDriver attestAt(Instant timestamp, SignedAttestation a) {
        attestations.pipeInput(serdes.payloads().attestation(a).getPoolId(), a, timestamp);
        return this;
    }

    /** {@link #sendAt} for raw bytes on the commands topic. */
    public LedgerDriver sendRawAt(Instant timestamp, byte[] key, byte[] value) {
        rawCommands.pipeInput(key, value, timestamp);
        return this;
    }

    /** Bytes as they are, on the attestations topic (the gateway forwards them untouched). */
    public LedgerDriver attestRaw(byte[] key, byte[] value) {
        rawAttestations.pipeInput(key, value, tick());
        return this;
    }

    /** Bytes as they are, with headers of the caller's choosing (e.g. forged provenance), on the commands topic. */
    public LedgerDriver sendRawWithHeaders(byte[] key, byte[] value, org.apache.kafka.common.header.Headers headers) {
        rawCommands.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(key, value, headers, tick()));
        return this;
    }

    /** Bytes as they are, on the commands topic. */
    public LedgerDriver sendRaw(byte[] key, byte[] value) {
        rawCommands.pipeInput(key, value, tick());
        return this;
    }

    private String poolOf(SignedCommand c) {
        return serdes.payloads().command(c).getPoolId();
    }

    /** Encodes a command with the topology's own serde, for tests that damage the bytes. */
    public byte[] encode(SignedCommand c) {
        return serdes.commands().valueSerde().serializer().serialize(topics.commands(), c);
    }

    public List<KeyValue<String, LedgerEvent>> events() {
        return events.readKeyValuesToList();
    }

    public List<KeyValue<String, Rejection>> rejections() {
        return rejections.readKeyValuesToList();
    }

    public List<KeyValue<String, SlashOutcome>> slashes() {
        return slashes.readKeyValuesToList();
    }

    public List<KeyValue<String, Payout>> payouts() {
        return payouts.readKeyValuesToList();
    }

    public List<KeyValue<String, EpochSummaryMessage>> summaries() {
        return summaries.readKeyValuesToList();
    }

    public List<KeyValue<byte[], byte[]>> deadLetters() {
        return deadLetters.readKeyValuesToList();
    }

    /** Every table's content as text, key order: two drivers that applied the same inputs hold the same. */
    public List<String> tables() {
        List<String> all = new ArrayList<>();
        for (Table<?> t : Table.ALL) {
            try (KeyValueIterator<String, ?> it = store(t).all()) {
                it.forEachRemaining(kv -> all.add(t + "/" + kv.key + "=" + kv.value));
            }
        }
        return all;
    }

    /** Reads and drops every output so far; handy after setup commands. */
    public LedgerDriver drain() {
        events.readRecordsToList();
        rejections.readRecordsToList();
        slashes.readRecordsToList();
        payouts.readRecordsToList();
        summaries.readRecordsToList();
        return this;
    }

    public PoolState pool(String poolId) {
        return this.<PoolState>store(Table.POOLS).get(poolId);
    }

    public PositionState position(String poolId, Actor account) {
        return this.<PositionState>store(Table.POSITIONS)
                .get(Keys.position(poolId, ByteBuffer.wrap(account.key().account())));
    }

    public <V> KeyValueStore<String, V> store(Table<V> table) {
        return driver.getKeyValueStore(table.name());
    }

    /** Every key of a table, in order. */
    public List<String> keys(Table<?> table) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ?> it = store(table).all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    public LedgerMetrics metrics() {
        return metrics;
    }

    public Instant clock() {
        return clock;
    }

    /** Moves the broker clock on, e.g. past a cooldown or a dispute window in seconds. */
    public LedgerDriver advance(java.time.Duration by) {
        clock = clock.plus(by);
        return this;
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
