package io.stakestream.ledger.instructions;

import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/** Rules for stake that is not the operator's own [Inference.net, InfraMind caps, Prover min self-stake]. */
final class Delegation {
    private Delegation() {}

    /** What every new stake passes, by Stake or by cancelling an unstake: an open pool, and for anyone but the operator the delegation rules. */
    static void admit(Pool pool, Network n, Tx tx, BigInteger amount) {
        admit(pool, n, tx, amount, tx.actor());
    }

    /** The same for a stake on staker's behalf (custody's Deposit with stake). */
    static void admit(Pool pool, Network n, Tx tx, BigInteger amount, java.nio.ByteBuffer staker) {
        Guards.stakingOpen(tx, pool);
        if (!pool.isOperator(staker)) check(pool, n, tx, amount);
    }

    private static void check(Pool pool, Network n, Tx tx, BigInteger amount) {
        Rejected.unless(pool.state().getDelegationEnabled(), RejectReason.DELEGATION_DISABLED,
                "pool '" + pool.id() + "' does not take delegations");
        BigInteger operatorValue = operatorValue(pool, tx);
        BigInteger required = n.requiredSelfStake(pool);
        Rejected.unless(operatorValue.compareTo(required) >= 0, RejectReason.BELOW_MINIMUM_STAKE,
                "the operator holds " + operatorValue + " of the " + required + " it must stake before taking delegations");
        if (pool.state().getDelegationCap() != null) {
            BigInteger delegated = pool.stakeIncludingEntries().subtract(operatorValue);
            BigInteger cap = Amounts.big(pool.state().getDelegationCap());
            Rejected.unless(delegated.add(amount).compareTo(cap) <= 0, RejectReason.DELEGATION_CAP_EXCEEDED,
                    "pool '" + pool.id() + "' caps delegation at " + cap + "; " + delegated + " is delegated already");
        }
    }

    static BigInteger operatorValue(Pool pool, Tx tx) {
        Position op = tx.findPosition(pool, pool.operatorAccount());
        return op == null ? BigInteger.ZERO : pool.valueOf(op.shares());
    }
}
