package io.stakestream.ledger.instructions;

import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.PendingUnstake;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Unstake;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Times;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/**
 * Starts an unstake [Inference.net Unstake, Prover requestUnstake]: burns shares at the current
 * price and queues the tokens for the cooldown, measured on the broker's clock. The pending tokens
 * earn nothing and stay slashable. At most maxPendingUnstakes per position.
 */
final class UnstakeInstruction implements Instruction<Unstake> {
    @Override
    public void apply(Unstake body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        GlobalParameters params = n.params();
        Guards.unstakingOpen(tx);
        Pool pool = tx.pool();
        Guards.notHaltedOperator(pool, tx);
        Position position = tx.position(pool, tx.actor());
        pool.settle(position); // converted entries become shares it can unstake
        Rejected.unless((body.getShares() == null) != (body.getAmount() == null), RejectReason.INVALID_ARGUMENT,
                "give exactly one of shares or amount");
        Rejected.unless(n.epoch() >= position.state().getLockedUntilEpoch(), RejectReason.LOCKED,
                "stake is locked until epoch " + position.state().getLockedUntilEpoch() + " (minimum epochs locked); now " + n.epoch());
        Rejected.unless(position.pending().size() < params.getMaxPendingUnstakes(), RejectReason.TOO_MANY_PENDING,
                "this position already has " + position.pending().size() + " pending unstakes: claim or cancel one first");
        BigInteger amount;
        BigInteger shares;
        if (body.getShares() != null) {
            shares = Amounts.positive(body.getShares(), "shares");
            Rejected.unless(position.shares().compareTo(shares) >= 0, RejectReason.INSUFFICIENT_SHARES,
                    "position holds " + position.shares() + " shares, fewer than the " + shares + " asked");
            amount = pool.valueOf(shares);
            Rejected.unless(amount.signum() > 0, RejectReason.ZERO_AMOUNT, shares + " shares are worth nothing: unstake more");
            checkOperatorMinimum(pool, n, tx, position, amount);
            pool.burn(position, shares);
        } else {
            amount = Amounts.positive(body.getAmount(), "unstake amount");
            checkOperatorMinimum(pool, n, tx, position, amount);
            shares = pool.burnForAmount(position, amount);
        }
        long cooldown = pool.isOperator(tx.actor()) ? params.getOperatorCooldownSeconds() : params.getDelegatorCooldownSeconds();
        PendingUnstake entry = pool.queueUnstake(position, amount, tx.now(), Times.after(tx.now(), cooldown));
        tx.save(pool);
        tx.save(position);
        tx.event(pool, position, amount, shares, null, "unstake #" + entry.getId() + " available at " + entry.getAvailableAt());
    }

    /** While the pool is active the operator keeps at least its minimum stake [Inference.net, Prover]. */
    private static void checkOperatorMinimum(Pool pool, Network n, Tx tx, Position position, BigInteger amount) {
        if (!pool.isOperator(tx.actor()) || pool.status() != PoolStatus.ACTIVE) return;
        BigInteger left = pool.valueOf(position.shares()).subtract(amount);
        BigInteger required = n.requiredSelfStake(pool);
        Rejected.unless(left.compareTo(required) >= 0, RejectReason.BELOW_MINIMUM_STAKE,
                "the operator must keep " + required + " staked while the pool is active (would keep " + left.max(BigInteger.ZERO)
                        + "); retire or close the pool to leave");
    }
}
