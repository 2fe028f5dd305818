package io.stakestream.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.ClaimRewardsCluster;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.CloseStakingRecord;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.WithdrawOperatorRewardCommission;
import io.stakestream.avro.WithdrawOperatorUsdcCommission;
import io.stakestream.cli.Api;
import io.stakestream.cli.KeyFiles;
import io.stakestream.cli.PoolVerb;
import io.stakestream.cli.Unreachable;
import io.stakestream.cli.UsageException;
import io.stakestream.protocol.clients.OutcomeWaiter.Outcome;
import io.stakestream.protocol.crypto.AccountKey;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What any account does with a position: the verbs InfraMind's and Cosmos' users know. */
public final class StakingVerbs {

    private StakingVerbs() {
    }

    @Command(name = "stake", description = "Stake tokens into a pool where you hold a staking record (delegate opens one).")
    public static final class StakeVerb extends PoolVerb {
        @Option(names = "--amount", paramLabel = "TOKENS", required = true, description = "tokens, e.g. 1500 or 12.5")
        String amount;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new Stake(output.tokens(amount));
        }
    }

    @Command(name = "delegate", description = "Open a staking record in the pool if you have none, then stake.")
    public static final class DelegateVerb extends PoolVerb {
        @Option(names = "--amount", paramLabel = "TOKENS", required = true, description = "tokens, e.g. 1500 or 12.5")
        String amount;

        private boolean recordUnknown;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new Stake(output.tokens(amount));
        }

        @Override
        protected List<SignedCommand> commands(AccountKey signer) throws Exception {
            SignedCommand stake;
            Optional<Boolean> open = recordOpen(signer);
            recordUnknown = open.isEmpty();
            if (open.orElse(false)) {
                stake = sign(signer, pool(), body(signer));
                return List.of(stake);
            }
            SignedCommand record = sign(signer, pool(), new CreateStakingRecord());
            stake = sign(signer, pool(), body(signer));
            return List.of(record, stake);
        }

        /** Whether the signer holds a record in the pool, per the query API; empty when the API does not answer. */
        private Optional<Boolean> recordOpen(AccountKey signer) throws InterruptedException {
            try {
                return Optional.of(new Api(services.api(console)).find("/pools/" + Api.enc(pool()) + "/positions/" + signer.accountHex())
                        .isPresent());
            } catch (Unreachable | IllegalStateException e) {
                return Optional.empty(); // open it anyway: an open record answers POSITION_EXISTS, which is no failure here
            }
        }

        @Override
        protected Map<String, Outcome> settle(Map<String, Outcome> outcomes) {
            if (!recordUnknown) {
                return outcomes;
            }
            Map<String, Outcome> kept = new LinkedHashMap<>(outcomes);
            kept.values().removeIf(o -> o.rejections().stream().allMatch(r -> r.getReason() == RejectReason.POSITION_EXISTS)
                    && !o.rejections().isEmpty());
            return kept;
        }
    }

    @Command(name = "unstake", description = "Start an unstake: burns shares at today's price; the tokens wait out the cooldown, then claim.")
    public static final class UnstakeVerb extends PoolVerb {
        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        static final class What {
            @Option(names = "--amount", paramLabel = "TOKENS", description = "the token value to unstake")
            String amount;
            @Option(names = "--shares", paramLabel = "SHARES", description = "shares to burn (18 decimals, like tokens)")
            String shares;
            @Option(names = "--all", description = "every share of your position (read from the query API)")
            boolean all;
        }

        @Override
        protected SpecificRecord body(AccountKey signer) throws Exception {
            if (what.amount != null) {
                return new Unstake(null, output.tokens(what.amount));
            }
            if (what.shares != null) {
                return new Unstake(output.tokens(what.shares), null);
            }
            JsonNode position = new Api(services.api(console)).get("/pools/" + Api.enc(pool()) + "/positions/" + signer.accountHex(),
                    "you hold nothing in this pool");
            BigDecimal shares = new BigDecimal(position.path("shares").asText("0"));
            if (shares.signum() == 0) {
                throw new UsageException("your position in " + pool() + " holds no shares to unstake");
            }
            return new Unstake(shares, null);
        }
    }

    @Command(name = "cancel-unstake", description = "Re-stake a pending unstake at today's price.")
    public static final class CancelUnstakeVerb extends PoolVerb {
        @Option(names = "--id", paramLabel = "N", required = true, description = "the pending unstake's id (stakestream positions)")
        long id;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new CancelUnstake(id);
        }
    }

    @Command(name = "claim", description = "Claim every finished unstake (anyone may claim on the owner's behalf).")
    public static final class ClaimVerb extends PoolVerb {
        @Option(names = "--owner", paramLabel = "ACCOUNT", description = "whose unstakes: hex or key file (default: the signer)")
        String owner;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new ClaimUnstake(owner == null ? signer.accountBuffer() : KeyFiles.account(console, owner));
        }
    }

    @Command(name = "claim-usdc", description = "Claim the USDC your position earned (the stake is not touched).")
    public static final class ClaimUsdcVerb extends PoolVerb {
        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new ClaimUsdcEarnings();
        }
    }

    @Command(name = "claim-rewards", description = {"Claim rewards over an epoch range for every pool you operate [Function Network].",
            "Sent keyed by --pool (one you operate); it carries the published leaf and proof (reward-proofs topic) of every pool"
                    + " whose operator is the signer (query API) for each epoch of the range, and the ledger routes one leg per pool."})
    public static final class ClaimRewardsVerb extends PoolVerb {
        @Option(names = "--from-epoch", paramLabel = "N", required = true, description = "first epoch")
        long from;
        @Option(names = "--to-epoch", paramLabel = "N", required = true, description = "last epoch")
        long to;

        @Override
        protected SpecificRecord body(AccountKey signer) throws Exception {
            if (to < from) throw new UsageException("--to-epoch " + to + " is before --from-epoch " + from);
            String me = signer.accountHex();
            java.util.List<String> operated = new java.util.ArrayList<>();
            for (JsonNode p : new io.stakestream.cli.Api(services.api(console)).get("/pools?sort=stake", "the pools")) {
                if (me.equalsIgnoreCase(p.path("operatorAccount").asText().replaceFirst("^0x", ""))) operated.add(p.path("poolId").asText());
            }
            var proofs = RewardVerbs.proofs(services.bootstrap(console), services.registry(console));
            java.util.List<io.stakestream.avro.ClusterLeaf> leaves = new java.util.ArrayList<>();
            for (String poolId : operated) {
                for (long epoch = from; epoch <= to; epoch++) {
                    io.stakestream.avro.RewardProof p = proofs.get(poolId + "@" + epoch);
                    if (p != null) {
                        leaves.add(new io.stakestream.avro.ClusterLeaf(poolId, epoch, p.getTokens(), p.getUsdc(), new java.util.ArrayList<>(p.getProof())));
                    }
                }
            }
            if (leaves.isEmpty()) {
                throw new UsageException("no published leaf for a pool you operate (" + operated + ") in epochs " + from + ".." + to
                        + ": check the range with `stakestream rewards proof`");
            }
            return new ClaimRewardsCluster(from, to, leaves);
        }
    }

    @Command(name = "open-record", description = "Open a staking record in a pool without staking yet.")
    public static final class OpenRecordVerb extends PoolVerb {
        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new CreateStakingRecord();
        }
    }

    @Command(name = "close-record", description = "Close your empty staking record in a pool.")
    public static final class CloseRecordVerb extends PoolVerb {
        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new CloseStakingRecord();
        }
    }

    @Command(name = "withdraw-commission", description = "Withdraw the pool's token commission (operator), or --usdc its USDC commission.")
    public static final class WithdrawCommissionVerb extends PoolVerb {
        @Option(names = "--usdc", description = "the USDC commission instead")
        boolean usdc;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return usdc ? new WithdrawOperatorUsdcCommission() : new WithdrawOperatorRewardCommission();
        }
    }
}
