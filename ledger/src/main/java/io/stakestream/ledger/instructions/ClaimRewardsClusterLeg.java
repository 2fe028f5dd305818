package io.stakestream.ledger.instructions;

import io.stakestream.avro.ClaimRewardsCluster;
import io.stakestream.avro.ClusterLeaf;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.ProofVerifier;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.util.Comparator;
import java.util.List;

/**
 * One pool's leg of a cluster claim, on the pool's own partition: the signer must operate this
 * pool too; its leaves accrue in epoch order like any proven accrual (budget, delay, order, the
 * epoch's rates). Epochs that already accrued (by the builder's AccrueReward, say) are skipped;
 * any other refusal refuses the whole leg for this pool, which can then be claimed alone.
 */
public final class ClaimRewardsClusterLeg implements Instruction<ClaimRewardsCluster> {
    private final ProofVerifier proofs;

    public ClaimRewardsClusterLeg(ProofVerifier proofs) {
        this.proofs = proofs;
    }

    @Override
    public void apply(ClaimRewardsCluster body, Tx tx) {
        tx.initializedNetwork();
        Pool pool = tx.pool();
        requireOperates(pool, tx);
        String once = Keys.clusterLeg(pool.id(), tx.ctx().commandId());
        Rejected.unless(tx.get(Table.MARKS, once) == null, RejectReason.REPLAY,
                "cluster claim " + tx.ctx().commandId() + " already applied to pool '" + pool.id() + "'");
        tx.put(Table.MARKS, once, tx.now());
        List<ClusterLeaf> leaves = body.getLeaves().stream().filter(l -> l.getPoolId().equals(pool.id()))
                .sorted(Comparator.comparingLong(ClusterLeaf::getEpoch)).toList();
        int accrued = 0;
        for (ClusterLeaf leaf : leaves) {
            if (tx.get(Table.MARKS, Keys.accrued(pool.id(), leaf.getEpoch())) != null) continue;
            AccrueRewardInstruction.accrueLeaf(proofs, tx.pool(), leaf.getEpoch(), Accrual.amount(leaf.getTokens(), "tokens"),
                    Accrual.amount(leaf.getUsdc(), "usdc"), leaf.getProof(), tx, "cluster claim: reward for epoch " + leaf.getEpoch() + " accrued");
            accrued++;
        }
        tx.event(tx.pool(), null, null, null, null, "cluster claim " + tx.ctx().commandId() + ": " + accrued + " of " + leaves.size()
                + " epoch(s) accrued for pool '" + pool.id() + "', the rest had accrued already");
    }

    /** The account operates the pool: its operator record's owner or its admin. */
    static void requireOperates(Pool pool, Tx tx) {
        Rejected.unless(pool.isOperator(tx.actor()) || pool.isAdmin(tx.actor()), RejectReason.UNAUTHORIZED,
                "account does not operate pool '" + pool.id() + "': a cluster claim covers only the pools the signer operates");
    }
}
