package io.stakestream.ledger;

import io.stakestream.avro.Authorities;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.ModelInfo;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SlashRule;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

/** The network-wide state one partition holds: parameters, authorities, models, the epoch. */
public final class Network {
    private final NetworkState state;

    Network(NetworkState state) {
        this.state = state;
    }

    /** A read-only view for callers outside a command, e.g. the query API (mutate nothing). */
    public static Network wrap(NetworkState state) {
        return new Network(state);
    }

    public NetworkState state() {
        return state;
    }

    public boolean initialized() {
        return state.getParams() != null;
    }

    public GlobalParameters params() {
        return state.getParams();
    }

    public long epoch() {
        return state.getCurrentEpoch();
    }

    public void requireRole(AuthorityRole role, ByteBuffer actor) {
        Rejected.unless(hasRole(role, actor), RejectReason.UNAUTHORIZED,
                "actor " + Accounts.short_(actor) + " is not a " + role.name().toLowerCase() + " authority: sign with one of its keys");
    }

    public boolean hasRole(AuthorityRole role, ByteBuffer actor) {
        Authorities a = state.getAuthorities();
        if (a == null) return false;
        List<ByteBuffer> keys = switch (role) {
            case ADMIN -> a.getAdmin();
            case SLASHING -> a.getSlashing();
            case HALT -> a.getHalt();
            case REWARD -> a.getReward();
        };
        return keys.stream().anyMatch(k -> Accounts.same(k, actor));
    }

    public ModelInfo model(String modelId) {
        ModelInfo m = state.getModels().get(modelId);
        Rejected.unless(m != null, RejectReason.UNKNOWN_MODEL, "model '" + modelId + "' is not registered: the admin registers it with SetModel");
        return m;
    }

    public ModelInfo findModel(String modelId) {
        return state.getModels().get(modelId);
    }

    /** The stake an operator must keep: the largest of the global, the model's and the pool's minimum. */
    public BigInteger requiredSelfStake(Pool pool) {
        BigInteger req = Amounts.big(params().getMinOperatorStake()).max(pool.minSelfStake());
        ModelInfo m = findModel(pool.state().getModelId());
        return m == null ? req : req.max(Amounts.big(m.getRequiredStake()));
    }

    /** Tier by total stake [InfraMind]: the number of thresholds the stake reaches. */
    public int tier(BigInteger totalStake) {
        int tier = 0;
        for (java.math.BigDecimal t : params().getTierThresholds()) {
            if (totalStake.compareTo(Amounts.big(t)) >= 0) tier++;
        }
        return tier;
    }

    public SlashRule rule(SlashReason reason) {
        return params().getSlashSchedule().stream().filter(r -> r.getReason() == reason).findFirst().orElse(null);
    }
}
