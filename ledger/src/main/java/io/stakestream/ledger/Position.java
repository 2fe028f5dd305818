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

    public boolean empty() {
        return shares().signum() == 0 && pending().isEmpty() && usdcOwed().signum() == 0 && entries().isEmpty();
    }
}
