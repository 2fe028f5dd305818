package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.PartitionBudget;
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
import java.math.BigInteger;

/**
 * Commits an epoch's merkle root [Inference.net CreateRewardRecord]; once per epoch, after it closed.
 * Refused INSUFFICIENT_REWARD_FUNDS when the reward vault cannot cover this partition's budget.
 */
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
        BigInteger totalTokens = Amounts.nonNegative(body.getTotalTokens(), "totalTokens");
        BigInteger totalUsdc = Amounts.nonNegative(body.getTotalUsdc(), "totalUsdc");
        PartitionBudget budget = budget(body, tx.ctx().partition(), totalTokens, totalUsdc);
        BigInteger tokens = Amounts.big(budget.getTokens());
        BigInteger usdc = Amounts.big(budget.getUsdc());
        n.commit(tokens, usdc);
        tx.saveNetwork();
        tx.put(Table.REWARD_RECORDS, key, RewardRecordState.newBuilder()
                .setEpoch(body.getEpoch()).setRoot(body.getRoot()).setLeafCount(body.getLeafCount())
                .setTotalTokens(Amounts.dec(totalTokens)).setTotalUsdc(Amounts.dec(totalUsdc))
                .setTokensLeft(Amounts.dec(tokens)).setUsdcLeft(Amounts.dec(usdc))
                .setCommittedAt(tx.now()).build());
        tx.event(null, null, null, null, null, "reward record for epoch " + body.getEpoch() + " committed");
    }

    /**
     * What this partition's pools may accrue from the record: its entry of the budgets, or the
     * whole totals when the record names none (the most this partition could need). The vault of
     * this partition must cover it.
     */
    private static PartitionBudget budget(CreateRewardRecord body, int partition, BigInteger tokens, BigInteger usdc) {
        for (PartitionBudget b : body.getPartitionBudgets()) {
            if (b.getPartition() == partition) {
                return new PartitionBudget(partition, Amounts.dec(Amounts.nonNegative(b.getTokens(), "budget tokens")),
                        Amounts.dec(Amounts.nonNegative(b.getUsdc(), "budget usdc")));
            }
        }
        return body.getPartitionBudgets().isEmpty() ? new PartitionBudget(partition, Amounts.dec(tokens), Amounts.dec(usdc))
                : new PartitionBudget(partition, Amounts.zero(), Amounts.zero());
    }
}
