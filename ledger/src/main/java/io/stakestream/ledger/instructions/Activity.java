package io.stakestream.ledger.instructions;

import io.stakestream.avro.ModelInfo;
import io.stakestream.avro.PoolStatus;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Tx;

/**
 * Whether a pool earns rewards [Function Network active status, Prover lifecycle]: registered and
 * active, not halted or banned or deactivated, whitelisted, its operator at or above the required
 * stake, its model enabled, and out of any slash cooldown.
 */
public final class Activity {
    private Activity() {}

    public static boolean earns(Pool pool, Network n, Tx tx) {
        var s = pool.state();
        if (s.getStatus() != PoolStatus.ACTIVE || s.getHalted() || s.getBanned() || !s.getWhitelisted()) return false;
        if (tx.now() < s.getRewardCooldownUntil()) return false;
        ModelInfo model = n.findModel(s.getModelId());
        if (model == null || !model.getEnabled()) return false;
        return Delegation.operatorValue(pool, tx).compareTo(n.requiredSelfStake(pool)) >= 0;
    }
}
