package io.stakestream.ledger.instructions;

import static io.stakestream.ledger.Amounts.PPM;

import io.stakestream.avro.Asset;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashProposal;
import io.stakestream.avro.SlashRule;
import io.stakestream.avro.SlashSplit;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Times;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/**
 * Executes a proposed slash once its dispute window is over (and, when the network asks for it,
 * once the pool has been halted for the slashing delay [Inference.net]). The policy decides who
 * pays; the slashed tokens are split burn / redistribute / return / treasury and add up exactly.
 * Reads and writes a fixed number of records whatever the number of delegators.
 */
final class ExecuteSlashInstruction implements Instruction<ExecuteSlash> {
    @Override
    public void apply(ExecuteSlash body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.SLASHING, tx.actor());
        GlobalParameters params = n.params();
        Pool pool = tx.pool();
        SlashProposal proposal = SlashProposals.find(pool, body.getSlashId(), tx);
        Rejected.unless(n.epoch() >= proposal.getExecutableEpoch() && tx.now() >= proposal.getExecutableAt(),
                RejectReason.DISPUTE_WINDOW_OPEN, "the dispute window runs until epoch " + proposal.getExecutableEpoch()
                        + " (now " + n.epoch() + ") and time " + proposal.getExecutableAt() + " (now " + tx.now() + ")");
        if (params.getRequireHaltBeforeSlash()) {
            Rejected.unless(pool.state().getHalted(), RejectReason.HALT_DELAY_NOT_OVER, "halt the pool before executing a slash");
            long ready = Times.after(pool.state().getHaltedAt(), params.getSlashHaltDelaySeconds());
            Rejected.unless(tx.now() >= ready, RejectReason.HALT_DELAY_NOT_OVER,
                    "the pool must stay halted until " + ready + " before the slash executes");
        }
        Position operator = tx.findPosition(pool, pool.operatorAccount());
        Rejected.unless(operator != null || params.getSlashPolicy() == SlashPolicy.PRO_RATA, RejectReason.NOTHING_TO_CLAIM,
                "the operator's staking record is closed: there is nothing of the operator's left to slash");
        BigInteger scaleBefore = pool.scale();
        BigInteger valueBefore = pool.stakedValue();
        SlashSplit split = params.getSlashSplit();
        Pool.Cut cut;
        int ppm;
        BigInteger usdcConfiscated = BigInteger.ZERO;
        if (params.getSlashPolicy() == SlashPolicy.PRO_RATA) {
            ppm = fraction(proposal, valueBefore, params);
            cut = pool.slashProRata(ppm, split.getReturnBps());
        } else {
            ppm = fraction(proposal, pool.operatorAtStake(operator), params);
            cut = pool.slashOperator(operator, ppm, split.getReturnBps());
            usdcConfiscated = pool.confiscateUsdc(operator);
        }
        BigInteger total = cut.total();
        Rejected.unless(total.signum() > 0 || usdcConfiscated.signum() > 0, RejectReason.NOTHING_TO_CLAIM,
                "the pool has nothing left to slash");
        Pool.Split parts = pool.bookSlash(cut, split, valueBefore);

        SlashRule rule = n.rule(proposal.getReason());
        boolean ban = rule != null && rule.getBan();
        if (rule != null && rule.getCooldownSeconds() > 0) {
            pool.state().setRewardCooldownUntil(Math.max(pool.state().getRewardCooldownUntil(), Times.after(tx.now(), rule.getCooldownSeconds())));
        }
        BigInteger floor = Amounts.mulDivDown(Amounts.SCALE, BigInteger.valueOf(params.getDeactivationScalePpm()), PPM);
        boolean deactivate = ban || pool.scale().compareTo(floor) < 0;
        if (ban) pool.state().setBanned(true);
        if (deactivate && pool.status() != PoolStatus.CLOSED) pool.state().setStatus(PoolStatus.DEACTIVATED);

        // burned tokens leave through custody like any outflow; the redistributed part waits in the reward vault
        tx.payout(io.stakestream.ledger.Accounts.BURN, pool.id(), Asset.TOKEN, PayoutKind.SLASH_BURN, parts.burned());
        n.redistribute(parts.redistributed());
        tx.saveNetwork();
        tx.payout(params.getTreasuryAccount(), pool.id(), Asset.TOKEN, PayoutKind.SLASH_TREASURY, parts.treasury());
        tx.payout(params.getTreasuryAccount(), pool.id(), Asset.USDC, PayoutKind.SLASH_TREASURY, usdcConfiscated);
        SlashProposals.close(pool, proposal.getSlashId(), tx);
        tx.save(pool);
        if (operator != null) tx.save(operator);
        tx.slash(SlashOutcome.newBuilder()
                .setSlashId(proposal.getSlashId()).setPoolId(pool.id()).setReason(proposal.getReason())
                .setPolicy(params.getSlashPolicy()).setFractionPpm(ppm).setAmount(Amounts.dec(total))
                .setFromActive(Amounts.dec(cut.fromActive())).setFromPending(Amounts.dec(cut.fromPending()))
                .setFromCommission(Amounts.dec(cut.fromCommission()))
                .setBurned(Amounts.dec(parts.burned())).setRedistributed(Amounts.dec(parts.redistributed()))
                .setReturnedToDelegators(Amounts.dec(parts.returned())).setTreasury(Amounts.dec(parts.treasury()))
                .setOperatorSharesBurned(Amounts.dec(cut.sharesBurned())).setNewScale(Amounts.dec(pool.scale()))
                .setUsdcConfiscated(Amounts.dec(usdcConfiscated))
                .setPoolDeactivated(pool.status() == PoolStatus.DEACTIVATED).setBanned(pool.state().getBanned())
                .setEvidence(proposal.getEvidence()).setEpoch(n.epoch()).setTimestamp(tx.now())
                .build());
        tx.event(pool, operator, total, cut.sharesBurned(), usdcConfiscated, "slash " + proposal.getSlashId() + " executed: "
                + params.getSlashPolicy() + " " + ppm + " ppm, scale " + scaleBefore + " -> " + pool.scale());
    }

    /** The proposal's fraction, or its fixed amount as a fraction of what it is taken from. */
    private static int fraction(SlashProposal proposal, BigInteger base, GlobalParameters params) {
        return proposal.getFractionPpm() != null ? proposal.getFractionPpm() : fractionOf(Amounts.big(proposal.getAmount()), base, params);
    }

    /** A fixed amount as a fraction of what it is taken from; never above the per-slash maximum. */
    private static int fractionOf(BigInteger amount, BigInteger base, GlobalParameters params) {
        Rejected.unless(base.signum() > 0, RejectReason.NOTHING_TO_CLAIM, "the pool has nothing left to slash");
        BigInteger ppm = Amounts.mulDivUp(amount, PPM, base);
        Rejected.unless(ppm.compareTo(BigInteger.valueOf(params.getMaxSlashPpm())) <= 0, RejectReason.SLASH_TOO_LARGE,
                "slashing " + amount + " of " + base + " is above the per-slash maximum of " + params.getMaxSlashPpm() + " ppm");
        return ppm.intValueExact();
    }
}
