package io.stakestream.app.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.app.outputs.PoolHistory;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.PendingUnstake;
import io.stakestream.avro.PoolEpochPerformance;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.avro.SlashProposal;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.instructions.Activity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/** What the REST API adds to raw state: values at the current share price, unsettled USDC, status. */
final class Views {

    /** Share prices are shown with 18 decimals, rounded down: a display value, never used in math. */
    private static final int PRICE_DECIMALS = 18;

    private Views() {
    }

    static ObjectNode pool(PoolState state) {
        return AvroJson.record(state);
    }

    /**
     * A pool with what its partition knows around it: tier, share price, whether it earns rewards
     * and why not (the epoch close's own rules, {@link Activity#why}), and its performance in the
     * last closed epoch.
     *
     * @param operator the operator's position, null when it has none
     * @param lastEpoch the pool's attestations of the last closed epoch, null when it had none
     */
    static ObjectNode pool(PoolState state, NetworkState networkState, PositionState operator, PoolEpochPerformance lastEpoch, long now) {
        ObjectNode out = pool(state);
        Pool pool = Pool.wrap(state);
        out.put("sharePrice", sharePrice(pool.totalStake(), pool.totalShares()));
        if (networkState == null || networkState.getParams() == null) {
            return out; // not initialized on this partition: nothing to rank or judge by
        }
        Network n = Network.wrap(networkState);
        out.put("tier", n.tier(pool.totalStake()));
        BigInteger operatorValue = operator == null ? BigInteger.ZERO : pool.valueOf(Amounts.big(operator.getShares()));
        out.put("operatorStake", operatorValue.toString());
        var reasons = Activity.why(state, n, operatorValue, now);
        ObjectNode earning = out.putObject("rewardStatus");
        earning.put("lifecycle", state.getStatus().name());
        earning.put("activeForRewards", reasons.isEmpty());
        ArrayNode why = earning.putArray("reasons");
        reasons.forEach(r -> why.addObject().put("code", r.code()).put("message", r.message()));
        out.set("performance", performance(lastEpoch, n.epoch() - 1));
        return out;
    }

    /**
     * Performance in one closed epoch [InfraMind]: jobs, SLA ratio in ppm (succeeded / jobs, the
     * ratio the oracle slashes on) and average latency; {@code jobs: 0} when no attestation came.
     */
    static ObjectNode performance(PoolEpochPerformance perf, long epoch) {
        ObjectNode p = Reply.JSON.createObjectNode();
        p.put("epoch", epoch);
        long jobs = perf == null ? 0 : perf.getJobs();
        p.put("jobs", jobs);
        p.put("succeeded", perf == null ? 0 : perf.getSucceeded());
        p.put("slaPpm", jobs == 0 ? 0 : Amounts.ratioPpm(perf.getSucceeded(), jobs));
        p.put("avgLatencyMs", jobs == 0 ? 0 : perf.getLatencySumMs() / jobs);
        p.put("invalidProofs", perf == null ? 0 : perf.getInvalidProofs());
        p.put("dropouts", perf == null ? 0 : perf.getDropouts());
        return p;
    }

    /** A pending slash with its dispute window: a delegator can still leave while it is open. */
    static ObjectNode slash(SlashProposal proposal, long currentEpoch) {
        ObjectNode out = AvroJson.record(proposal);
        out.put("currentEpoch", currentEpoch);
        out.put("disputeWindowOpen", currentEpoch < proposal.getExecutableEpoch());
        out.put("epochsUntilExecutable", Math.max(0, proposal.getExecutableEpoch() - currentEpoch));
        return out;
    }

    /** A pool's epochs, oldest first: stake, shares and share price at the epoch's end, rewards. */
    static ArrayNode history(PoolHistory history) {
        ArrayNode out = Reply.JSON.createArrayNode();
        if (history == null) {
            return out;
        }
        BigInteger stake = null;
        BigInteger shares = null;
        for (Map.Entry<Long, PoolHistory.Point> e : history.epochs().entrySet()) {
            PoolHistory.Point p = e.getValue();
            // an epoch without an event keeps the previous epoch's stake and shares
            stake = p.totalStake != null ? p.totalStake : stake;
            shares = p.totalShares != null ? p.totalShares : shares;
            ObjectNode o = out.addObject();
            o.put("epoch", e.getKey());
            o.put("totalStake", stake == null ? null : stake.toString());
            o.put("totalShares", shares == null ? null : shares.toString());
            o.put("sharePrice", stake == null ? null : sharePrice(stake, shares));
            o.put("rewardTokens", p.rewardTokens == null ? null : p.rewardTokens.toString());
            o.put("rewardUsdc", p.rewardUsdc == null ? null : p.rewardUsdc.toString());
            o.put("accruedTokens", p.accruedTokens.toString());
            o.put("accruedUsdc", p.accruedUsdc.toString());
        }
        return out;
    }

    /** Tokens per share, T / S, as a decimal string; 1 before the first share (the first stake mints 1:1). */
    static String sharePrice(BigInteger totalStake, BigInteger totalShares) {
        if (totalShares.signum() == 0) {
            return BigDecimal.ONE.setScale(PRICE_DECIMALS).toPlainString();
        }
        return new BigDecimal(totalStake).divide(new BigDecimal(totalShares), PRICE_DECIMALS, RoundingMode.DOWN).toPlainString();
    }

    /**
     * A position with its token value (shares, with those of its converted entries, * T / S), its pending unstakes at today's value
     * (units * pendingScale / 1e18, lowered by pro-rata slashes) and the USDC it is owed, settled
     * plus unsettled: shares * (index - checkpoint) / 1e36.
     */
    static ObjectNode position(PositionState position, PoolState poolState) {
        Pool pool = Pool.wrap(poolState);
        BigInteger shares = Amounts.big(position.getShares());
        BigInteger unsettled = pool.unsettledUsdc(position);
        BigInteger settled = Amounts.big(position.getUsdcOwed());
        ObjectNode out = AvroJson.record(position);
        // shares of entries the pool already minted count as the position's; entries still waiting show as tokens
        out.put("value", pool.valueOf(shares.add(pool.entries().convertedSharesOf(position))).toString());
        out.put("usdcUnsettled", unsettled.toString());
        out.put("usdcOwedTotal", settled.add(unsettled).toString());
        out.put("poolStatus", poolState.getStatus().name());
        ArrayNode pending = out.putArray("pending");
        BigInteger pendingTotal = BigInteger.ZERO;
        for (PendingUnstake e : position.getPending()) {
            BigInteger value = pool.pendingValueOf(e);
            pendingTotal = pendingTotal.add(value);
            ObjectNode p = AvroJson.record(e);
            p.put("value", value.toString());
            pending.add(p);
        }
        out.put("pendingValue", pendingTotal.toString());
        return out;
    }
}
