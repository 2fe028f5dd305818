package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SlashRule;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Tx;

/**
 * A slashing authority proposes a slash with a reason and evidence [InfraMind, Prime Intellect].
 * It can execute only after the dispute window; until then the admin can cancel it.
 */
final class ProposeSlashInstruction implements Instruction<ProposeSlash> {
    @Override
    public void apply(ProposeSlash body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.SLASHING, tx.actor());
        Pool pool = tx.pool();
        ParamsCheck.arg(!body.getSlashId().isEmpty() && body.getSlashId().length() <= 64, "slash id must be 1..64 characters");
        ParamsCheck.arg(!body.getSlashId().startsWith(SlashProposals.ORACLE_PREFIX),
                "slash ids starting with '" + SlashProposals.ORACLE_PREFIX + "' are the reward oracle's: choose another id");
        Rejected.unless(body.getFractionPpm() == null || body.getAmount() == null, RejectReason.INVALID_ARGUMENT,
                "give a fraction or an amount, not both");
        Integer ppm = body.getFractionPpm();
        if (body.getAmount() != null) {
            Amounts.positive(body.getAmount(), "slash amount");
        } else if (ppm == null) {
            SlashRule rule = n.rule(body.getReason());
            Rejected.unless(rule != null, RejectReason.INVALID_ARGUMENT,
                    "no default penalty for " + body.getReason() + " in the slash schedule: give a fraction or an amount");
            ppm = rule.getFractionPpm();
        }
        if (ppm != null) {
            Rejected.unless(ppm > 0, RejectReason.ZERO_AMOUNT, "a slash must take more than 0 ppm");
            Rejected.unless(ppm <= n.params().getMaxSlashPpm(), RejectReason.SLASH_TOO_LARGE,
                    "a slash takes at most " + n.params().getMaxSlashPpm() + " ppm; split it into several slashes");
        }
        SlashProposals.open(pool, n, tx, body.getSlashId(), body.getReason(), ppm, body.getAmount(), body.getEvidence());
    }
}
