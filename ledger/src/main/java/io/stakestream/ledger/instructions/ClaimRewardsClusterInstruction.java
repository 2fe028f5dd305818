package io.stakestream.ledger.instructions;

import io.stakestream.avro.ClaimRewardsCluster;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/**
 * Function Network's claimRewardsCluster spans every pool an account operates, across partitions;
 * it belongs to the rewards stage (a fan-out by the CLI to each pool's AccrueReward). Until that
 * stage lands the ledger refuses it with a reason instead of guessing.
 */
final class ClaimRewardsClusterInstruction implements Instruction<ClaimRewardsCluster> {
    @Override
    public void apply(ClaimRewardsCluster body, Tx tx) {
        throw new Rejected(RejectReason.INVALID_ARGUMENT,
                "ClaimRewardsCluster is served by the rewards stage: accrue each pool's epochs with AccrueReward");
    }
}
