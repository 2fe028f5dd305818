package io.stakestream.ledger;

import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.RejectReason;

/** Checks several instructions share. */
public final class Guards {
    private Guards() {}

    public static void poolAdmin(Pool pool, Tx tx) {
        Rejected.unless(pool.isAdmin(tx.actor()), RejectReason.UNAUTHORIZED,
                "only the admin of pool '" + pool.id() + "' may do this: sign with the pool admin's key");
    }

    public static void networkCommand(Tx tx) {
        Rejected.unless(Keys.NETWORK.equals(tx.ctx().poolId()), RejectReason.INVALID_ARGUMENT,
                tx.ctx().command() + " is network-wide: send it with pool id \"*\" to every partition");
    }

    public static void poolCommand(Tx tx) {
        Rejected.unless(!Keys.NETWORK.equals(tx.ctx().poolId()), RejectReason.INVALID_ARGUMENT,
                tx.ctx().command() + " names a pool: \"*\" is reserved for network-wide commands");
    }

    /** The halted operator may not stake, unstake, claim or withdraw; everyone else still may leave. */
    public static void notHaltedOperator(Pool pool, Tx tx) {
        boolean operatorSide = pool.isOperator(tx.actor()) || pool.isAdmin(tx.actor());
        Rejected.unless(!(pool.state().getHalted() && operatorSide), RejectReason.HALTED,
                "pool '" + pool.id() + "' is halted: its operator cannot move funds until the halt authority resumes it");
    }

    public static void notClosed(Pool pool) {
        Rejected.unless(pool.status() != PoolStatus.CLOSED, RejectReason.POOL_CLOSED, "pool '" + pool.id() + "' is closed");
    }

    public static void withdrawalsOpen(Tx tx) {
        Rejected.unless(!tx.initializedNetwork().params().getWithdrawalsHalted(), RejectReason.NETWORK_HALTED,
                "withdrawals are halted network-wide by the admin; try again after they resume");
    }

    private static void networkStakingOpen(Tx tx) {
        Rejected.unless(!tx.initializedNetwork().params().getStakingHalted(), RejectReason.NETWORK_HALTED,
                "staking is halted network-wide by the admin; try again after it resumes");
    }

    /** Unstaking stops under either network halt [Inference.net Unstake: staking and withdrawals]. */
    public static void unstakingOpen(Tx tx) {
        networkStakingOpen(tx);
        withdrawalsOpen(tx);
    }

    /** While a slash against the pool is proposed, what it may reach stays where it is. */
    public static void noSlashProposed(Pool pool, String what) {
        Rejected.unless(!pool.slashProposed(), RejectReason.SLASH_PROPOSED,
                "a slash against pool '" + pool.id() + "' is proposed: " + what + " waits until it is executed or cancelled");
    }

    public static void stakingOpen(Tx tx, Pool pool) {
        networkStakingOpen(tx);
        notClosed(pool);
        Rejected.unless(pool.open(), RejectReason.POOL_NOT_ACTIVE,
                "pool '" + pool.id() + "' is " + pool.status().name().toLowerCase() + " and takes no new stake");
        Rejected.unless(!pool.state().getHalted(), RejectReason.HALTED, "pool '" + pool.id() + "' is halted and takes no new stake");
    }
}
