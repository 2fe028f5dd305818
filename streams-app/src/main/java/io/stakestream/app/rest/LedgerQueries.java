package io.stakestream.app.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.RewardRecordState;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stakestream.avro.Asset;
import io.stakestream.avro.PartitionBooks;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.avro.PoolEpochPerformance;
import io.stakestream.avro.SlashProposal;
import io.stakestream.ledger.Books;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Reconciliation;
import io.stakestream.ledger.Table;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive queries over the ledger stores. A key lives on the partition of its pool id; when
 * another instance owns it, the request is forwarded there. Queries that span all pools fan out
 * to every instance. Only active tasks of a RUNNING client answer, so a rebalance or a restore
 * gives {@link Unavailable} (503), never a stale or partial number.
 */
public final class LedgerQueries {

    private static final Logger log = LoggerFactory.getLogger(LedgerQueries.class);
    /** Marks a request made by another instance, so ownership moving mid-request cannot loop. */
    static final String FORWARDED_HEADER = "X-Stakestream-Forwarded";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final StringSerializer keys = new StringSerializer();

    public LedgerQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    Reply pool(String poolId, boolean forwarded) {
        String path = "/pools/" + enc(poolId);
        return routed(poolId, path, forwarded, partition -> {
            PoolState pool = this.<PoolState>store(Table.POOLS, partition).get(poolId);
            return pool == null ? Reply.error(404, "no pool '" + poolId + "'", false) : Reply.ok(poolView(pool, partition));
        });
    }

    /** The proposed slashes of one pool still waiting to execute, with their dispute windows. */
    Reply poolSlashes(String poolId, boolean forwarded) {
        String path = "/pools/" + enc(poolId) + "/slashes";
        return routed(poolId, path, forwarded, partition -> {
            if (this.<PoolState>store(Table.POOLS, partition).get(poolId) == null) {
                return Reply.error(404, "no pool '" + poolId + "'", false);
            }
            ArrayNode out = Reply.JSON.createArrayNode();
            long epoch = epochOf(partition);
            try (KeyValueIterator<String, SlashProposal> it = this.<SlashProposal>store(Table.SLASHES, partition)
                    .prefixScan(Keys.slashes(poolId), keys)) {
                it.forEachRemaining(kv -> {
                    if (kv.value.getPoolId().equals(poolId)) {
                        out.add(Views.slash(kv.value, epoch));
                    }
                });
            }
            return Reply.ok(out);
        });
    }

    /** Every pending slash proposal of every pool, soonest executable first. */
    Reply slashes(boolean localOnly) {
        Comparator<JsonNode> soonest = Comparator.comparingLong((JsonNode n) -> n.path("executableEpoch").asLong())
                .thenComparing(n -> n.path("poolId").asText()).thenComparing(n -> n.path("slashId").asText());
        return fanOut(Table.SLASHES, "/slashes?local=true", localOnly, () -> {
            List<JsonNode> out = new ArrayList<>();
            long epoch = epochOf(null);
            try (KeyValueIterator<String, SlashProposal> it = this.<SlashProposal>store(Table.SLASHES, null).all()) {
                it.forEachRemaining(kv -> out.add(Views.slash(kv.value, epoch)));
            }
            return out;
        }, soonest);
    }

    /** A pool with its tier, reward status and last closed epoch's performance, from its own partition. */
    private JsonNode poolView(PoolState pool, Integer partition) {
        NetworkState network = this.<NetworkState>store(Table.NETWORK, partition).get(Keys.NETWORK_STATE);
        PositionState operator = this.<PositionState>store(Table.POSITIONS, partition)
                .get(Keys.position(pool.getPoolId(), pool.getOperatorAccount()));
        PoolEpochPerformance last = network == null || network.getCurrentEpoch() == 0 ? null
                : this.<PoolEpochPerformance>store(Table.PERFORMANCE, partition)
                        .get(Keys.performance(pool.getPoolId(), network.getCurrentEpoch() - 1));
        // the wall clock stands in for the broker's log-append time, which only the slash cooldown reads
        return Views.pool(pool, network, operator, last, System.currentTimeMillis());
    }

