package io.stakestream.ledger.instructions;

import io.stakestream.avro.ClaimRewardsCluster;
import io.stakestream.avro.ClusterLeaf;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Ledger;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Function Network's claimRewardsCluster: an account claims an epoch range for every pool it
 * operates. The pools may live on other partitions, so the partition of the pool the claim is
 * keyed by checks it and routes one leg per named pool back into the commands log, keyed by that
 * pool, in the same transaction (exactly once); each pool's partition then accrues its leaves
 * ({@link ClaimRewardsClusterLeg}) and reports for that pool alone.
 */
final class ClaimRewardsClusterInstruction implements Instruction<ClaimRewardsCluster> {
    @Override
    public void apply(ClaimRewardsCluster body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        Pool home = tx.pool();
        ClaimRewardsClusterLeg.requireOperates(home, tx);
        Rejected.unless(body.getFromEpoch() >= 0 && body.getFromEpoch() <= body.getToEpoch(), RejectReason.INVALID_ARGUMENT,
                "the epoch range must run from a non-negative epoch up to a later or the same one");
        long claimableThrough = n.epoch() - 1 - n.params().getRewardDelayEpochs();
        Rejected.unless(body.getToEpoch() <= claimableThrough, RejectReason.COOLDOWN_NOT_OVER,
                "rewards can be claimed up to epoch " + claimableThrough + " (current epoch minus the reward delay); the range ends at " + body.getToEpoch());
        Rejected.unless(!body.getLeaves().isEmpty(), RejectReason.INVALID_ARGUMENT,
                "name each pool's published leaves and proofs for the range");
        Set<String> pools = new LinkedHashSet<>();
        for (ClusterLeaf leaf : body.getLeaves()) {
            Rejected.unless(leaf.getEpoch() >= body.getFromEpoch() && leaf.getEpoch() <= body.getToEpoch(), RejectReason.INVALID_ARGUMENT,
                    "pool '" + leaf.getPoolId() + "' epoch " + leaf.getEpoch() + " is outside the claimed range");
            int bytes = leaf.getPoolId().getBytes(StandardCharsets.UTF_8).length;
            Rejected.unless(bytes > 0 && bytes <= Ledger.MAX_POOL_ID_BYTES, RejectReason.INVALID_ARGUMENT, "a leaf names an invalid pool id");
            pools.add(leaf.getPoolId());
        }
        pools.forEach(tx::route);
        tx.event(home, null, null, null, null, "cluster claim of epochs " + body.getFromEpoch() + ".." + body.getToEpoch()
                + " routed to " + pools.size() + " pool(s): " + String.join(", ", pools));
    }
}
