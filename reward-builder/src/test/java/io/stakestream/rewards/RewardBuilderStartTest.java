package io.stakestream.rewards;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.protocol.crypto.Keys;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The epoch clock registers what it writes before its first tick, and says what to do when it cannot. */
class RewardBuilderStartTest {

    @Test
    void anUnreachableRegistryStopsTheStartBeforeAnyTickSayingWhatToDo() {
        RewardBuilderConfig config = new RewardBuilderConfig("127.0.0.1:1", "http://127.0.0.1:1", 1,
                Keys.demo(RewardBuilderConfig.DEMO_REWARD_KEY), 0);

        assertThatThrownBy(() -> RewardBuilderMain.run(config, new CountDownLatch(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot start the epoch clock")
                .hasMessageContaining("unreachable")
                .hasMessageContaining("SCHEMA_REGISTRY_URL");
    }
}