    private long epochOf(Integer partition) {
        NetworkState n = this.<NetworkState>store(Table.NETWORK, partition).get(Keys.NETWORK_STATE);
        return n == null ? 0 : n.getCurrentEpoch();
    }

    Reply position(String poolId, String accountHex, boolean forwarded) {
        String path = "/pools/" + enc(poolId) + "/positions/" + accountHex;
        return routed(poolId, path, forwarded, partition -> {
            PoolState pool = this.<PoolState>store(Table.POOLS, partition).get(poolId);
            if (pool == null) {
                return Reply.error(404, "no pool '" + poolId + "'", false);
            }
            PositionState position = this.<PositionState>store(Table.POSITIONS, partition).get(poolId + "/" + accountHex);
            return position == null ? Reply.error(404, "account " + accountHex + " has no position in pool '" + poolId + "'", false)
                    : Reply.ok(Views.position(position, pool));
        });
    }

    /** Every position of one account, across the pools of every instance. */
    Reply accountPositions(String accountHex, boolean localOnly) {
        String suffix = "/" + accountHex;
        return fanOut(Table.POSITIONS, "/accounts/" + accountHex + "/positions?local=true", localOnly, () -> {
            List<JsonNode> out = new ArrayList<>();
            ReadOnlyKeyValueStore<String, PoolState> pools = store(Table.POOLS, null);
            // positions are keyed pool/account, so one account's positions are spread over the keyspace: scan
            try (KeyValueIterator<String, PositionState> it = this.<PositionState>store(Table.POSITIONS, null).all()) {
                it.forEachRemaining(kv -> {
                    if (kv.key.endsWith(suffix)) {
                        PoolState pool = pools.get(kv.value.getPoolId());
                        if (pool != null) {
                            out.add(Views.position(kv.value, pool));
                        }
                    }
                });
            }
            return out;
        }, Comparator.comparing(n -> n.path("poolId").asText()));
    }

    /** How {@code /pools} ranks. */
    enum Ranking {
        /** Total stake, largest first [InfraMind]. */
        STAKE(byStake()),
        /**
         * Performance in the last closed epoch [InfraMind]: pools with attested jobs first, higher
         * SLA ratio, then lower average latency, then larger stake.
         */
        PERFORMANCE(Comparator.comparing((JsonNode n) -> n.path("performance").path("jobs").asLong() == 0)
                .thenComparing(Comparator.comparingLong((JsonNode n) -> n.path("performance").path("slaPpm").asLong()).reversed())
                .thenComparingLong(n -> n.path("performance").path("avgLatencyMs").asLong())
                .thenComparing(byStake()));

        final Comparator<JsonNode> order;

        Ranking(Comparator<JsonNode> order) {
            this.order = order;
        }

        private static Comparator<JsonNode> byStake() {
            return Comparator.comparing((JsonNode n) -> new BigInteger(n.path("totalStake").asText("0")))
                    .reversed().thenComparing(n -> n.path("poolId").asText());
        }
    }

    /** All pools, ranked. */
    Reply pools(Ranking ranking, boolean localOnly) {
        return fanOut(Table.POOLS, "/pools?local=true", localOnly, () -> {
            List<JsonNode> out = new ArrayList<>();
            try (KeyValueIterator<String, PoolState> it = this.<PoolState>store(Table.POOLS, null).all()) {
                it.forEachRemaining(kv -> out.add(poolView(kv.value, partitionOf(kv.key))));
            }
            return out;
        }, ranking.order);
    }

    /** The local partition a pool id maps to (the ledger's stores are per partition, the scan is not). */
    private Integer partitionOf(String poolId) {
        KeyQueryMetadata md = streams.queryMetadataForKey(Table.POOLS.name(), poolId, keys);
        return md == null || md.partition() < 0 ? null : md.partition();
    }

