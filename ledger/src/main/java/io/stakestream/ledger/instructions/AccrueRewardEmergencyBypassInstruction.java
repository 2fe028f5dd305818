package io.stakestream.ledger.instructions;

import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Tx;

/**
 * Accrues a reward to a pool left out of an epoch's reward record [Inference.net
 * AccrueRewardEmergencyBypass]; only a reward authority, still once per (pool, epoch).
 */
final class AccrueRewardEmergencyBypassInstruction implements Instruction<AccrueRewardEmergencyBypass> {
    @Override
    public void apply(AccrueRewardEmergencyBypass body, Tx tx) {
        Guards.poolCommand(tx);
        tx.initializedNetwork().requireRole(AuthorityRole.REWARD, tx.actor());
        ParamsCheck.arg(body.getEpoch() >= 0, "epoch must not be negative");
        java.math.BigInteger tokens = Accrual.amount(body.getTokens(), "tokens");
        java.math.BigInteger usdc = Accrual.amount(body.getUsdc(), "usdc");
        // the pool's own rules first (an epoch accrues once), then the vault: a refusal leaves both as they were
        Accrual.accrue(tx.pool(), body.getEpoch(), tokens, usdc, tx, "emergency accrual for epoch " + body.getEpoch() + ": " + body.getWhy());
        // no record covers it: it comes out of the vault's uncommitted funds, never from nothing
        tx.initializedNetwork().draw(tokens, usdc, "this emergency accrual");
        tx.saveNetwork();
    }
}
