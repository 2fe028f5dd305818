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
 * </pre>
 */
public record RewardBuilderConfig(String bootstrapServers, String schemaRegistryUrl, long epochSeconds, AccountKey rewardKey,
                                  long startEpoch) {

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
        String keyFile = env.get("REWARD_KEY_FILE");
        AccountKey key;
        if (keyFile == null || keyFile.isBlank()) {
            key = Keys.demo(DEMO_REWARD_KEY);
            log.warn("REWARD_KEY_FILE is not set: signing with the PUBLIC demo key {} (fine for the demo network, never for real value)",
                    key.accountHex());
        } else {
            key = Keys.load(Path.of(keyFile.trim()));
        }
        return new RewardBuilderConfig(bootstrap, registry, seconds, key, start);
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
