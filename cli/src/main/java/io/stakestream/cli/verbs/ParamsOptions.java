package io.stakestream.cli.verbs;

import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.SlashRule;
import io.stakestream.avro.SlashSplit;
import io.stakestream.avro.WhitelistMode;
import io.stakestream.cli.Console;
import io.stakestream.cli.KeyFiles;
import io.stakestream.cli.OutputOptions;
import io.stakestream.cli.UsageException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The global parameters as flags: each one given replaces that parameter, the rest stay as they are. */
public final class ParamsOptions {

    @Option(names = "--cooldown", paramLabel = "SECONDS", description = "unstake cooldown of operators and delegators (InfraMind: 7 days)")
    Long cooldown;
    @Option(names = "--operator-cooldown", paramLabel = "SECONDS", description = "the operators' cooldown only")
    Long operatorCooldown;
    @Option(names = "--min-operator-stake", paramLabel = "TOKENS", description = "minimum self-stake of an operator")
    String minOperatorStake;
    @Option(names = "--max-commission", paramLabel = "BPS", description = "highest commission a pool may set")
    Integer maxCommission;
    @Option(names = "--default-commission", paramLabel = "BPS", description = "commission of a pool that sets none (InfraMind 80/20: 2000)")
    Integer defaultCommission;
    @Option(names = "--pool-creation", paramLabel = "on|off", arity = "1", description = "whether new pools may open")
    PoolVerbs.OnOff poolCreation;
    @Option(names = "--registration-fee", paramLabel = "TOKENS", description = "fee a new pool pays")
    String registrationFee;
    @Option(names = "--staking-halted", paramLabel = "on|off", arity = "1", description = "halt all staking network-wide")
    PoolVerbs.OnOff stakingHalted;
    @Option(names = "--withdrawals-halted", paramLabel = "on|off", arity = "1", description = "halt all withdrawals network-wide")
    PoolVerbs.OnOff withdrawalsHalted;
    @Option(names = "--accruals-halted", paramLabel = "on|off", arity = "1", description = "halt all reward accruals network-wide")
    PoolVerbs.OnOff accrualsHalted;
    @Option(names = "--tier-thresholds", paramLabel = "TOKENS,...", split = ",", description = "total stake of tiers 1, 2, 3, ...")
    List<String> tierThresholds;
    @Option(names = "--tier-multipliers", paramLabel = "BPS,...", split = ",", description = "reward bonus of tiers 0, 1, 2, ...")
    List<Integer> tierMultipliers;
    @Option(names = "--whitelist-mode", paramLabel = "MODE", description = "AUTO or EXPLICIT")
    WhitelistMode whitelistMode;
    @Option(names = "--min-epochs-locked", paramLabel = "N", description = "epochs a stake stays locked")
    Integer minEpochsLocked;
    @Option(names = "--reward-delay", paramLabel = "EPOCHS", description = "epochs before a reward is claimable")
    Integer rewardDelay;
    @Option(names = "--max-pending", paramLabel = "N", description = "pending unstakes per position (Prover: 10)")
    Integer maxPending;
    @Option(names = "--slash-policy", paramLabel = "POLICY", description = "OPERATOR_ONLY or PRO_RATA")
    SlashPolicy slashPolicy;
    @Option(names = "--max-slash-ppm", paramLabel = "PPM", description = "largest fraction one slash takes, in ppm (50%% = 500000)")
    Integer maxSlashPpm;
    @Option(names = "--dispute-window", paramLabel = "EPOCHS", description = "epochs a proposed slash waits before it can execute")
    Integer disputeWindow;
    @Option(names = "--min-dispute-window", paramLabel = "SECONDS", description = "a proposed slash also waits at least this long")
    Long minDisputeWindow;
    @Option(names = "--auto-propose-slashes", paramLabel = "on|off", arity = "1", description = "epoch close proposes SLA, proof, dropout slashes")
    PoolVerbs.OnOff autoPropose;
    @Option(names = "--slash-split", paramLabel = "BURN,REDISTRIBUTE,RETURN,TREASURY", split = ",",
            description = "how slashed tokens split, in basis points adding up to 10000 (InfraMind 5000,2500,2500,0)")
    List<Integer> slashSplit;
    @Option(names = "--slash-rule", paramLabel = "REASON:PPM[:ban]", description = "replace the slash schedule; repeatable")
    List<String> slashRules;
    @Option(names = "--treasury", paramLabel = "ACCOUNT", description = "treasury account (hex or key file)")
    String treasury;

