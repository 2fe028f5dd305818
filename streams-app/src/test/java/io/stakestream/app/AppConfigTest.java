package io.stakestream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "SCHEMA_REGISTRY_URL", "http://r:8081"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void standbyReplicasAndTheDumpDirectoryComeFromTheEnvironment() {
        AppConfig defaults = AppConfig.fromEnv(env());
        assertThat(defaults.standbyReplicas()).isZero();
        assertThat(defaults.rewardDumpDir()).isNull();

        AppConfig set = AppConfig.fromEnv(env("NUM_STANDBY_REPLICAS", "1", "REWARD_DUMP_DIR", "/reward-data/trees"));
        assertThat(set.standbyReplicas()).isEqualTo(1);
        assertThat(set.rewardDumpDir()).isEqualTo(Path.of("/reward-data/trees"));
        assertThat(set.withApplicationId("other").standbyReplicas()).as("kept by the with-ers").isEqualTo(1);
    }

    @Test
    void aNegativeOrUnreadableStandbyCountIsRefusedWithItsName() {
        assertThatThrownBy(() -> AppConfig.fromEnv(env("NUM_STANDBY_REPLICAS", "-1"))).hasMessageContaining("NUM_STANDBY_REPLICAS");
        assertThatThrownBy(() -> AppConfig.fromEnv(env("NUM_STANDBY_REPLICAS", "two"))).hasMessageContaining("NUM_STANDBY_REPLICAS");
    }
}
