package io.stakestream.cli;

import io.stakestream.cli.bench.BenchCommand;
import io.stakestream.cli.soak.SoakCommand;
import io.stakestream.cli.demo.DemoCommand;
import io.stakestream.cli.tail.TailCommand;
import io.stakestream.cli.up.UpCommand;
import io.stakestream.cli.verbs.AttestVerb;
import io.stakestream.cli.verbs.ControlVerbs;
import io.stakestream.cli.verbs.CustodyVerbs;
import io.stakestream.cli.verbs.NetworkVerbs;
import io.stakestream.cli.verbs.PoolVerbs;
import io.stakestream.cli.verbs.QueryVerbs;
import io.stakestream.cli.verbs.ReconcileVerb;
import io.stakestream.cli.verbs.RewardVerbs;
import io.stakestream.cli.verbs.SlashVerbs;
import io.stakestream.cli.verbs.StakingVerbs;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

/** The root of the command tree: every verb, --help on each, shell completion. */
@Command(name = "stakestream", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, version = "stakestream 0.1.0",
        description = "An off-chain staking ledger on Kafka Streams. Start with `stakestream up`, then sign commands from another terminal.",
        footer = {"", "Exit codes: 0 accepted / done, 1 failed, 2 usage error, 3 refused by the ledger, 4 broker, registry or API unreachable,"
                + " 5 no outcome in time.", "Shell completion: source <(stakestream generate-completion)"},
        subcommands = {
                UpCommand.class, DemoCommand.class,
                StakingVerbs.DelegateVerb.class, StakingVerbs.StakeVerb.class, StakingVerbs.UnstakeVerb.class,
                StakingVerbs.CancelUnstakeVerb.class, StakingVerbs.ClaimVerb.class, StakingVerbs.ClaimUsdcVerb.class,
                StakingVerbs.ClaimRewardsVerb.class, StakingVerbs.OpenRecordVerb.class, StakingVerbs.CloseRecordVerb.class, StakingVerbs.WithdrawCommissionVerb.class,
                CustodyVerbs.DepositVerb.class, CustodyVerbs.WithdrawVerb.class, CustodyVerbs.PayoutVerbs.class, CustodyVerbs.FundRewardsVerb.class,
                ReconcileVerb.class,
                QueryVerbs.Status.class, QueryVerbs.Positions.class, QueryVerbs.Ranking.class, QueryVerbs.Raw.class,
                PoolVerbs.class, NetworkVerbs.class, ControlVerbs.Model.class, ControlVerbs.Whitelist.class, ControlVerbs.Halt.class,
                ControlVerbs.Resume.class, ControlVerbs.EpochCloseVerb.class, SlashVerbs.class, AttestVerb.class, RewardVerbs.class,
                TailCommand.class, KeygenCommand.class, AccountCommand.class, TopicsCommand.class, EpochClockCommand.class,
                SoakCommand.class,
                BenchCommand.class, AutoComplete.GenerateCompletion.class, HelpCommand.class})
public final class StakestreamCommand extends CliCommand {

    @Override
    protected int run() {
        spec().commandLine().usage(console.out());
        return ExitCode.USAGE;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private picocli.CommandLine.Model.CommandSpec spec() {
        return spec;
    }
}
