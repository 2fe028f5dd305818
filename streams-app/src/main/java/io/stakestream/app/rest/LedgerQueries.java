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
import io.stakestream.protocol.clients.KeyPartitioner;
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
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.ThreadMetadata;
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
 * to every instance and answer only when every partition has answered ({@link PartitionAnswers}).
 * Only active tasks of a RUNNING client answer, so a rebalance or a restore gives
 * {@link Unavailable} (503), never a stale or partial number.
 */
public final class LedgerQueries {

    private static final Logger log = LoggerFactory.getLogger(LedgerQueries.class);
    /** Marks a request made by another instance, so ownership moving mid-request cannot loop. */
    static final String FORWARDED_HEADER = "X-Stakestream-Forwarded";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final int partitions;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final StringSerializer keys = new StringSerializer();

    /** {@code partitions}: of the commands topic, which the app checked against the broker at start. */
    public LedgerQueries(KafkaStreams streams, HostInfo self, int partitions) {
        this.streams = streams;
        this.self = self;
        this.partitions = partitions;
    }

    /** Whom a query over every partition answers for. */
    enum Scope {
        /** Every partition: the client's question. */
        ALL,
        /** This instance's active partitions, as one list (what instances before the by-partition answer asked). */
        LOCAL,
        /** This instance's active partitions, each answer under its partition: what instances ask each other. */
        LOCAL_BY_PARTITION;

        static Scope of(String query) {
            String local = QueryServer.param(query, "local");
            return "true".equals(local) ? LOCAL : "partitions".equals(local) ? LOCAL_BY_PARTITION : ALL;
        }
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
    Reply slashes(Scope scope) {
        Comparator<JsonNode> soonest = Comparator.comparingLong((JsonNode n) -> n.path("executableEpoch").asLong())
                .thenComparing(n -> n.path("poolId").asText()).thenComparing(n -> n.path("slashId").asText());
        return list("/slashes", scope, partition -> {
            ArrayNode out = Reply.JSON.createArrayNode();
            long epoch = epochOf(partition);
            try (KeyValueIterator<String, SlashProposal> it = this.<SlashProposal>store(Table.SLASHES, partition).all()) {
                it.forEachRemaining(kv -> out.add(Views.slash(kv.value, epoch)));
            }
            return out;
        }, soonest);
    }

    /** A pool with its tier, reward status and last closed epoch's performance, from its own partition. */
    private JsonNode poolView(PoolState pool, int partition) {
        NetworkState network = this.<NetworkState>store(Table.NETWORK, partition).get(Keys.NETWORK_STATE);
        PositionState operator = this.<PositionState>store(Table.POSITIONS, partition)
                .get(Keys.position(pool.getPoolId(), pool.getOperatorAccount()));
        PoolEpochPerformance last = network == null || network.getCurrentEpoch() == 0 ? null
                : this.<PoolEpochPerformance>store(Table.PERFORMANCE, partition)
                        .get(Keys.performance(pool.getPoolId(), network.getCurrentEpoch() - 1));
        // the wall clock stands in for the broker's log-append time, which only the slash cooldown reads
        return Views.pool(pool, network, operator, last, System.currentTimeMillis());
    }

