package io.stakestream.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One topic as topics.json declares it. {@link #configs()} is what the broker is told and what the
 * provisioner checks; key and value only document the contract.
 */
public record TopicDefinition(
        String name,
        int partitions,
        short replicationFactor,
        String cleanupPolicy,
        long retentionMs,
        String timestampType,
        Optional<String> copartitionedWith,
        Map<String, String> extraConfigs,
        String key,
        String value,
        String description) {

    public TopicDefinition {
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be >= 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(name + ": replicationFactor must be >= 1, got " + replicationFactor);
        }
        if (!cleanupPolicy.equals("delete") && !cleanupPolicy.equals("compact") && !cleanupPolicy.equals("compact,delete")) {
            throw new IllegalArgumentException(name + ": cleanupPolicy must be delete, compact or compact,delete, got " + cleanupPolicy);
        }
        if (!timestampType.equals("CreateTime") && !timestampType.equals("LogAppendTime")) {
            throw new IllegalArgumentException(name + ": timestampType must be CreateTime or LogAppendTime, got " + timestampType);
        }
        extraConfigs = Map.copyOf(extraConfigs);
    }

    /** Topic-level configs to set on the broker. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy);
        configs.put("retention.ms", Long.toString(retentionMs));
        configs.put("message.timestamp.type", timestampType);
        configs.putAll(extraConfigs);
        return configs;
    }

    public NewTopic newTopic() {
        return new NewTopic(name, partitions, replicationFactor).configs(configs());
    }

    TopicDefinition withPartitions(int newPartitions) {
        return new TopicDefinition(name, newPartitions, replicationFactor, cleanupPolicy, retentionMs, timestampType,
                copartitionedWith, extraConfigs, key, value, description);
    }

    TopicDefinition withReplicationFactor(short newReplicationFactor) {
        // min.insync.replicas above the replication factor would refuse every acks=all write.
        Map<String, String> extra = new LinkedHashMap<>(extraConfigs);
        extra.computeIfPresent("min.insync.replicas",
                (k, v) -> Integer.toString(Math.min(Integer.parseInt(v), newReplicationFactor)));
        return new TopicDefinition(name, partitions, newReplicationFactor, cleanupPolicy, retentionMs, timestampType,
                copartitionedWith, extra, key, value, description);
    }
}
