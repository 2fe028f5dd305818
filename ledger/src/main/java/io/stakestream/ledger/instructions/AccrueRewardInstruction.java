package io.stakestream.ledger.instructions;

import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.RewardRecordState;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.ProofVerifier;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Accrues a pool's reward with a merkle proof against the epoch's committed root [Inference.net
 * AccrueReward, permissionless], within the partition's budget of the record. Claimable only
 * after the reward delay [Function Network].
 */
final class AccrueRewardInstruction implements Instruction<AccrueReward> {
    private final ProofVerifier proofs;

    AccrueRewardInstruction(ProofVerifier proofs) {
        this.proofs = proofs;
    }

    @Override
    public void apply(AccrueReward body, Tx tx) {
        Guards.poolCommand(tx);
        accrueLeaf(proofs, tx.pool(), body.getEpoch(), Accrual.amount(body.getTokens(), "tokens"),
                Accrual.amount(body.getUsdc(), "usdc"), body.getProof(), tx, "reward for epoch " + body.getEpoch() + " accrued");
    }

    /** Checks a published leaf against its epoch's root and accrues it; shared with the cluster claim. */
    static void accrueLeaf(ProofVerifier proofs, Pool pool, long epoch, BigInteger tokens, BigInteger usdc, List<ByteBuffer> proof,
                           Tx tx, String note) {
        Network n = tx.initializedNetwork();
        RewardRecordState record = Accrual.claimableRecord(n, epoch, tx);
        Rejected.unless(proofs.verify(record.getRoot(), epoch, pool.id(), tokens, usdc, proof),
                RejectReason.BAD_PROOF, "the proof does not lead to epoch " + epoch + "'s root: use the published proof");
        Accrual.proven(pool, record, tokens, usdc, tx, note);
    }
}