    private long epochOf(int partition) {
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
    Reply accountPositions(String accountHex, Scope scope) {
        String suffix = "/" + accountHex;
        return list("/accounts/" + accountHex + "/positions", scope, partition -> {
            ArrayNode out = Reply.JSON.createArrayNode();
            ReadOnlyKeyValueStore<String, PoolState> pools = store(Table.POOLS, partition);
            // positions are keyed pool/account, so one account's positions are spread over the keyspace: scan
            try (KeyValueIterator<String, PositionState> it = this.<PositionState>store(Table.POSITIONS, partition).all()) {
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
    Reply pools(Ranking ranking, Scope scope) {
        return list("/pools", scope, partition -> {
            ArrayNode out = Reply.JSON.createArrayNode();
            try (KeyValueIterator<String, PoolState> it = this.<PoolState>store(Table.POOLS, partition).all()) {
                it.forEachRemaining(kv -> out.add(poolView(kv.value, partition)));
            }
            return out;
        }, ranking.order);
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
    Reply reconciliation(Scope scope) {
        IntFunction<JsonNode> partitionBooks = p -> ReconciliationView.json(booksOf(p), new TreeSet<>(Set.of(p)));
        return spanning("/reconciliation", scope, partitionBooks, answers -> {
            var books = ReconciliationView.empty();
            var covered = ReconciliationView.partitions();
            for (JsonNode answer : answers) {
                covered.addAll(ReconciliationView.addTo(books, answer));
            }
            return Reply.ok(ReconciliationView.json(books, covered));
        });
    }

    /**
     * One partition's books: the one record the ledger moves with every command that changes them,
     * so this single get sees all of a command or none of it (the network record and the pools, read
     * one after the other while the stream thread writes them, could show half of one). A partition
     * whose state predates that record has none until its next booking command: until then its books
     * are counted from its network record and pools, as they were before the record existed.
     */
    private Map<Asset, Reconciliation> booksOf(int partition) {
        PartitionBooks kept = this.<PartitionBooks>store(Table.BOOKS, partition).get(Keys.BOOKS);
        Map<Asset, Reconciliation> books = ReconciliationView.empty();
        for (Reconciliation r : kept != null ? Books.of(kept) : countedFromPools(partition)) {
            books.merge(r.asset(), r, Reconciliation::plus);
        }
        return books;
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

    /**
     * Places a pool id on its partition by the ledger's count. Kafka Streams' own placement counts the
     * partitions assigned in the last rebalance, so while one is between owners it would place keys
     * on the wrong partition and its owner would answer "no pool".
     */
    private Optional<Set<Integer>> poolPartition(String topic, String poolId, Object value, int assigned) {
        return Optional.of(Set.of(KeyPartitioner.partitionOf(poolId, partitions)));
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
        return routed(() -> streams.queryMetadataForKey(Table.POOLS.name(), poolId, this::poolPartition), "pool '" + poolId + "'", path, forwarded, local);
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

    /** A list over every partition, in {@code order}; {@code scan} lists one local partition. */
    private Reply list(String path, Scope scope, IntFunction<JsonNode> scan, Comparator<JsonNode> order) {
        return spanning(path, scope, scan, answers -> {
            List<JsonNode> rows = new ArrayList<>();
            answers.forEach(partition -> partition.forEach(rows::add));
            return sorted(rows, order);
        });
    }

    /**
     * A query over every partition: this instance answers for its active partitions, each other
     * instance with an active partition is asked for its own, and {@code combine} runs only once
     * every partition of the ledger has answered.
     */
    private Reply spanning(String path, Scope scope, IntFunction<JsonNode> answer, Function<Collection<JsonNode>, Reply> combine) {
        try {
            requireRunning();
            PartitionAnswers answers = new PartitionAnswers();
            for (int p : localActivePartitions()) {
                answers.add(p, answer.apply(p));
            }
            if (scope == Scope.LOCAL_BY_PARTITION) return Reply.ok(answers.json());
            if (scope == Scope.LOCAL) return combine.apply(answers.answered());
            // an instance left with standbys alone (after a fail-over, until a probing rebalance moves a
            // task back) has nothing to answer and is not asked
            for (StreamsMetadata host : streams.streamsMetadataForStore(Table.POOLS.name())) {
                if (host.hostInfo().equals(self) || host.topicPartitions().isEmpty()) {
                    continue;
                }
                Reply r = forward(host.hostInfo(), path + "?local=partitions");
                if (r.status() != 200) {
                    return r; // all or nothing: a partial list would be a wrong answer
                }
                answers.addAll(Reply.JSON.readTree(r.body()));
            }
            return combine.apply(answers.complete(partitions));
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("state store not queryable right now (" + e.getMessage() + "): retry");
        } catch (IOException e) {
            throw new Unavailable("an instance answered something unreadable: " + e.getMessage());
        }
    }

    /** The partitions whose active task runs on this instance's stream threads now. */
    private SortedSet<Integer> localActivePartitions() {
        SortedSet<Integer> out = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            thread.activeTasks().forEach(task -> out.add(task.taskId().partition()));
        }
        return out;
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

}
