package io.stakestream.ledger;

import io.stakestream.avro.PendingUnstake;
import io.stakestream.avro.PositionState;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

/** A staking record: shares in one pool, its USDC checkpoint and its pending unstakes. */
public final class Position {
    private final PositionState state;

    Position(PositionState state) {
        this.state = state;
        // Avro's decoded arrays do not support removal by element; the queue needs it
        if (!(state.getPending() instanceof java.util.ArrayList)) state.setPending(new java.util.ArrayList<>(state.getPending()));
        if (!(state.getEntries() instanceof java.util.ArrayList)) state.setEntries(new java.util.ArrayList<>(state.getEntries()));
    }

    /** A record read from state outside a pool's context (deposits ahead of a pool's creation). */
    public static Position restore(PositionState state) {
        return new Position(state);
    }

    public static Position open(String poolId, ByteBuffer account, long now) {
        return new Position(PositionState.newBuilder()
                .setPoolId(poolId).setAccount(account).setShares(Amounts.zero())
                .setUsdcCheckpoint(Amounts.zero()).setUsdcOwed(Amounts.zero())
                .setPending(new java.util.ArrayList<>()).setEntries(new java.util.ArrayList<>()).setCreatedAt(now).build());
    }

    public PositionState state() {
        return state;
    }

    public String poolId() {
        return state.getPoolId();
    }

    public ByteBuffer account() {
        return state.getAccount();
    }

    public BigInteger shares() {
        return Amounts.big(state.getShares());
    }

    void shares(BigInteger shares) {
        state.setShares(Amounts.dec(shares));
    }

    public BigInteger usdcOwed() {
        return Amounts.big(state.getUsdcOwed());
    }

    void usdcOwed(BigInteger owed) {
        state.setUsdcOwed(Amounts.dec(owed));
    }

    public BigInteger usdcCheckpoint() {
        return Amounts.big(state.getUsdcCheckpoint());
    }

    void usdcCheckpoint(BigInteger index) {
        state.setUsdcCheckpoint(Amounts.dec(index));
    }

    public List<PendingUnstake> pending() {
        return state.getPending();
    }

    /** Stake waiting in entry buckets for an owed reward to land. */
    public List<io.stakestream.avro.PendingEntry> entries() {
        return state.getEntries();
    }

    /** The free (deposited, unstaked) balance of an asset. */
    public BigInteger free(io.stakestream.avro.Asset asset) {
        return Amounts.big(asset == io.stakestream.avro.Asset.TOKEN ? state.getFreeTokens() : state.getFreeUsdc());
    }

    /** Credits a free balance outside any pool (a deposit ahead of the pool's creation). */
    public void creditUnpooled(io.stakestream.avro.Asset asset, BigInteger amount) {
        free(asset, free(asset).add(amount));
    }

    void free(io.stakestream.avro.Asset asset, BigInteger amount) {
        if (asset == io.stakestream.avro.Asset.TOKEN) state.setFreeTokens(Amounts.dec(amount));
        else state.setFreeUsdc(Amounts.dec(amount));
    }

    public boolean empty() {
        return shares().signum() == 0 && pending().isEmpty() && usdcOwed().signum() == 0
                && free(io.stakestream.avro.Asset.TOKEN).signum() == 0 && free(io.stakestream.avro.Asset.USDC).signum() == 0 && entries().isEmpty();
    }
}