    /**
     * The network state as partition 0 holds it: parameters, authorities, models and epoch are the
     * same on every partition, but each copy also keeps that partition's own custody books, so every
     * instance answers with the one copy (the books across all partitions: /reconciliation).
     */
    Reply network(boolean forwarded) {
        String key = Keys.NETWORK_STATE;
        return routed(() -> streams.queryMetadataForKey(Table.NETWORK.name(), key, FIRST_PARTITION), "network state", "/network",
                forwarded, partition -> {
                    NetworkState n = this.<NetworkState>store(Table.NETWORK, partition).get(key);
                    return n == null ? Reply.error(404, "the program is not initialized yet: send CreatePoolOverview (stakestream network init)", false)
                            : Reply.ok(AvroJson.record(n));
                });
    }

    /**
     * The reward record (merkle root and totals) committed for an epoch, as partition 0 holds it:
     * every partition commits its own copy at its own log-append time, and every instance must give
     * the same answer.
     */
    Reply rewardRecord(long epoch, boolean forwarded) {
        String key = Keys.epoch(epoch);
        return routed(() -> streams.queryMetadataForKey(Table.REWARD_RECORDS.name(), key, FIRST_PARTITION), "reward records",
                "/epochs/" + epoch + "/reward-record", forwarded, partition -> {
                    RewardRecordState r = this.<RewardRecordState>store(Table.REWARD_RECORDS, partition).get(key);
                    return r == null ? Reply.error(404, "no reward record for epoch " + epoch, false) : Reply.ok(AvroJson.record(r));
                });
    }

    /**
     * The custody reconciliation across every partition: each instance adds up the books of the
     * partitions it owns, the one asked adds the others' answers. All or
     * nothing: a partition no instance answers for makes it a 503, never a partial sum.
     */
    Reply reconciliation(boolean localOnly) {
        try {
            requireRunning();
            var books = ReconciliationView.empty();
            var covered = ReconciliationView.partitions();
            Collection<StreamsMetadata> hosts = streams.streamsMetadataForStore(Table.POOLS.name());
            if (hosts.isEmpty()) {
                throw new Unavailable("no instance hosts the ledger's stores yet (rebalancing): retry");
            }
            for (StreamsMetadata md : hosts) {
                if (md.hostInfo().equals(self)) {
                    for (var tp : md.topicPartitions()) {
                        if (covered.add(tp.partition())) addPartition(books, tp.partition());
                    }
                } else if (!localOnly) {
                    Reply r = forward(md.hostInfo(), "/reconciliation?local=true");
                    if (r.status() != 200) {
                        return r;
                    }
                    covered.addAll(ReconciliationView.addTo(books, Reply.JSON.readTree(r.body())));
                }
            }
            return Reply.ok(ReconciliationView.json(books, covered));
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("state store not queryable right now (" + e.getMessage() + "): retry");
        } catch (IOException e) {
            throw new Unavailable("an instance answered something unreadable: " + e.getMessage());
        }
    }

    /**
     * One partition's books: the one record the ledger moves with every command that changes them,
     * so this single get sees all of a command or none of it (the network record and the pools, read
     * one after the other while the stream thread writes them, could show half of one). A partition
     * whose state predates that record has none until its next booking command: until then its books
     * are counted from its network record and pools, as they were before the record existed.
     */
    private void addPartition(Map<Asset, Reconciliation> books, int partition) {
        PartitionBooks kept = this.<PartitionBooks>store(Table.BOOKS, partition).get(Keys.BOOKS);
        List<Reconciliation> partitionBooks = kept != null ? Books.of(kept) : countedFromPools(partition);
        for (Reconciliation r : partitionBooks) {
            books.merge(r.asset(), r, Reconciliation::plus);
        }
    }

    private List<Reconciliation> countedFromPools(int partition) {
        NetworkState network = this.<NetworkState>store(Table.NETWORK, partition).get(Keys.NETWORK_STATE);
        if (network == null) {
            return Books.empty(); // not initialized: nothing was ever deposited here
        }
        return Reconciliation.both(network, values(Table.POOLS, partition), values(Table.REWARD_RECORDS, partition));
    }