    /** These flags over {@code base}. */
    GlobalParameters apply(GlobalParameters base, OutputOptions output, Console console) {
        GlobalParameters.Builder b = GlobalParameters.newBuilder(base);
        if (cooldown != null) b.setOperatorCooldownSeconds(cooldown).setDelegatorCooldownSeconds(cooldown);
        if (operatorCooldown != null) b.setOperatorCooldownSeconds(operatorCooldown);
        if (minOperatorStake != null) b.setMinOperatorStake(output.tokens(minOperatorStake));
        if (maxCommission != null) b.setMaxCommissionBps(maxCommission);
        if (defaultCommission != null) b.setDefaultCommissionBps(defaultCommission);
        if (poolCreation != null) b.setPoolCreationAllowed(poolCreation.on());
        if (registrationFee != null) b.setRegistrationFee(output.tokens(registrationFee));
        if (stakingHalted != null) b.setStakingHalted(stakingHalted.on());
        if (withdrawalsHalted != null) b.setWithdrawalsHalted(withdrawalsHalted.on());
        if (accrualsHalted != null) b.setAccrualsHalted(accrualsHalted.on());
        if (tierThresholds != null) {
            List<BigDecimal> t = new ArrayList<>();
            tierThresholds.forEach(x -> t.add(output.tokens(x)));
            b.setTierThresholds(t);
        }
        if (tierMultipliers != null) b.setTierMultiplierBps(new ArrayList<>(tierMultipliers));
        if (whitelistMode != null) b.setWhitelistMode(whitelistMode);
        if (minEpochsLocked != null) b.setMinEpochsLocked(minEpochsLocked);
        if (rewardDelay != null) b.setRewardDelayEpochs(rewardDelay);
        if (maxPending != null) b.setMaxPendingUnstakes(maxPending);
        if (slashPolicy != null) b.setSlashPolicy(slashPolicy);
        if (maxSlashPpm != null) b.setMaxSlashPpm(maxSlashPpm);
        if (disputeWindow != null) b.setDisputeWindowEpochs(disputeWindow);
        if (minDisputeWindow != null) b.setMinDisputeWindowSeconds(minDisputeWindow);
        if (autoPropose != null) b.setAutoProposeSlashes(autoPropose.on());
        if (slashSplit != null) {
            if (slashSplit.size() != 4) {
                throw new UsageException("--slash-split takes four basis points: BURN,REDISTRIBUTE,RETURN,TREASURY");
            }
            b.setSlashSplit(new SlashSplit(slashSplit.get(0), slashSplit.get(1), slashSplit.get(2), slashSplit.get(3)));
        }
        if (slashRules != null) {
            List<SlashRule> rules = new ArrayList<>();
            slashRules.forEach(r -> rules.add(rule(r)));
            b.setSlashSchedule(rules);
        }
        if (treasury != null) b.setTreasuryAccount(KeyFiles.account(console, treasury));
        return b.build();
    }

    private static SlashRule rule(String typed) {
        String[] p = typed.split(":");
        try {
            return SlashRule.newBuilder().setReason(SlashReason.valueOf(p[0].toUpperCase(java.util.Locale.ROOT)))
                    .setFractionPpm(Integer.parseInt(p[1])).setBan(p.length > 2 && p[2].equals("ban")).build();
        } catch (RuntimeException e) {
            throw new UsageException("--slash-rule is REASON:PPM[:ban], e.g. SLA_BREACH:100000, with a reason of "
                    + java.util.Arrays.toString(SlashReason.values()) + "; got '" + typed + "'");
        }
    }
}
