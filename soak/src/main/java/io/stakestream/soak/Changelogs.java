package io.stakestream.soak;

import io.stakestream.app.state.LedgerStores;
import io.stakestream.protocol.crypto.Hex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The final content of every ledger store of an application id, rebuilt from its committed
 * changelog topics the way a restoring instance would: last value per key, a null deletes. Works
 * for an instance in another JVM, or one already gone. Values lose their 5-byte Confluent header
 * (the schema id belongs to the subject, which carries the application id).
 */
final class Changelogs {

    private Changelogs() {
    }

    /** store -> "p{partition}/{key}" -> value bytes (hex). */
    static Map<String, Map<String, String>> finalState(String bootstrap, Admin admin, String applicationId) throws Exception {
        var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        Map<String, Map<String, String>> stores = new TreeMap<>();
        for (String store : LedgerStores.names()) {
            String topic = applicationId + "-" + store + "-changelog";
            Map<String, String> content = new TreeMap<>();
            if (existing.contains(topic)) {
                for (ConsumerRecord<byte[], byte[]> r : Kafka.readCommitted(bootstrap, admin, topic, Duration.ofSeconds(60))) {
                    // network-wide state has one copy per partition, and the copies may differ (a reward
                    // record's budget and commit time are the partition's own): keep them apart
                    String key = "p" + r.partition() + "/" + new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        content.remove(key);
                    } else {
                        byte[] v = r.value();
                        content.put(key, Hex.encode(v.length >= 5 && v[0] == 0 ? Arrays.copyOfRange(v, 5, v.length) : v));
                    }
                }
            }
            stores.put(store, content);
        }
        return stores;
    }
}