    private <V> List<V> values(Table<V> table, int partition) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> it = this.<V>store(table, partition).all()) {
            it.forEachRemaining(kv -> values.add(kv.value));
        }
        return values;
    }

    private static final StreamPartitioner<String, Object> FIRST_PARTITION = (topic, key, value, n) -> Optional.of(Set.of(0));

    boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    String state() {
        return streams.state().name();
    }

    // ---- routing ----

    private Reply routed(String poolId, String path, boolean forwarded, Function<Integer, Reply> local) {
        return routed(() -> streams.queryMetadataForKey(Table.POOLS.name(), poolId, keys), "pool '" + poolId + "'", path, forwarded, local);
    }

    private Reply routed(Supplier<KeyQueryMetadata> owner, String what, String path, boolean forwarded, Function<Integer, Reply> local) {
        try {
            requireRunning();
            KeyQueryMetadata md = owner.get();
            if (md == null || md.equals(KeyQueryMetadata.NOT_AVAILABLE) || md.activeHost().port() < 0) {
                throw new Unavailable("the owner of " + what + " is not known yet (rebalancing): retry");
            }
            if (!md.activeHost().equals(self)) {
                if (forwarded) {
                    throw new Unavailable(what + " is moving between instances: retry");
                }
                return forward(md.activeHost(), path);
            }
            return local.apply(md.partition());
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("state store not queryable right now (" + e.getMessage() + "): retry");
        }
    }

    private Reply fanOut(Table<?> table, String remotePath, boolean localOnly, LocalScan scan, Comparator<JsonNode> order) {
        try {
            requireRunning();
            if (localOnly) {
                return sorted(scan.run(), order);
            }
            // only active tasks answer a scan: an instance left with standbys alone (after a fail-over,
            // until a probing rebalance moves a task back) has nothing to scan itself and asks the others
            List<StreamsMetadata> hosts = streams.streamsMetadataForStore(table.name()).stream()
                    .filter(h -> !h.topicPartitions().isEmpty()).toList();
            if (hosts.isEmpty()) {
                throw new Unavailable("no instance hosts store " + table.name() + " yet (rebalancing): retry");
            }
            List<JsonNode> all = new ArrayList<>();
            for (StreamsMetadata host : hosts) {
                if (host.hostInfo().equals(self)) {
                    all.addAll(scan.run());
                } else {
                    Reply r = forward(host.hostInfo(), remotePath);
                    if (r.status() != 200) {
                        return r; // all or nothing: a partial list would be a wrong answer
                    }
                    Reply.JSON.readTree(r.body()).forEach(all::add);
                }
            }
            return sorted(all, order);
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("state store not queryable right now (" + e.getMessage() + "): retry");
        } catch (IOException e) {
            throw new Unavailable("an instance answered something unreadable: " + e.getMessage());
        }
    }

    private static Reply sorted(List<JsonNode> rows, Comparator<JsonNode> order) {
        List<JsonNode> all = new ArrayList<>(rows);
        all.sort(order);
        ArrayNode array = Reply.JSON.createArrayNode();
        all.forEach(array::add);
        return Reply.ok(array);
    }

    private void requireRunning() {
        KafkaStreams.State s = streams.state();
        if (s != KafkaStreams.State.RUNNING) {
            throw new Unavailable("the ledger is " + s + ", not RUNNING: retry shortly");
        }
    }

    private Reply forward(HostInfo host, String path) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
        try {
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).header(FORWARDED_HEADER, "1").GET().build();
            HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(res.statusCode(), res.headers().firstValue("Content-Type").orElse(Reply.JSON_TYPE), res.body());
        } catch (IOException e) {
            log.warn("instance {} did not answer {}: {}", host, path, e.toString());
            throw new Unavailable("instance " + host.host() + ":" + host.port() + " owning this data did not answer: retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(Table<?> table, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> q =
                StoreQueryParameters.fromNameAndType(table.name(), QueryableStoreTypes.keyValueStore());
        return streams.store(partition == null ? q : q.withPartition(partition));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @FunctionalInterface
    private interface LocalScan {
        List<JsonNode> run();
    }

}
