package io.stakestream.soak;

import io.stakestream.app.topology.AttestationGateway;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * "Every input accounted for": each input record must have exactly one fate. It was rejected (a
 * rejection names its source topic, partition and offset), dead-lettered (the KIP-1034 headers
 * name them), or accepted (at least one event carries its command id, and command ids are unique
 * per input record). Nothing may point at an input that does not exist. One lost record, or one
 * record with two fates, fails.
 */
final class Accounting {

    record Tally(int inputs, int accepted, int rejected, int deadLettered, int events) {
    }

    private Accounting() {
    }

    /**
     * @param placed where each input landed
     * @param ids each input's command or batch id, null for records that cannot be decoded
     */
    static Tally check(Feed.Placed[] placed, String[] ids, Outputs out) {
        List<String> problems = new ArrayList<>();
        Map<Feed.Placed, Integer> inputAt = new HashMap<>();
        Map<String, Integer> inputWithId = new HashMap<>();
        for (int i = 0; i < placed.length; i++) {
            if (placed[i] == null) {
                throw new AssertionError("input #" + i + " was never acknowledged by the broker");
            }
            inputAt.put(placed[i], i);
            if (ids[i] != null && inputWithId.put(ids[i], i) != null) {
                throw new AssertionError("the workload reuses command id " + ids[i] + ": it cannot be traced");
            }
        }
        Map<Feed.Placed, Rejection> rejected = new HashMap<>();
        for (Rejection r : out.rejections) {
            Feed.Placed at = new Feed.Placed(r.getSourceTopic(), r.getPartition(), r.getOffset());
            if (!inputAt.containsKey(at)) {
                problems.add("rejection of a record that was never sent: " + r);
            } else if (rejected.put(at, r) != null) {
                problems.add("two rejections of " + at + ": " + r);
            }
        }
        Set<Feed.Placed> dead = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> d : out.deadLetters) {
            // a forwarded attestation's dead letter keeps the gateway's headers, which name the original record
            Feed.Placed at = d.headers().lastHeader(AttestationGateway.SOURCE_TOPIC_HEADER) != null
                    ? new Feed.Placed(header(d, AttestationGateway.SOURCE_TOPIC_HEADER),
                            Integer.parseInt(header(d, AttestationGateway.SOURCE_PARTITION_HEADER)),
                            Long.parseLong(header(d, AttestationGateway.SOURCE_OFFSET_HEADER)))
                    : new Feed.Placed(header(d, "__streams.errors.topic"), Integer.parseInt(header(d, "__streams.errors.partition")),
                            Long.parseLong(header(d, "__streams.errors.offset")));
            if (!inputAt.containsKey(at)) {
                problems.add("dead letter of a record that was never sent: " + at);
            } else if (!dead.add(at)) {
                problems.add("two dead letters of " + at);
            }
        }
        Map<String, Integer> eventsById = new HashMap<>();
        for (LedgerEvent e : out.events) {
            if (!inputWithId.containsKey(e.getCommandId())) {
                problems.add("event of a command that was never sent: " + e);
            }
            eventsById.merge(e.getCommandId(), 1, Integer::sum);
        }
        int accepted = 0;
        for (int i = 0; i < placed.length; i++) {
            boolean r = rejected.containsKey(placed[i]);
            boolean d = dead.contains(placed[i]);
            boolean a = ids[i] != null && eventsById.containsKey(ids[i]);
            int fates = (r ? 1 : 0) + (d ? 1 : 0) + (a ? 1 : 0);
            if (fates == 0) {
                problems.add("input #" + i + " at " + placed[i] + " (id " + ids[i] + ") has no event, rejection or dead letter: LOST");
            } else if (fates > 1) {
                problems.add("input #" + i + " at " + placed[i] + " (id " + ids[i] + ") is accepted=" + a + " rejected=" + r + " dead=" + d);
            }
            accepted += a ? 1 : 0;
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " accounting problem(s), first ones:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(20, problems.size()))));
        }
        return new Tally(placed.length, accepted, rejected.size(), dead.size(), out.events.size());
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        if (h == null) {
            throw new AssertionError("dead letter without header " + name + ": " + r);
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The command or batch id of a workload record. */
    static String idOf(io.stakestream.protocol.serde.SignedPayloads payloads, Workload.Input in) {
        return in.value() instanceof io.stakestream.avro.SignedCommand c ? payloads.command(c).getCommandId()
                : payloads.attestation((io.stakestream.avro.SignedAttestation) in.value()).getBatchId();
    }
}
