package io.stakestream.ledger.instructions;

import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Times;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;
import java.util.ArrayList;

/**
 * Changes pool settings [Inference.net UpdateOperatorPool]. Commission changes take effect from the
 * next epoch so delegators see them coming; a lower minimum self-stake waits out the global delay
 * [Prover], a higher one applies at once.
 */
final class UpdateOperatorPoolInstruction implements Instruction<UpdateOperatorPool> {
    @Override
    public void apply(UpdateOperatorPool body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        GlobalParameters params = n.params();
        Pool pool = tx.pool();
        Guards.poolAdmin(pool, tx);
        Guards.notClosed(pool);
        PoolState s = pool.state();
        if (body.getTokenCommissionBps() != null || body.getUsdcCommissionBps() != null) {
            if (body.getTokenCommissionBps() != null) s.setNextTokenCommissionBps(Commission.check(body.getTokenCommissionBps(), params));
            if (body.getUsdcCommissionBps() != null) s.setNextUsdcCommissionBps(Commission.check(body.getUsdcCommissionBps(), params));
            s.setCommissionEffectiveEpoch(n.epoch() + 1);
        }
        if (body.getDelegationEnabled() != null) s.setDelegationEnabled(body.getDelegationEnabled());
        Rejected.unless(!(body.getClearDelegationCap() && body.getDelegationCap() != null), RejectReason.INVALID_ARGUMENT,
                "either set delegationCap or clear it, not both");
        if (body.getClearDelegationCap()) s.setDelegationCap(null);
        if (body.getDelegationCap() != null) s.setDelegationCap(Amounts.dec(Amounts.nonNegative(body.getDelegationCap(), "delegationCap")));
        if (body.getAutoStakeCommission() != null) s.setAutoStakeCommission(body.getAutoStakeCommission());
        if (body.getMetadataJson() != null) {
            Metadata.check(body.getMetadataJson());
            s.setMetadataJson(body.getMetadataJson());
        }
        if (body.getOperatorAuthKeys() != null) {
            AuthorityKeys.operatorKeys(body.getOperatorAuthKeys());
            s.setOperatorAuthKeys(new ArrayList<>(body.getOperatorAuthKeys()));
        }
        if (body.getMinSelfStake() != null) {
            BigInteger next = Amounts.nonNegative(body.getMinSelfStake(), "minSelfStake");
            if (next.compareTo(pool.minSelfStake()) >= 0) {
                s.setMinSelfStake(Amounts.dec(next));
                s.setNextMinSelfStake(null);
            } else {
                s.setNextMinSelfStake(Amounts.dec(next));
                s.setMinSelfStakeEffectiveAt(Times.after(tx.now(), params.getMinStakeDecreaseDelaySeconds()));
            }
        }
        tx.save(pool);
        tx.event(pool, null, null, null, null, "pool settings updated");
    }
}
