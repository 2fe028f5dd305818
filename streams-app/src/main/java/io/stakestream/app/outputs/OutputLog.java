package io.stakestream.app.outputs;

import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.RewardRoot;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.topics.Topics;
import io.stakestream.app.topology.LedgerTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the ledger and the reward-builder committed to their output topics (events, slashes,
 * rejections, reward roots and proofs), read back read_committed by every instance: all partitions
 * assigned, no consumer group, from the beginning. Every instance therefore answers these queries
 * the same, whichever partitions its ledger owns. Until it has read up to the end offsets it saw
 * at start, {@link #caughtUp()} is false and the queries over it answer 503.
 *
 * <p>Memory is bounded by pools x epochs (history), roots, proofs and executed slashes; events and
 * rejections themselves are folded in, not kept.
 */
public final class OutputLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutputLog.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Deserializer<?>> decoders = new HashMap<>();
    private final EventDigest.Decoder eventDigests;
    private final String events;
    private final String slashes;
    private final String rejections;
    private final String roots;
    private final String proofs;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private Map<TopicPartition, Long> startEnd;

    private final TreeMap<Long, RewardRoot> rootsByEpoch = new TreeMap<>();
    private final Map<String, RewardProof> proofsByKey = new HashMap<>();
    private final Map<String, PoolHistory> history = new TreeMap<>();
    private final List<SlashOutcome> executed = new ArrayList<>();
    private final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private long undecodable;

    public OutputLog(String bootstrapServers, StakestreamSerdes serdes, LedgerTopics topics) {
        this.events = topics.events();
        this.slashes = topics.slashes();
        this.rejections = topics.rejections();
        this.roots = Topics.REWARD_ROOTS;
        this.proofs = Topics.REWARD_PROOFS;
        this.eventDigests = new EventDigest.Decoder(serdes.registry());
        decoders.put(slashes, serdes.slashes().valueSerde().deserializer());
        decoders.put(rejections, serdes.rejections().valueSerde().deserializer());
        decoders.put(roots, serdes.rewardRoots().valueSerde().deserializer());
        decoders.put(proofs, serdes.rewardProofs().valueSerde().deserializer());
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "stakestream-output-log-" + UUID.randomUUID());
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "output-log");
        thread.setDaemon(true);
    }

    public OutputLog start() {
        thread.start();
        return this;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(events, slashes, rejections, roots, proofs)) {
                try {
                    consumer.partitionsFor(topic, Duration.ofSeconds(60))
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    log.warn("topic {} is not there; its queries stay empty until a restart", topic);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            startEnd = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                if (!caughtUp && reachedStartEnd()) {
                    caughtUp = true;
                    log.info("output log caught up with {} partitions", partitions.size());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                log.error("output log reader stopped; roots, proofs, history and counts are no longer updated", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private boolean reachedStartEnd() {
        for (Map.Entry<TopicPartition, Long> e : startEnd.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        Object value;
        try {
            value = r.value() == null ? null
                    : r.topic().equals(events) ? eventDigests.decode(r.value()) : decoders.get(r.topic()).deserialize(r.topic(), r.value());
        } catch (java.io.IOException | RuntimeException e) {
            synchronized (this) {
                undecodable++;
            }
            log.warn("{}-{}@{} cannot be decoded ({}); skipped", r.topic(), r.partition(), r.offset(), e.getMessage());
            return;
        }
        if (value == null) {
            return; // a compaction tombstone
        }
        synchronized (this) {
            if (r.topic().equals(events)) {
                EventDigest e = (EventDigest) value;
                if (e.totalStake() != null) {
                    history.computeIfAbsent(e.poolId(), k -> new PoolHistory()).add(e);
                }
            } else if (r.topic().equals(slashes)) {
                executed.add((SlashOutcome) value);
            } else if (r.topic().equals(rejections)) {
                rejected.merge(((Rejection) value).getReason(), 1L, Long::sum);
            } else if (r.topic().equals(roots)) {
                RewardRoot root = (RewardRoot) value;
                rootsByEpoch.put(root.getEpoch(), root);
            } else if (r.topic().equals(proofs)) {
                RewardProof proof = (RewardProof) value;
                proofsByKey.put(proof.getPoolId() + "@" + proof.getEpoch(), proof);
                history.computeIfAbsent(proof.getPoolId(), k -> new PoolHistory()).add(proof);
            }
        }
    }

    // ---- reads; callers render under the lock, since histories change while the reader runs ----

    public synchronized RewardRoot root(long epoch) {
        return rootsByEpoch.get(epoch);
    }

    public synchronized List<RewardRoot> roots() {
        return new ArrayList<>(rootsByEpoch.descendingMap().values());
    }

    public synchronized RewardProof proof(String poolId, long epoch) {
        return proofsByKey.get(poolId + "@" + epoch);
    }

    public synchronized <T> T history(String poolId, java.util.function.Function<PoolHistory, T> render) {
        return render.apply(history.get(poolId));
    }

    public synchronized List<SlashOutcome> executedSlashes() {
        return List.copyOf(executed);
    }

    public synchronized Map<RejectReason, Long> rejectionsByReason() {
        return new EnumMap<>(rejected);
    }

    public synchronized long undecodable() {
        return undecodable;
    }

    @Override
    public void close() {
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(2));
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
