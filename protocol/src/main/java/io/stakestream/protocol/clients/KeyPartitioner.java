package io.stakestream.protocol.clients;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a keyed record belongs: Kafka's default partitioner, murmur2 of the key's bytes, positive,
 * modulo the partition count (the Java client's rule, and librdkafka's {@code murmur2_random}; not
 * librdkafka's default {@code consistent_random}). A pool's state lives only on its key's partition.
 */
public final class KeyPartitioner {

    private KeyPartitioner() {
    }

    public static int partitionOf(byte[] key, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    public static int partitionOf(String key, int partitions) {
        return partitionOf(key.getBytes(StandardCharsets.UTF_8), partitions);
    }
}
