package io.stakestream.app;

import io.stakestream.topics.TopicCatalog;
import io.stakestream.topics.Topics;
import java.nio.file.Path;
import java.util.Map;

/**
 * How one pool-ledger instance runs. From the environment ({@link #fromEnv}):
 *
 * <pre>
 * KAFKA_BOOTSTRAP_SERVERS  required
 * SCHEMA_REGISTRY_URL      required
 * APPLICATION_ID           default stakestream-ledger
 * GATEWAY_APPLICATION_ID   the attestation gateway's, default stakestream-attestation-gateway; keep it
 *                          fixed: a ledger replay under a new APPLICATION_ID must not forward attestations again
 * APPLICATION_SERVER       host:port other instances reach this one's REST API at; default localhost:HTTP_PORT
 * HTTP_PORT                default the APPLICATION_SERVER port, else 8080; 0 = any free port
 * STATE_DIR                default ${java.io.tmpdir}/stakestream-state
 * PARTITIONS               partitions of the commands topic; default topics.json's (after TOPIC_PARTITIONS)
 * TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR  provisioning overrides, see TopicCatalog
 * ROCKSDB_MEMORY_MB        off-heap budget of all stores together, default 64
 * NUM_STANDBY_REPLICAS     warm copies of each store on other instances, for fast fail-over; default 0
 * REWARD_DUMP_DIR          the reward-builder's tree dump directory, served at /epochs/{n}/tree; default none
 * COMMIT_INTERVAL_MS       exactly-once commit interval, default 50 (read by StreamsConfigs; lower: less latency, less throughput)
 * TRANSACTION_TIMEOUT_MS   how long the broker lets a transaction stay open, default 10000 (read by StreamsConfigs;
 *                          raise it when one command, an EpochClose over many pools, runs near it: the ledger warns)
 * </pre>
 */
public record AppConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId, String advertisedHost,
                        int advertisedPort, int httpPort, String stateDir, int partitions, TopicCatalog catalog,
                        long rocksDbMemoryBytes, String gatewayApplicationId, int standbyReplicas, Path rewardDumpDir) {

    public static final String DEFAULT_APPLICATION_ID = "stakestream-ledger";
    public static final String DEFAULT_GATEWAY_APPLICATION_ID = Topics.ATTESTATION_GATEWAY;

    public AppConfig {
        if (partitions < 1) {
            throw new IllegalArgumentException("PARTITIONS must be at least 1, got " + partitions);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("NUM_STANDBY_REPLICAS must be 0 or more, got " + standbyReplicas);
        }
    }

    public static AppConfig fromEnv(Map<String, String> env) {
        String bootstrap = required(env, "KAFKA_BOOTSTRAP_SERVERS");
        String registry = required(env, "SCHEMA_REGISTRY_URL");
        String appServer = env.get("APPLICATION_SERVER");
        String host = "localhost";
        int advertisedPort = 0;
        if (appServer != null && !appServer.isBlank()) {
            int colon = appServer.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("APPLICATION_SERVER must be host:port, got '" + appServer + "'");
            }
            host = appServer.substring(0, colon).trim();
            advertisedPort = Integer.parseInt(appServer.substring(colon + 1).trim());
        }
        int httpPort = intOr(env, "HTTP_PORT", advertisedPort > 0 ? advertisedPort : 8080);
        TopicCatalog catalog = TopicCatalog.load().withOverrides(env);
        int partitions = intOr(env, "PARTITIONS", catalog.topic(Topics.COMMANDS).partitions());
        return new AppConfig(bootstrap, registry, env.getOrDefault("APPLICATION_ID", DEFAULT_APPLICATION_ID), host,
                advertisedPort, httpPort,
                env.getOrDefault("STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "stakestream-state").toString()),
                partitions, catalog, intOr(env, "ROCKSDB_MEMORY_MB", 64) * (1L << 20),
                env.getOrDefault("GATEWAY_APPLICATION_ID", DEFAULT_GATEWAY_APPLICATION_ID), intOr(env, "NUM_STANDBY_REPLICAS", 0),
                env.get("REWARD_DUMP_DIR") == null || env.get("REWARD_DUMP_DIR").isBlank() ? null : Path.of(env.get("REWARD_DUMP_DIR").trim()));
    }

    /** One local instance against a single broker: any free HTTP port, replication 1, topics of {@code partitions}. */
    public static AppConfig local(String bootstrapServers, String schemaRegistryUrl, Path stateDir, int partitions) {
        TopicCatalog catalog = TopicCatalog.load().forSingleNode().withPartitions(partitions);
        return new AppConfig(bootstrapServers, schemaRegistryUrl, DEFAULT_APPLICATION_ID, "localhost", 0, 0,
                stateDir.toString(), partitions, catalog, 64L << 20, DEFAULT_GATEWAY_APPLICATION_ID, 0, null);
    }

    public AppConfig withApplicationId(String id) {
        return new AppConfig(bootstrapServers, schemaRegistryUrl, id, advertisedHost, advertisedPort, httpPort, stateDir,
                partitions, catalog, rocksDbMemoryBytes, gatewayApplicationId, standbyReplicas, rewardDumpDir);
    }

    public AppConfig withGatewayApplicationId(String id) {
        return new AppConfig(bootstrapServers, schemaRegistryUrl, applicationId, advertisedHost, advertisedPort, httpPort, stateDir,
                partitions, catalog, rocksDbMemoryBytes, id, standbyReplicas, rewardDumpDir);
    }

    public AppConfig withStandbyReplicas(int n) {
        return new AppConfig(bootstrapServers, schemaRegistryUrl, applicationId, advertisedHost, advertisedPort, httpPort, stateDir,
                partitions, catalog, rocksDbMemoryBytes, gatewayApplicationId, n, rewardDumpDir);
    }

    public AppConfig withRewardDumpDir(Path dir) {
        return new AppConfig(bootstrapServers, schemaRegistryUrl, applicationId, advertisedHost, advertisedPort, httpPort, stateDir,
                partitions, catalog, rocksDbMemoryBytes, gatewayApplicationId, standbyReplicas, dir);
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return v.trim();
    }

    private static int intOr(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }
}
