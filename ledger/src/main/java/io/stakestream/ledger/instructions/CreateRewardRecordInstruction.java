package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.RewardRecordState;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;

/** Commits an epoch's merkle root [Inference.net CreateRewardRecord]; once per epoch, after it closed. */
final class CreateRewardRecordInstruction implements Instruction<CreateRewardRecord> {
    @Override
    public void apply(CreateRewardRecord body, Tx tx) {
        Guards.networkCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.REWARD, tx.actor());
        Rejected.unless(body.getEpoch() < n.epoch(), RejectReason.WRONG_EPOCH,
                "epoch " + body.getEpoch() + " is not closed yet on this partition (now " + n.epoch() + ")");
        Rejected.unless(body.getRoot().remaining() == 32, RejectReason.INVALID_ARGUMENT, "a merkle root is 32 bytes");
        String key = Keys.epoch(body.getEpoch());
        Rejected.unless(tx.get(Table.REWARD_RECORDS, key) == null, RejectReason.ALREADY_ACCRUED,
                "epoch " + body.getEpoch() + " already has a reward record");
        tx.put(Table.REWARD_RECORDS, key, RewardRecordState.newBuilder()
                .setEpoch(body.getEpoch()).setRoot(body.getRoot()).setLeafCount(body.getLeafCount())
                .setTotalTokens(Amounts.dec(Amounts.nonNegative(body.getTotalTokens(), "totalTokens")))
                .setTotalUsdc(Amounts.dec(Amounts.nonNegative(body.getTotalUsdc(), "totalUsdc")))
                .setCommittedAt(tx.now()).build());
        tx.event(null, null, null, null, null, "reward record for epoch " + body.getEpoch() + " committed");
    }
}
