package io.stakestream.ledger.instructions;

import io.stakestream.avro.ClaimUnstakeToFreeBalance;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Tx;

/** The signer's finished unstakes go to its free balance, not out: it may stake them again or withdraw later. */
final class ClaimUnstakeToFreeBalanceInstruction implements Instruction<ClaimUnstakeToFreeBalance> {
    @Override
    public void apply(ClaimUnstakeToFreeBalance body, Tx tx) {
        ClaimUnstakeInstruction.claim(tx.actor(), true, tx);
    }
}
