package io.stakestream.app.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.CompressionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest record each output topic takes: the smaller of the producer's max.request.size and
 * the topic's max.message.bytes, read at start-up. A record over it can never be written, so the
 * ledger refuses its input (OUTPUT_TOO_LARGE) instead of retrying it for ever. Sizes are the
 * producer's own upper bound of a one-record batch, so a record that passes fits on its own. Should
 * the broker still refuse one (a topic's limit lowered while running), {@link #learn} lowers the
 * limit, the task retries, and the same input is then refused the same way.
 */
public final class OutputLimits {

    private static final Logger log = LoggerFactory.getLogger(OutputLimits.class);
    /** The producer's default max.request.size, which is also about the broker's default message.max.bytes. */
    public static final int DEFAULT_MAX_BYTES = 1_048_576;

    private final int fallback;
    private final Map<String, Integer> maxBytes = new ConcurrentHashMap<>();

    public OutputLimits(int producerMaxRequestSize, Map<String, Integer> topicMaxMessageBytes) {
        this.fallback = producerMaxRequestSize;
        topicMaxMessageBytes.forEach((topic, max) -> maxBytes.put(topic, Math.min(max, producerMaxRequestSize)));
    }

    /** No topic limits known: the producer's default for every topic. */
    public static OutputLimits defaults() {
        return new OutputLimits(DEFAULT_MAX_BYTES, Map.of());
    }

    public int maxBytes(String topic) {
        return maxBytes.getOrDefault(topic, fallback);
    }

    /** The producer's upper bound of the record alone in a batch (uncompressed, as the ledger writes). */
    public static int sizeOf(byte[] key, byte[] value, Header[] headers) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, key, value,
                headers);
    }

    public boolean fits(String topic, int size) {
        return size <= maxBytes(topic);
    }

    /** The broker refused a record of {@code size} bytes on {@code topic}: nothing that large is tried there again. */
    public void learn(String topic, int size) {
        int before = maxBytes(topic);
        int after = maxBytes.merge(topic, Math.min(before, size - 1), Math::min);
        log.warn("{} refused a record of {} bytes: its limit is now taken as {} bytes (was {}); inputs whose outputs are larger"
                + " are refused as OUTPUT_TOO_LARGE", topic, size, after, before);
    }
}
