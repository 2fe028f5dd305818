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
import java.util.HashSet;
import java.util.Set;

/**
 * Commits an epoch's merkle root [Inference.net CreateRewardRecord]; once per epoch, after it
 * closed, with a budget per partition of the commands topic that every accrual on it draws on.
 * Refused INSUFFICIENT_REWARD_FUNDS when this partition's reward vault cannot cover its budget.
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
        PartitionBudget own = ownBudget(body, totalTokens, totalUsdc, tx);
        // the vault sets the budget aside now, so the accruals it allows are already paid for
        n.commit(Amounts.big(own.getTokens()), Amounts.big(own.getUsdc()));
        tx.saveNetwork();
        tx.put(Table.REWARD_RECORDS, key, RewardRecordState.newBuilder()
                .setEpoch(body.getEpoch()).setRoot(body.getRoot()).setLeafCount(body.getLeafCount())
                .setTotalTokens(Amounts.dec(totalTokens)).setTotalUsdc(Amounts.dec(totalUsdc))
                .setCommittedAt(tx.now())
                .setBudgetTokens(own.getTokens()).setBudgetUsdc(own.getUsdc())
                .setAccruedTokens(Amounts.zero()).setAccruedUsdc(Amounts.zero()).build());
        tx.event(null, null, null, null, null, "reward record for epoch " + body.getEpoch() + " committed; partition "
                + tx.ctx().partition() + " may accrue " + own.getTokens().toPlainString() + " tokens and " + own.getUsdc().toPlainString() + " USDC");
    }

    /**
     * The record's budget for this partition. The budgets name distinct partitions of the commands
     * topic and add up exactly to the totals, so the partitions together can never pay out more
     * than the root states; a partition the record does not name may accrue nothing.
     */
    private static PartitionBudget ownBudget(CreateRewardRecord body, BigInteger totalTokens, BigInteger totalUsdc, Tx tx) {
        int partitions = tx.ctx().partitions();
        Set<Integer> seen = new HashSet<>();
        BigInteger tokens = BigInteger.ZERO;
        BigInteger usdc = BigInteger.ZERO;
        PartitionBudget own = new PartitionBudget(tx.ctx().partition(), Amounts.zero(), Amounts.zero());
        for (PartitionBudget b : body.getPartitionBudgets()) {
            Rejected.unless(b.getPartition() >= 0 && b.getPartition() < partitions && seen.add(b.getPartition()), RejectReason.INVALID_ARGUMENT,
                    "partition budgets must name distinct partitions 0.." + (partitions - 1) + "; got partition " + b.getPartition() + " again or out of range");
            tokens = tokens.add(Amounts.nonNegative(b.getTokens(), "partition budget tokens"));
            usdc = usdc.add(Amounts.nonNegative(b.getUsdc(), "partition budget usdc"));
            if (b.getPartition() == tx.ctx().partition()) own = b;
        }
        Rejected.unless(tokens.equals(totalTokens) && usdc.equals(totalUsdc), RejectReason.INVALID_ARGUMENT,
                "partition budgets add up to " + tokens + " tokens and " + usdc + " USDC, not the record's totals " + totalTokens + " and "
                        + totalUsdc + ": give every partition the sum of its pools' leaves");
        return own;
    }
}
