package io.stakestream.ledger;

import io.stakestream.avro.Asset;
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
            case CUSTODY -> a.getCustody();
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

    // ---- custody and the reward vault (this partition's part) ----

    /** A deposit credited on this partition (into a pool, or ahead of its creation when unpooled). */
    public void deposited(Asset asset, BigInteger amount, boolean unpooled) {
        if (asset == Asset.TOKEN) {
            state.setTokensDeposited(Amounts.dec(Amounts.big(state.getTokensDeposited()).add(amount)));
            if (unpooled) state.setUnpooledTokens(Amounts.dec(unpooled(Asset.TOKEN).add(amount)));
        } else {
            state.setUsdcDeposited(Amounts.dec(Amounts.big(state.getUsdcDeposited()).add(amount)));
            if (unpooled) state.setUnpooledUsdc(Amounts.dec(unpooled(Asset.USDC).add(amount)));
        }
    }

    public BigInteger unpooled(Asset asset) {
        return Amounts.big(asset == Asset.TOKEN ? state.getUnpooledTokens() : state.getUnpooledUsdc());
    }

    /** A new pool takes over the free balances deposited for it before it existed. */
    public void pooled(BigInteger tokens, BigInteger usdc) {
        state.setUnpooledTokens(Amounts.dec(unpooled(Asset.TOKEN).subtract(tokens)));
        state.setUnpooledUsdc(Amounts.dec(unpooled(Asset.USDC).subtract(usdc)));
    }

    /**
     * This partition's share of a FundRewards: amount/partitions, the first amount%partitions
     * partitions one more, so the shares add up to the amount exactly and every partition's vault
     * stands alone (no partition can spend what another holds).
     */
    public static BigInteger share(BigInteger amount, int partition, int partitions) {
        BigInteger[] qr = amount.divideAndRemainder(BigInteger.valueOf(partitions));
        return BigInteger.valueOf(partition).compareTo(qr[1]) < 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    public void fund(BigInteger tokens, BigInteger usdc) {
        state.setTokensFunded(Amounts.dec(Amounts.big(state.getTokensFunded()).add(tokens)));
        state.setUsdcFunded(Amounts.dec(Amounts.big(state.getUsdcFunded()).add(usdc)));
        state.setVaultTokens(Amounts.dec(vault(Asset.TOKEN).add(tokens)));
        state.setVaultUsdc(Amounts.dec(vault(Asset.USDC).add(usdc)));
    }

    /** Uncommitted funds of the vault. */
    public BigInteger vault(Asset asset) {
        return Amounts.big(asset == Asset.TOKEN ? state.getVaultTokens() : state.getVaultUsdc());
    }

    /**
     * Commits vault funds to a reward record, which holds them until they accrue (its budget less what
     * accrued: {@link Books}); refused when the vault cannot cover them.
     */
    public void commit(BigInteger tokens, BigInteger usdc) {
        draw(tokens, usdc, "the reward record");
    }

    /** Takes uncommitted funds (an emergency accrual); refused beyond them. */
    public void draw(BigInteger tokens, BigInteger usdc, String what) {
        Rejected.unless(vault(Asset.TOKEN).compareTo(tokens) >= 0 && vault(Asset.USDC).compareTo(usdc) >= 0,
                RejectReason.INSUFFICIENT_REWARD_FUNDS, "the reward vault on this partition holds " + vault(Asset.TOKEN)
                        + " tokens and " + vault(Asset.USDC) + " USDC uncommitted, less than " + what + " needs ("
                        + tokens + " tokens, " + usdc + " USDC): custody must FundRewards first");
        state.setVaultTokens(Amounts.dec(vault(Asset.TOKEN).subtract(tokens)));
        state.setVaultUsdc(Amounts.dec(vault(Asset.USDC).subtract(usdc)));
    }

    /** Slashed tokens redistributed to honest pools wait in the vault for the next epoch's emission. */
    public void redistribute(BigInteger tokens) {
        state.setVaultTokens(Amounts.dec(vault(Asset.TOKEN).add(tokens)));
    }

    public SlashRule rule(SlashReason reason) {
        return params().getSlashSchedule().stream().filter(r -> r.getReason() == reason).findFirst().orElse(null);
    }
}
