package io.stakestream.ledger;

import io.stakestream.avro.PastCommission;
import io.stakestream.avro.PoolState;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pool is still owed by closed epochs, and the commission rates those epochs were earned
 * at. An epoch is owed when the pool earned in it (summarized active at the close, or its jobs
 * earned USDC): the reward-builder gives such a pool a leaf, so the pool knows it has one coming.
 * Owed epochs pay in epoch order, each once; the list holds only closed epochs not yet paid, and
 * the rates only what those epochs need, so both stay as short as the reward delay.
 */
public final class PoolRewards {
    /** Token and USDC commission in basis points. */
    public record Rates(int tokenBps, int usdcBps) {}

    private final PoolState s;

    PoolRewards(PoolState s) {
        this.s = s;
    }

    private List<Long> owed() {
        if (!(s.getOwedEpochs() instanceof ArrayList)) s.setOwedEpochs(new ArrayList<>(s.getOwedEpochs()));
        return s.getOwedEpochs();
    }

    private List<PastCommission> past() {
        if (!(s.getPastCommissions() instanceof ArrayList)) s.setPastCommissions(new ArrayList<>(s.getPastCommissions()));
        return s.getPastCommissions();
    }

    /** The oldest owed epoch, or -1 when nothing is owed. */
    public long oldestOwed() {
        return s.getOwedEpochs().isEmpty() ? -1 : s.getOwedEpochs().get(0);
    }

    public boolean owes(long epoch) {
        return s.getOwedEpochs().contains(epoch);
    }

    /** The pool earned in this (just closed) epoch. */
    public void owe(long epoch) {
        owed().add(epoch);
    }

    /** The epoch's reward landed: it is no longer owed, and rates nobody needs any more go. */
    public void paid(long epoch) {
        owed().remove(Long.valueOf(epoch));
        prune();
    }

    /** The rates in force for epochs up to untilEpoch, about to be replaced by a change taking effect after it. */
    void keepRates(long untilEpoch, int tokenBps, int usdcBps) {
        past().add(PastCommission.newBuilder().setUntilEpoch(untilEpoch).setTokenCommissionBps(tokenBps).setUsdcCommissionBps(usdcBps).build());
        prune();
    }

    /** The commission rates in force during this epoch: the first kept rate covering it, else today's. */
    public Rates ratesOf(long epoch) {
        for (PastCommission c : s.getPastCommissions()) {
            if (epoch <= c.getUntilEpoch()) return new Rates(c.getTokenCommissionBps(), c.getUsdcCommissionBps());
        }
        return new Rates(s.getTokenCommissionBps(), s.getUsdcCommissionBps());
    }

    /** Drops rates of epochs before the oldest owed one: no reward can accrue at them any more. */
    private void prune() {
        long oldest = oldestOwed();
        if (s.getPastCommissions().isEmpty()) return;
        past().removeIf(c -> oldest < 0 || c.getUntilEpoch() < oldest);
    }
}
