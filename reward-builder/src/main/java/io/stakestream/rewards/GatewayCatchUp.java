package io.stakestream.rewards;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An attestation counts for the epoch that is open when the attestation gateway forwards it into the
 * commands log. Before closing an epoch the clock waits, for a bounded time, until the gateway has
 * committed everything appended to the attestations topic up to now, so attestations sent before the
 * close are not turned late by gateway lag.
 */
public final class GatewayCatchUp {
    private static final Logger log = LoggerFactory.getLogger(GatewayCatchUp.class);

    private final Admin admin;
    private final String gatewayGroup;
    private final String attestationsTopic;
    private final Duration timeout;

    public GatewayCatchUp(Admin admin, String gatewayGroup, String attestationsTopic, Duration timeout) {
        this.admin = admin;
        this.gatewayGroup = gatewayGroup;
        this.attestationsTopic = attestationsTopic;
        this.timeout = timeout;
    }

    /** True once the gateway's committed offsets reach the attestations' end offsets as of this call; false on timeout. */
    public boolean await() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Map<TopicPartition, Long> ends = endOffsets();
            while (true) {
                long behind = behind(ends);
                if (behind == 0) return true;
                if (System.nanoTime() > deadline) {
                    log.warn("the attestation gateway ({}) is still {} record(s) behind after {}: closing the epoch anyway;"
                            + " those attestations will count as late", gatewayGroup, behind, timeout);
                    return false;
                }
                Thread.sleep(100);
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("cannot read the attestation gateway's progress ({}): closing the epoch without waiting", e.getMessage());
            return false;
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = admin.describeTopics(List.of(attestationsTopic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(attestationsTopic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) latest.put(new TopicPartition(attestationsTopic, p), OffsetSpec.latest());
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private long behind(Map<TopicPartition, Long> ends) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(gatewayGroup)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            // under exactly-once a transaction marker follows the last record: committed may pass the record count
            behind += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
        }
        return behind;
    }
}
