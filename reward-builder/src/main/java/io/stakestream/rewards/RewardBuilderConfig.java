package io.stakestream.rewards;

import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.Keys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the reward-builder process runs, from the environment:
 *
 * <pre>
 * KAFKA_BOOTSTRAP_SERVERS  required
 * SCHEMA_REGISTRY_URL      required
 * EPOCH_SECONDS            length of an epoch, default 60
 * GATEWAY_APPLICATION_ID   the attestation gateway whose progress a close waits for (up to 30 s), default stakestream-attestation-gateway
 * REWARD_KEY_FILE          key file of a reward authority (stakestream keygen); unset = the public demo key "rewarder"
 * START_EPOCH              first epoch to close when none has closed yet, default 0
 * BUILDER_KEY_FILE         key file of the reward authority that signs reward records and accruals; unset = the public
 *                          demo key "reward-builder". Its own key: its nonces are epoch + 1, so reruns sign the same bytes,
 *                          and they never collide with the clock's wall-clock nonces
 * DATA_DIR                 where the standard-v1 tree dumps go (DATA_DIR/trees/epoch-n.json), default ./reward-builder-data
 * HTTP_PORT                port of GET /epochs/{n}/tree, default 8081
 * </pre>
 */
public record RewardBuilderConfig(String bootstrapServers, String schemaRegistryUrl, long epochSeconds, AccountKey rewardKey,
                                  long startEpoch, AccountKey builderKey, Path dataDir, int httpPort) {

    /** The demo's reward-builder key; DemoNetwork registers it as a reward authority. */
    public static final String DEMO_BUILDER_KEY = "reward-builder";

    /** The epoch clock alone (stakestream epoch-clock). */
    public RewardBuilderConfig(String bootstrapServers, String schemaRegistryUrl, long epochSeconds, AccountKey rewardKey, long startEpoch) {
        this(bootstrapServers, schemaRegistryUrl, epochSeconds, rewardKey, startEpoch, Keys.demo(DEMO_BUILDER_KEY),
                Path.of("reward-builder-data"), 8081);
    }

    private static final Logger log = LoggerFactory.getLogger(RewardBuilderConfig.class);
    /** The demo's reward authority; DemoNetwork registers the same name. */
    public static final String DEMO_REWARD_KEY = "rewarder";

    public RewardBuilderConfig {
        if (epochSeconds < 1) {
            throw new IllegalArgumentException("EPOCH_SECONDS must be at least 1, got " + epochSeconds);
        }
    }

    public static RewardBuilderConfig fromEnv(Map<String, String> env) throws IOException {
        String bootstrap = required(env, "KAFKA_BOOTSTRAP_SERVERS");
        String registry = required(env, "SCHEMA_REGISTRY_URL");
        long seconds = longOr(env, "EPOCH_SECONDS", 60);
        long start = longOr(env, "START_EPOCH", 0);
        AccountKey key = key(env, "REWARD_KEY_FILE", DEMO_REWARD_KEY);
        AccountKey builder = key(env, "BUILDER_KEY_FILE", DEMO_BUILDER_KEY);
        String dataDir = env.getOrDefault("DATA_DIR", "reward-builder-data");
        long port = longOr(env, "HTTP_PORT", 8081);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("HTTP_PORT must be within 0..65535, got " + port);
        }
        return new RewardBuilderConfig(bootstrap, registry, seconds, key, start, builder, Path.of(dataDir.trim()), (int) port);
    }

    private static AccountKey key(Map<String, String> env, String variable, String demoName) throws IOException {
        String keyFile = env.get(variable);
        if (keyFile == null || keyFile.isBlank()) {
            AccountKey key = Keys.demo(demoName);
            log.warn("{} is not set: signing with the PUBLIC demo key {} (fine for the demo network, never for real value)",
                    variable, key.accountHex());
            return key;
        }
        return Keys.load(Path.of(keyFile.trim()));
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return v.trim();
    }

    private static long longOr(Map<String, String> env, String name, long fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }
}
