package io.stakestream.app.testkit;

import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.serde.SignedPayloads;
import io.stakestream.protocol.serde.StakestreamSerdes;

/**
 * The registry topology tests share: signed payloads carry schema ids, so the actors who sign and
 * the ledger driver of streams-app's tests that reads must use one registry. Integration tests pass their stack's.
 */
public final class TestRegistry {

    private static final StakestreamSerdes SERDES = new StakestreamSerdes(new InProcessSchemaRegistry().client());

    private TestRegistry() {
    }

    public static StakestreamSerdes serdes() {
        return SERDES;
    }

    public static SignedPayloads payloads() {
        return SERDES.payloads();
    }
}
