package io.stakestream.cli.up;

import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.cli.Nonces;
import io.stakestream.cli.Submission;
import io.stakestream.cli.Units;
import io.stakestream.cli.demo.DemoParams;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.clients.OutcomeWaiter.Outcome;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.CommandSigner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a new local network starts with: the program initialized (InfraMind's numbers, a short
 * cooldown), two models, the reward vault funded by custody, and one pool to delegate to, run by
 * the operator key, whose self-stake custody credited first.
 */
final class Genesis {

    static final String MODEL = "llama-3-70b";
    static final String POOL = "atlas-gpu";
    private static final Set<RejectReason> ALREADY_DONE = Set.of(RejectReason.ALREADY_INITIALIZED, RejectReason.POOL_EXISTS,
            RejectReason.DUPLICATE_DEPOSIT);

    private Genesis() {
    }

    static List<SignedCommand> commands(StackKeys keys, long cooldownSeconds, io.stakestream.protocol.serde.SignedPayloads payloads) {
        AccountKey admin = keys.get(StackKeys.ADMIN);
        AccountKey operator = keys.get(StackKeys.OPERATOR);
        CommandSigner byAdmin = CommandSigner.of(admin, payloads);
        List<SignedCommand> out = new ArrayList<>();
        out.add(byAdmin.command("genesis-init", Keys.NETWORK, Nonces.next(), new CreatePoolOverview(
                DemoParams.params(cooldownSeconds, SlashPolicy.OPERATOR_ONLY, keys.get(StackKeys.TREASURY).accountBuffer()),
                DemoParams.authorities(admin.accountBuffer(), keys.get(StackKeys.SLASHER).accountBuffer(),
                        keys.get(StackKeys.HALTER).accountBuffer(),
                        List.of(keys.get(StackKeys.REWARDER).accountBuffer(), keys.get(StackKeys.BUILDER).accountBuffer()),
                        keys.get(StackKeys.CUSTODY).accountBuffer()))));
        out.add(byAdmin.command("genesis-model-llama", Keys.NETWORK, Nonces.next(), new SetModel(MODEL, Units.tokens(1_000), true)));
        out.add(byAdmin.command("genesis-model-sdxl", Keys.NETWORK, Nonces.next(), new SetModel("sdxl-turbo", Units.tokens(500), true)));
        // custody plays the chain indexer: the reward vault's funding and the operator's self-stake arrive "on chain" first
        CommandSigner byCustody = CommandSigner.of(keys.get(StackKeys.CUSTODY), payloads);
        out.add(byCustody.command("genesis-fund-rewards", Keys.NETWORK, Nonces.next(),
                new FundRewards(Units.tokens(1_000_000), Units.usdcCents(1_000_000L), chainRef("fund-rewards"))));
        out.add(byCustody.command("genesis-deposit", POOL, Nonces.next(),
                new Deposit(operator.accountBuffer(), Asset.TOKEN, Units.tokens(1_000), chainRef("operator-deposit"), false)));
        return out;
    }

    /**
     * The pool, sent once the operator's deposit is credited: a deposit reaches the commands log
     * through the deposit gateway, so a pool sent in the same transaction could overtake it.
     */
    static List<SignedCommand> pool(StackKeys keys, io.stakestream.protocol.serde.SignedPayloads payloads) {
        AccountKey operator = keys.get(StackKeys.OPERATOR);
        List<SignedCommand> out = new ArrayList<>();
        out.add(CommandSigner.of(operator, payloads).command("genesis-pool", POOL, Nonces.next(), CreateOperatorPool.newBuilder()
                .setModelId(MODEL).setRegion("local").setMetadataJson("{\"url\":\"https://atlas-gpu.example\",\"name\":\"atlas-gpu\"}")
                .setOperatorAuthKeys(new ArrayList<>(List.of(operator.accountBuffer())))
                .setRegistrationFee(Units.tokens(0)).setInitialStake(Units.tokens(1_000)).build()));
        return out;
    }

    /** A fixed local "transfer": the same on every start, so a second start's deposit is a refused duplicate, not a second credit. */
    private static ChainRef chainRef(String what) {
        byte[] hash = new byte[32];
        byte[] name = ("genesis:" + what).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, hash, 0, Math.min(name.length, hash.length));
        return new ChainRef(io.stakestream.cli.verbs.CustodyVerbs.LOCAL_CHAIN_ID, ByteBuffer.wrap(hash), 0L);
    }

    /** Writes the genesis commands and checks each was applied (or had been, by an earlier start). */
    static void run(String bootstrap, String registry, StackKeys keys, long cooldownSeconds) {
        var payloads = io.stakestream.protocol.serde.StakestreamSerdes.forUrl(registry).payloads();
        check(Submission.submit(bootstrap, registry, commands(keys, cooldownSeconds, payloads), List.of(), Duration.ofSeconds(60)));
        check(Submission.submit(bootstrap, registry, pool(keys, payloads), List.of(), Duration.ofSeconds(60)));
    }

    private static void check(Map<String, Outcome> outcomes) {
        for (Outcome o : outcomes.values()) {
            boolean fine = o.accepted() || o.rejections().stream().allMatch(r -> ALREADY_DONE.contains(r.getReason()));
            if (!fine) {
                throw new IllegalStateException("initializing the network failed: " + o.rejections().get(0).getReason() + ": "
                        + o.rejections().get(0).getMessage());
            }
        }
    }
}
