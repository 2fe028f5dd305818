package io.stakestream.cli.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What a run wrote to the broker, counted in log offsets (records and transaction markers, which
 * take an offset each): the changelogs, the other topics of the ledger (inputs and outputs), and
 * the broker's own (consumer offsets and transaction state, written at every commit).
 */
final class LogGrowth {

    static final List<String> KINDS = List.of("changelogs", "inputs and outputs", "offsets and transaction state");

    private final Admin admin;
    private final Map<String, Long> start;

    LogGrowth(Admin admin) throws ExecutionException, InterruptedException {
        this.admin = admin;
        this.start = endOffsetsByKind();
    }

    /** Offsets written since this was made, per command, by kind in {@link #KINDS} order. */
    double[] perCommand(long commands) throws ExecutionException, InterruptedException {
        Map<String, Long> now = endOffsetsByKind();
        return KINDS.stream().mapToDouble(k -> (now.get(k) - start.get(k)) / (double) commands).toArray();
    }

    private Map<String, Long> endOffsetsByKind() throws ExecutionException, InterruptedException {
        Set<String> topics = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names().get();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> latest = described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<String, Long> byKind = new LinkedHashMap<>();
        KINDS.forEach(k -> byKind.put(k, 0L));
        ends.forEach((tp, info) -> byKind.merge(kind(tp.topic()), info.offset(), Long::sum));
        return byKind;
    }

    private static String kind(String topic) {
        if (topic.startsWith("__")) return KINDS.get(2);
        if (topic.endsWith("-changelog")) return KINDS.get(0);
        return KINDS.get(1);
    }
}
