package io.stakestream.cli.demo;

import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.cli.Units;
import io.stakestream.ledger.Amounts;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's stand-in for the reward-builder (the merkle version is a later issue): an emission
 * schedule kept as data (base tokens per epoch, decaying 10% an epoch) plus the slashed tokens to
 * redistribute, split over the active pools by effective stake x tier multiplier x SLA ratio. USDC
 * earned by a pool's jobs goes to that pool. Integer math, rounding down: anyone can recompute it.
 */
final class EmissionRewards {

    static final BigInteger BASE_EMISSION = Units.tokens(1_000).toBigInteger();

    record Reward(BigInteger tokens, BigInteger usdc) {
    }

    private final List<Integer> tierMultiplierBps;

    EmissionRewards(List<Integer> tierMultiplierBps) {
        this.tierMultiplierBps = tierMultiplierBps;
    }

    /** 1,000 tokens, 10% less each epoch, rounded down (the fraction is simply not emitted). */
    static BigInteger emission(long epoch) {
        return BASE_EMISSION.multiply(BigInteger.valueOf(9).pow((int) epoch)).divide(BigInteger.TEN.pow((int) epoch));
    }

    Map<String, Reward> rewards(long epoch, List<PoolEpochSummary> summaries) {
        BigInteger pot = emission(epoch);
        Map<String, BigInteger> weights = new LinkedHashMap<>();
        BigInteger total = BigInteger.ZERO;
        for (PoolEpochSummary s : summaries) {
            pot = pot.add(s.getRedistributable().toBigInteger());
            BigInteger w = weight(s);
            weights.put(s.getPoolId(), w);
            total = total.add(w);
        }
        Map<String, Reward> out = new LinkedHashMap<>();
        for (PoolEpochSummary s : summaries) {
            BigInteger w = weights.get(s.getPoolId());
            // each share rounds down: the pot is never overspent, the remainder stays unemitted
            BigInteger tokens = total.signum() == 0 ? BigInteger.ZERO : Amounts.mulDivDown(pot, w, total);
            out.put(s.getPoolId(), new Reward(tokens, s.getUsdcEarned().toBigInteger()));
        }
        return out;
    }

    private BigInteger weight(PoolEpochSummary s) {
        if (!s.getActive()) {
            return BigInteger.ZERO;
        }
        int tierBps = tierMultiplierBps.get(Math.min(s.getTier(), tierMultiplierBps.size() - 1));
        BigInteger sla = BigInteger.valueOf(Amounts.ratioPpm(s.getSucceeded(), s.getJobs()));
        return s.getEffectiveStake().toBigInteger().multiply(Amounts.BPS.add(BigInteger.valueOf(tierBps))).multiply(sla);
    }
}
