package io.stakestream.ledger.instructions;

import io.stakestream.avro.ModelInfo;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PoolStatus;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a pool earns rewards [Function Network active status, Prover lifecycle]: registered and
 * active, not halted or banned or deactivated, whitelisted, its operator at or above the required
 * stake, its model enabled, and out of any slash cooldown. {@link #why} names every rule a pool
 * fails, so the query API can say why a pool earns nothing with the same rules the epoch close uses.
 */
public final class Activity {
    private Activity() {}

    /** One rule a pool fails: a machine-readable code and what it means. */
    public record Inactive(String code, String message) {}

    public static boolean earns(Pool pool, Network n, Tx tx) {
        return why(pool.state(), n, Delegation.operatorValue(pool, tx), tx.now()).isEmpty();
    }

    /**
     * Every reason the pool earns no reward at {@code now}; empty when it earns.
     *
     * @param operatorValue the tokens the operator's own position is worth
     */
    public static List<Inactive> why(PoolState s, Network n, BigInteger operatorValue, long now) {
        List<Inactive> out = new ArrayList<>();
        if (s.getStatus() != PoolStatus.ACTIVE) {
            out.add(new Inactive(s.getStatus().name(), "the pool is " + s.getStatus().name().toLowerCase()));
        }
        if (s.getHalted()) out.add(new Inactive("HALTED", "the halt authority halted the pool"));
        if (s.getBanned()) out.add(new Inactive("BANNED", "the pool was banned by a slash"));
        if (!s.getWhitelisted()) out.add(new Inactive("NOT_WHITELISTED", "the admin has not whitelisted the pool"));
        if (now < s.getRewardCooldownUntil()) {
            out.add(new Inactive("SLASH_COOLDOWN", "no reward until " + s.getRewardCooldownUntil() + " (slash cooldown)"));
        }
        ModelInfo model = n.findModel(s.getModelId());
        if (model == null) {
            out.add(new Inactive("UNKNOWN_MODEL", "model '" + s.getModelId() + "' is not registered"));
        } else if (!model.getEnabled()) {
            out.add(new Inactive("MODEL_DISABLED", "model '" + s.getModelId() + "' is disabled"));
        }
        BigInteger required = n.requiredSelfStake(Pool.wrap(s));
        if (operatorValue.compareTo(required) < 0) {
            out.add(new Inactive("BELOW_REQUIRED_STAKE", "the operator holds " + operatorValue + " of the " + required + " it must stake"));
        }
        return out;
    }
}
