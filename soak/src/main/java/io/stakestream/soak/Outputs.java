package io.stakestream.soak;

import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Everything one ledger instance committed to its output topics, decoded, plus a canonical form
 * for comparing two instances. Within one output partition, the records one pool's task wrote are
 * in a fixed order, while records of different tasks interleave by timing; so the canonical form is
 * a set of lanes (output partition + the pool, or the source partition, that fixes the order), each
 * an exact sequence. Only network-wide ("*") events, which every task writes under one key, are
 * compared as a sorted multiset.
 */
final class Outputs {

    final List<ConsumerRecord<byte[], byte[]>> rawEvents;
    final List<LedgerEvent> events = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    final List<SlashOutcome> slashes = new ArrayList<>();
    final List<Payout> payouts = new ArrayList<>();
    final List<EpochSummaryMessage> summaries = new ArrayList<>();
    final List<ConsumerRecord<byte[], byte[]>> deadLetters;
    /** topic role -> lane -> records as text "key|timestamp|value". */
    final Map<String, Map<String, List<String>>> lanes = new TreeMap<>();

    private Outputs(List<ConsumerRecord<byte[], byte[]>> rawEvents, List<ConsumerRecord<byte[], byte[]>> deadLetters) {
        this.rawEvents = rawEvents;
        this.deadLetters = deadLetters;
    }

    static Outputs read(String bootstrap, Admin admin, StakestreamSerdes serdes, LedgerTopics t) {
        Duration timeout = Duration.ofSeconds(60);
        Outputs o = new Outputs(Kafka.readCommitted(bootstrap, admin, t.events(), timeout),
                Kafka.readCommitted(bootstrap, admin, t.deadLetters(), timeout));
        o.add("events", o.rawEvents, decode(serdes, LedgerEvent.class, t.events()), o.events,
                e -> Keys.NETWORK.equals(e.getPoolId()) ? null : e.getPoolId());
        o.add("rejections", Kafka.readCommitted(bootstrap, admin, t.rejections(), timeout), decode(serdes, Rejection.class, t.rejections()),
                o.rejections, r -> r.getSourceTopic() + "-" + r.getPartition());
        o.add("slashes", Kafka.readCommitted(bootstrap, admin, t.slashes(), timeout), decode(serdes, SlashOutcome.class, t.slashes()),
                o.slashes, SlashOutcome::getPoolId);
        o.add("payouts", Kafka.readCommitted(bootstrap, admin, t.payouts(), timeout), decode(serdes, Payout.class, t.payouts()),
                o.payouts, Payout::getPoolId);
        o.add("summaries", Kafka.readCommitted(bootstrap, admin, t.poolEpochSummaries(), timeout),
                decode(serdes, EpochSummaryMessage.class, t.poolEpochSummaries()), o.summaries, m -> "p" + (m.getBody() instanceof PoolEpochSummary s
                        ? s.getPartition() : ((PartitionEpochClosed) m.getBody()).getPartition()));
        o.add("dead-letters", o.deadLetters, r -> Hex.encode(r.value() == null ? new byte[0] : r.value()) + headers(r),
                new ArrayList<String>(), v -> null);
        return o;
    }

    private static <V> Function<ConsumerRecord<byte[], byte[]>, V> decode(StakestreamSerdes serdes, Class<? extends V> type, String topic) {
        @SuppressWarnings("unchecked")
        var d = (org.apache.kafka.common.serialization.Deserializer<V>) serdes.valueSerde(
                (Class<? extends org.apache.avro.specific.SpecificRecord>) type).deserializer();
        return r -> d.deserialize(topic, r.value());
    }

    /** @param lane the value's lane; null = no fixed order, compared sorted */
    private <V> void add(String role, List<ConsumerRecord<byte[], byte[]>> records, Function<ConsumerRecord<byte[], byte[]>, V> decode,
                         List<V> into, Function<V, String> lane) {
        Map<String, List<String>> byLane = new TreeMap<>();
        List<String> unordered = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            V v = decode.apply(r);
            into.add(v);
            String key = r.key() == null ? "<null>" : new String(r.key(), StandardCharsets.UTF_8);
            String text = key + "|" + r.timestamp() + "|" + v;
            String l = lane.apply(v);
            if (l == null) {
                unordered.add(r.partition() + "|" + text);
            } else {
                byLane.computeIfAbsent(r.partition() + "/" + l, k -> new ArrayList<>()).add(text);
            }
        }
        unordered.sort(Comparator.naturalOrder());
        byLane.put("unordered", unordered);
        lanes.put(role, byLane);
    }

    private static String headers(ConsumerRecord<byte[], byte[]> r) {
        StringBuilder b = new StringBuilder();
        for (Header h : r.headers()) {
            b.append('|').append(h.key()).append('=').append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** The first difference between two instances' outputs, or null when they are identical. */
    static String difference(Outputs a, Outputs b) {
        for (String role : a.lanes.keySet()) {
            Map<String, List<String>> x = a.lanes.get(role);
            Map<String, List<String>> y = b.lanes.get(role);
            if (!x.keySet().equals(y.keySet())) {
                return role + ": lanes differ: " + x.keySet() + " vs " + y.keySet();
            }
            for (String lane : x.keySet()) {
                List<String> p = x.get(lane);
                List<String> q = y.get(lane);
                for (int i = 0; i < Math.min(p.size(), q.size()); i++) {
                    if (!p.get(i).equals(q.get(i))) {
                        return role + " lane " + lane + " #" + i + ":\n  " + p.get(i) + "\n  " + q.get(i);
                    }
                }
                if (p.size() != q.size()) {
                    return role + " lane " + lane + ": " + p.size() + " vs " + q.size() + " records";
                }
            }
        }
        return null;
    }

    int total() {
        return lanes.values().stream().flatMap(m -> m.values().stream()).mapToInt(List::size).sum();
    }
}
