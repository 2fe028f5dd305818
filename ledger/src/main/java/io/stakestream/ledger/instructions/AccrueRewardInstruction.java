package io.stakestream.ledger.instructions;

import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.RewardRecordState;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.ProofVerifier;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/**
 * Accrues a pool's reward with a merkle proof against the epoch's committed root [Inference.net
 * AccrueReward, permissionless]. Claimable only after the reward delay [Function Network].
 */
final class AccrueRewardInstruction implements Instruction<AccrueReward> {
    private final ProofVerifier proofs;

    AccrueRewardInstruction(ProofVerifier proofs) {
        this.proofs = proofs;
    }

    @Override
    public void apply(AccrueReward body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        RewardRecordState record = tx.get(Table.REWARD_RECORDS, Keys.epoch(body.getEpoch()));
        Rejected.unless(record != null, RejectReason.UNKNOWN_EPOCH, "epoch " + body.getEpoch() + " has no reward record yet");
        long claimableFrom = body.getEpoch() + 1 + n.params().getRewardDelayEpochs();
        Rejected.unless(n.epoch() >= claimableFrom, RejectReason.COOLDOWN_NOT_OVER,
                "rewards of epoch " + body.getEpoch() + " accrue from epoch " + claimableFrom + " (reward delay)");
        Pool pool = tx.pool();
        BigInteger tokens = Accrual.amount(body.getTokens(), "tokens");
        BigInteger usdc = Accrual.amount(body.getUsdc(), "usdc");
        Rejected.unless(proofs.verify(record.getRoot(), body.getEpoch(), pool.id(), tokens, usdc, body.getProof()),
                RejectReason.BAD_PROOF, "the proof does not lead to epoch " + body.getEpoch() + "'s root: use the published proof");
        Accrual.fromRecord(record, tokens, usdc, n, tx);
        Accrual.accrue(pool, body.getEpoch(), tokens, usdc, tx, "reward for epoch " + body.getEpoch() + " accrued");
    }
}
