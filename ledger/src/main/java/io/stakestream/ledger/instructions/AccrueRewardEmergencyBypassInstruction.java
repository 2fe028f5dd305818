package io.stakestream.ledger.instructions;

import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.RewardRecordState;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/**
 * Accrues a reward to a pool left out of an epoch's reward record [Inference.net
 * AccrueRewardEmergencyBypass]; only a reward authority, only for an epoch the pool is owed,
 * closed and past the reward delay, never on a halted pool. "Left out" is what the ledger can
 * check: every leaf of the record on this partition has landed (its budget is spent) and this
 * pool's epoch is still owed, so it had no leaf. It does not draw on the record's budget.
 */
final class AccrueRewardEmergencyBypassInstruction implements Instruction<AccrueRewardEmergencyBypass> {
    @Override
    public void apply(AccrueRewardEmergencyBypass body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.REWARD, tx.actor());
        long epoch = body.getEpoch();
        RewardRecordState record = Accrual.claimableRecord(n, epoch, tx);
        Pool pool = tx.pool();
        Rejected.unless(!pool.state().getHalted(), RejectReason.HALTED, "pool '" + pool.id() + "' is halted: no emergency accrual");
        Rejected.unless(pool.rewards().owes(epoch), RejectReason.NOTHING_OWED,
                "pool '" + pool.id() + "' is not owed epoch " + epoch + " (it did not earn then, or the reward already landed)");
        Rejected.unless(Accrual.budgetSpent(record), RejectReason.LEAVES_PENDING,
                "epoch " + epoch + "'s leaves on this partition have not all accrued, so this pool may have one: accrue those first, then retry");
        Accrual.accrue(pool, epoch, Accrual.amount(body.getTokens(), "tokens"), Accrual.amount(body.getUsdc(), "usdc"), tx,
                "emergency accrual for epoch " + epoch + ": " + body.getWhy());
        // no leaf covers it: it comes out of the vault's uncommitted funds, never from nothing
        n.draw(Accrual.amount(body.getTokens(), "tokens"), Accrual.amount(body.getUsdc(), "usdc"), "this emergency accrual");
        tx.saveNetwork();
    }
}
