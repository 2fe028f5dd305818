package io.stakestream.ledger.instructions;

import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import java.math.BigInteger;

/**
 * When the operator's staking record may move to another record [Inference.net
 * ChangeOperatorStakingRecord]: not while the pool is halted or a slash against it is proposed,
 * and only to a record that holds the minimum self-stake, so the operator cannot walk away from
 * an active pool or leave a slash nothing to take.
 */
final class OperatorRecord {
    private OperatorRecord() {}

    static void checkMove(Pool pool, Network n, Position next) {
        Rejected.unless(!pool.state().getHalted(), RejectReason.HALTED,
                "pool '" + pool.id() + "' is halted: its operator's record stays where it is until the halt authority resumes it");
        Guards.noSlashProposed(pool, "moving the operator's staking record");
        BigInteger value = pool.valueOf(next.shares());
        BigInteger required = n.requiredSelfStake(pool);
        Rejected.unless(value.compareTo(required) >= 0, RejectReason.BELOW_MINIMUM_STAKE,
                "the new operator record holds " + value + " of the " + required + " an operator must stake: stake into it first");
    }
}
