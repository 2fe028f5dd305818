package io.stakestream.embedded;

import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A running Kafka plus a Schema Registry, whichever way it was started, so one integration test
 * can run against each. Get instances from {@link KafkaBackends} (shared per test run), not by hand.
 */
public interface KafkaBackend {

    /** Shown in the test name, e.g. "embedded" or "testcontainers". */
    String name();

    String bootstrapServers();

    String schemaRegistryUrl();

    /** An Admin client on this backend; the caller closes it. */
    default Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }
}
