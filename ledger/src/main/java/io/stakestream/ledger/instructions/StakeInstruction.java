package io.stakestream.ledger.instructions;

import io.stakestream.avro.Stake;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * Stakes tokens from the signer's free balance (what custody deposited), minting shares at the
 * current price [Inference.net Stake]; refused INSUFFICIENT_BALANCE beyond it. Delegation needs
 * delegation on, room under the cap, and an operator at or above its minimum stake. While the pool
 * is still owed a closed epoch's reward the tokens wait as an entry (no sniping).
 */
final class StakeInstruction implements Instruction<Stake> {
    @Override
    public void apply(Stake body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        Pool pool = tx.pool();
        BigInteger amount = Amounts.positive(body.getAmount(), "stake amount");
        Position position = tx.position(pool, tx.actor());
        BigInteger minted = stake(pool, position, tx.actor(), amount, n, tx);
        tx.save(pool);
        tx.save(position);
        tx.event(pool, position, amount, minted, null, minted.signum() > 0 ? "staked"
                : "staked; held as an entry of epoch " + n.epoch() + " until epoch " + pool.rewards().oldestOwed() + "'s reward lands");
    }

    /** The staking rules, shared with a Deposit that stakes; returns the shares minted (0 while held as an entry). */
    static BigInteger stake(Pool pool, Position position, ByteBuffer staker, BigInteger amount, Network n, Tx tx) {
        Delegation.admit(pool, n, tx, amount, staker);
        BigInteger minted = pool.stakeOrHold(position, amount, n.epoch(), n.params().getMaxPendingUnstakes());
        position.state().setLockedUntilEpoch(Math.max(position.state().getLockedUntilEpoch(), n.epoch() + n.params().getMinEpochsLocked()));
        return minted;
    }
}
