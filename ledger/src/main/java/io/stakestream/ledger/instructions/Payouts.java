package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.Payout;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;

/** The payout a custody acknowledgement names: on this pool, issued, and still unsettled. */
final class Payouts {
    private Payouts() {}

    static Payout unsettled(String payoutId, Tx tx) {
        Guards.poolCommand(tx);
        tx.initializedNetwork().requireRole(AuthorityRole.CUSTODY, tx.actor());
        String poolId = Keys.payoutPool(payoutId);
        Rejected.unless(poolId != null, RejectReason.UNKNOWN_PAYOUT, "'" + payoutId + "' is not a payout id (\"<pool>#<n>\")");
        Rejected.unless(poolId.equals(tx.ctx().poolId()), RejectReason.INVALID_ARGUMENT,
                "payout " + payoutId + " belongs to pool '" + poolId + "': send the acknowledgement keyed by that pool");
        Payout payout = tx.get(Table.PAYOUTS, payoutId);
        if (payout == null) {
            var pool = tx.pool();
            boolean issued = Keys.payoutSeq(payoutId) < pool.state().getNextPayoutSeq();
            Rejected.unless(!issued, RejectReason.PAYOUT_ALREADY_SETTLED,
                    "payout " + payoutId + " was settled or failed already: each payout is acknowledged once");
            throw new Rejected(RejectReason.UNKNOWN_PAYOUT, "pool '" + poolId + "' never issued payout " + payoutId);
        }
        return payout;
    }
}
