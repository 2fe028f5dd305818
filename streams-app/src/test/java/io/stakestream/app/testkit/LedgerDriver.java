package io.stakestream.app.testkit;

import io.stakestream.app.StreamsConfigs;
import io.stakestream.app.metrics.LedgerMetrics;
import io.stakestream.app.topology.AttestationGateway;
import io.stakestream.app.topology.DepositGateway;
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
    private final TestInputTopic<String, SignedCommand> deposits;
    /** The driver's own indexer (a custody key of {@link TestParams#authorities()}), chain id 2 so its transfers are its own. */
    private final Actor indexer;
    private long indexed;
    /** What the ledger is told the commands topic has: a funding is split evenly across them. */
    private final int partitions;
    /**
     * On: before a Stake, a pool creation with an initial stake, an emergency accrual or a reward
     * record, the driver's indexer deposits (or funds) what is missing, as custody would have seen
     * it arrive on chain. Tests of the custody boundary switch it off.
     */
    public boolean custodyFunds = true;
    private final List<KeyValue<String, LedgerEvent>> indexerEvents = new ArrayList<>();
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
        this.indexer = new Actor("indexer", TestAccounts.INDEXER, serdes.payloads());
        this.partitions = partitions;
        try {
            stateDir = Files.createTempDirectory("ledger-driver");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = StreamsConfigs.base("ledger-test", "dummy:9092", stateDir.toString(), topics.deadLetters());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:0");
        Topology topology = new DepositGateway(topics, serdes).addTo(
                new AttestationGateway(topics, limits).addTo(new PoolLedgerTopology(topics, serdes, partitions, metrics, limits).build()));
        driver = new TopologyTestDriver(topology, props, START);
        StringSerializer keys = new StringSerializer();
        commands = driver.createInputTopic(topics.commands(), keys, serdes.commands().valueSerde().serializer());
        attestations = driver.createInputTopic(topics.attestations(), keys, serdes.attestations().valueSerde().serializer());
        deposits = driver.createInputTopic(topics.deposits(), keys, serdes.commands().valueSerde().serializer());
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

    /** Sends each command keyed by its pool id; a Deposit goes to the deposits topic keyed by its chain reference. */
    public LedgerDriver send(SignedCommand... signed) {
        for (SignedCommand c : signed) {
            if (Program.isDeposit(serdes.payloads(), c)) {
                deposits.pipeInput(Program.depositKey(serdes.payloads(), c), c, tick());
                continue;
            }
            fund(c);
            commands.pipeInput(poolOf(c), c, tick());
        }
        return this;
    }

    private void fund(SignedCommand c) {
        // custody credits what really arrived: nothing for a command whose signature is bad
        if (!custodyFunds) return;
        io.stakestream.avro.CommandPayload p;
        try {
            p = serdes.payloads().command(c);
        } catch (RuntimeException e) {
            return; // undecodable: the ledger refuses it, nothing arrived
        }
        if (!io.stakestream.protocol.crypto.CommandVerifier.check(c, p).isValid()) return;
        Object body = p.getBody();
        if (body instanceof io.stakestream.avro.Stake s && pool(p.getPoolId()) != null) {
            PositionState pos = this.<PositionState>store(Table.POSITIONS).get(Keys.position(p.getPoolId(), p.getActor()));
            if (pos != null) topUp(p.getPoolId(), p.getActor(), s.getAmount(), pos.getFreeTokens());
        } else if (body instanceof io.stakestream.avro.CreateOperatorPool create && pool(p.getPoolId()) == null) {
            PositionState pos = this.<PositionState>store(Table.POSITIONS).get(Keys.position(p.getPoolId(), p.getActor()));
            topUp(p.getPoolId(), p.getActor(), create.getInitialStake(), pos == null ? null : pos.getFreeTokens());
        } else if (body instanceof io.stakestream.avro.AccrueRewardEmergencyBypass a) {
            fundVault(a.getTokens(), a.getUsdc());
        } else if (body instanceof io.stakestream.avro.CreateRewardRecord r) {
            fundVault(r.getTotalTokens(), r.getTotalUsdc());
        }
    }

    private void topUp(String poolId, ByteBuffer owner, java.math.BigDecimal amount, java.math.BigDecimal free) {
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 0) return;
        java.math.BigInteger missing = amount.toBigInteger().subtract(free == null ? java.math.BigInteger.ZERO : free.toBigInteger());
        if (missing.signum() <= 0 || missing.bitLength() > 256) return;
        var deposit = indexer.sign(poolId, new io.stakestream.avro.Deposit(owner, io.stakestream.avro.Asset.TOKEN,
                new java.math.BigDecimal(missing), indexerRef(), false));
        deposits.pipeInput(Program.depositKey(serdes.payloads(), deposit), deposit, tick());
    }

    private void fundVault(java.math.BigDecimal tokens, java.math.BigDecimal usdc) {
        var n = this.<io.stakestream.avro.NetworkState>store(Table.NETWORK).get(Keys.NETWORK_STATE);
        if (n == null || n.getParams() == null || tokens == null || usdc == null || tokens.signum() < 0 || usdc.signum() < 0) return;
        java.math.BigDecimal t = tokens.subtract(n.getVaultTokens() == null ? java.math.BigDecimal.ZERO : n.getVaultTokens()).max(java.math.BigDecimal.ZERO);
        java.math.BigDecimal u = usdc.subtract(n.getVaultUsdc() == null ? java.math.BigDecimal.ZERO : n.getVaultUsdc()).max(java.math.BigDecimal.ZERO);
        if (t.signum() == 0 && u.signum() == 0) return;
        // the driver feeds partition 0, whose share of a funding is a 1/partitions part of it
        java.math.BigDecimal shares = java.math.BigDecimal.valueOf(partitions);
        commands.pipeInput(Keys.NETWORK, indexer.sign(Keys.NETWORK, new io.stakestream.avro.FundRewards(t.multiply(shares), u.multiply(shares), indexerRef())), tick());
    }

    private io.stakestream.avro.ChainRef indexerRef() {
        byte[] hash = new byte[32];
        ByteBuffer.wrap(hash).putLong(++indexed);
        return new io.stakestream.avro.ChainRef(2L, ByteBuffer.wrap(hash), 0L);
    }

    public LedgerDriver send(List<SignedCommand> signed) {
        return send(signed.toArray(SignedCommand[]::new));
    }

    /** Pipes a command to the commands topic as it is, whatever it is (e.g. a Deposit that skips the deposits topic). */
    public LedgerDriver sendDirect(SignedCommand c) {
        commands.pipeInput(poolOf(c), c, tick());
        return this;
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
        fund(c);
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

    /** The events of the test's own commands; the driver's indexer's are kept apart ({@link #indexerEvents()}). */
    public List<KeyValue<String, LedgerEvent>> events() {
        List<KeyValue<String, LedgerEvent>> all = events.readKeyValuesToList();
        all.stream().filter(kv -> byIndexer(kv.value.getCommandId())).forEach(indexerEvents::add);
        return all.stream().filter(kv -> !byIndexer(kv.value.getCommandId())).toList();
    }

    /** Events of the deposits and fundings the driver sent itself (with {@link #custodyFunds}), read so far. */
    public List<KeyValue<String, LedgerEvent>> indexerEvents() {
        return List.copyOf(indexerEvents);
    }

    public List<KeyValue<String, Rejection>> rejections() {
        return rejections.readKeyValuesToList().stream().filter(kv -> !byIndexer(kv.value.getCommandId())).toList();
    }

    private boolean byIndexer(String commandId) {
        return commandId != null && commandId.startsWith(indexer.name() + "-");
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
        events();
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
