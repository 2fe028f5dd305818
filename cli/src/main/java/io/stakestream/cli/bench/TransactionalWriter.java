package io.stakestream.cli.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes prepared records in transactions of {@value #BATCH}, as the pipeline's producers do. */
final class TransactionalWriter implements AutoCloseable {
    static final int BATCH = 1_000;
    private final KafkaProducer<byte[], byte[]> producer;

    TransactionalWriter(String bootstrap) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "stakestream-bench-" + UUID.randomUUID());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    void write(List<ProducerRecord<byte[], byte[]>> records) {
        for (int i = 0; i < records.size(); i += BATCH) {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> r : records.subList(i, Math.min(records.size(), i + BATCH))) {
                producer.send(r);
            }
            producer.commitTransaction();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
