package io.stakestream.cli.verbs;

import io.stakestream.avro.AccrueReward;
import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.CreateRewardRecord;
import io.stakestream.avro.EmissionSchedule;
import io.stakestream.avro.PartitionBudget;
import io.stakestream.avro.RewardProof;
import io.stakestream.cli.ConnectedCommand;
import io.stakestream.cli.ExitCode;
import io.stakestream.cli.NetworkVerb;
import io.stakestream.cli.PoolVerb;
import io.stakestream.cli.Services;
import io.stakestream.cli.TopicReader;
import io.stakestream.cli.UsageException;
import io.stakestream.cli.format.HumanJson;
import io.stakestream.cli.format.Lines;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.rewards.emission.EmissionFiles;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `stakestream rewards ...`: reward records (merkle roots), proofs, and accruing a pool's reward with its proof. */
@Command(name = "rewards", description = "Commit an epoch's reward root, read a pool's proof, accrue a pool's reward.",
        subcommands = {RewardVerbs.Root.class, RewardVerbs.Proof.class, RewardVerbs.Accrue.class, RewardVerbs.Emission.class})
public final class RewardVerbs {

    static ByteBuffer bytes32(String hex, String what) {
        try {
            byte[] b = Hex.decode(hex.startsWith("0x") ? hex.substring(2) : hex);
            if (b.length != 32) throw new IllegalArgumentException("length " + b.length);
            return ByteBuffer.wrap(b);
        } catch (IllegalArgumentException e) {
            throw new UsageException(what + " is 32 bytes as 64 hex characters, got '" + hex + "'");
        }
    }

    /** The latest proof published for (pool, epoch) on the reward-proofs topic. */
    static Optional<RewardProof> proof(String bootstrap, String registry, String pool, long epoch) {
        return Optional.ofNullable(proofs(bootstrap, registry).get(pool + "@" + epoch));
    }

    /** Every proof on the reward-proofs topic, the latest per key ("pool@epoch"), read once. */
    static java.util.Map<String, RewardProof> proofs(String bootstrap, String registry) {
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(registry);
        Deserializer<RewardProof> proofs = serdes.rewardProofs().valueSerde().deserializer();
        java.util.Map<String, RewardProof> found = new java.util.HashMap<>();
        try (TopicReader reader = new TopicReader(bootstrap, serdes.rewardProofs().name(), true)) {
            for (ConsumerRecord<byte[], byte[]> r : reader.readToEnd(Duration.ofSeconds(60))) {
                if (r.key() == null) continue;
                String key = new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
                if (r.value() == null) found.remove(key);
                else found.put(key, proofs.deserialize(r.topic(), r.value()));
            }
        }
        return found;
    }

    @Command(name = "root", description = "Commit an epoch's reward record: merkle root, leaf count, totals (reward authority).")
    public static final class Root extends NetworkVerb {
        @Option(names = "--epoch", paramLabel = "N", required = true, description = "the epoch")
        long epoch;
        @Option(names = "--root", paramLabel = "HEX", required = true, description = "the merkle root, 32 bytes")
        String root;
        @Option(names = "--leaves", paramLabel = "N", required = true, description = "leaf count")
        long leaves;
        @Option(names = "--tokens", paramLabel = "TOKENS", required = true, description = "total token reward")
        String tokens;
        @Option(names = "--usdc", paramLabel = "USDC", defaultValue = "0", description = "total USDC reward")
        String usdc;
        @Option(names = "--budget", paramLabel = "PARTITION:TOKENS:USDC", description = "one partition's share; repeatable")
        List<String> budgets = new ArrayList<>();

        @Override
        protected SpecificRecord body(AccountKey signer) {
            List<PartitionBudget> parts = new ArrayList<>();
            for (String b : budgets) {
                String[] p = b.split(":");
                if (p.length != 3) {
                    throw new UsageException("--budget is PARTITION:TOKENS:USDC, e.g. 0:600:12.5; got '" + b + "'");
                }
                parts.add(new PartitionBudget(Integer.parseInt(p[0].trim()), output.tokens(p[1]), output.usdc(p[2])));
            }
            return new CreateRewardRecord(epoch, bytes32(root, "--root"), leaves, output.tokens(tokens), output.usdc(usdc), parts);
        }
    }

    /** Recomputes an epoch's emission from the schedule, as anyone can: the reward-builder's own code, no services. */
    @Command(name = "emission", description = "Print the tokens the emission schedule gives epoch N (Inference.net's by default).")
    public static final class Emission extends io.stakestream.cli.CliCommand {
        @Option(names = "--epoch", paramLabel = "N", required = true, description = "the epoch")
        long epoch;
        @Option(names = "--schedule", paramLabel = "FILE", description = "an emission schedule JSON file (default: Inference.net's)")
        java.nio.file.Path schedule;

        @Override
        protected int run() throws java.io.IOException {
            if (epoch < 0) throw new UsageException("--epoch must not be negative");
            EmissionSchedule s = schedule == null ? EmissionFiles.inferenceNet() : EmissionFiles.read(schedule);
            java.math.BigInteger base = io.stakestream.rewards.emission.Emission.perEpoch(s, epoch);
            String source = schedule == null ? "Inference.net's default (" + EmissionFiles.INFERENCE_NET + ")" : schedule.toString();
            // exact, not rounded for display: anyone recomputing an epoch's emission compares it to the root's
            com.fasterxml.jackson.databind.JsonNode tokens = new HumanJson(output.baseUnits()).humanize(JsonNodeFactory.instance.objectNode().put("tokens", base.toString()));
            if (output.json()) {
                console.out().println(JsonNodeFactory.instance.objectNode().put("epoch", epoch).put("tokens", tokens.path("tokens").asText())
                        .put("form", s.getForm().name()).put("schedule", source));
                return ExitCode.OK;
            }
            console.out().println("epoch " + epoch + ": " + (output.baseUnits() ? "" : tokens.path("tokens").asText() + " tokens, ") + base
                    + " base units (" + s.getForm() + " schedule, " + source + ")");
            console.out().println("slashed tokens redistributed in the epoch are added to this; the epoch's reward root states the total");
            return ExitCode.OK;
        }
    }

    @Command(name = "proof", description = "Print a pool's published reward proof for an epoch (from the reward-proofs topic).")
    public static final class Proof extends ConnectedCommand {
        @Option(names = "--pool", paramLabel = "ID", required = true, description = "the pool")
        String pool;
        @Option(names = "--epoch", paramLabel = "N", required = true, description = "the epoch")
        long epoch;

        @Override
        protected int run() {
            String bootstrap = services.bootstrap(console);
            String registry = services.registry(console);
            Services.requireBroker(bootstrap);
            Services.requireRegistry(registry);
            Optional<RewardProof> proof = proof(bootstrap, registry, pool, epoch);
            if (proof.isEmpty()) {
                throw new IllegalStateException("no proof for " + pool + " in epoch " + epoch
                        + " on the reward-proofs topic: the reward-builder publishes them after the epoch closes");
            }
            console.out().println(output.json() ? new HumanJson(output.baseUnits()).record(proof.get())
                    : new Lines(output.baseUnits()).proof(proof.get()));
            return ExitCode.OK;
        }
    }

    @Command(name = "accrue", description = "Accrue a pool's epoch reward with its merkle proof (anyone), or --emergency without one"
            + " (reward authority). Without --tokens/--proof the published proof is used.")
    public static final class Accrue extends PoolVerb {
        @Option(names = "--epoch", paramLabel = "N", required = true, description = "the epoch the reward is for")
        long epoch;
        @ArgGroup(exclusive = false)
        Leaf leaf;
        @Option(names = "--emergency", description = "AccrueRewardEmergencyBypass: no proof (reward authority only)")
        boolean emergency;
        @Option(names = "--why", paramLabel = "TEXT", defaultValue = "cli", description = "reason of an emergency accrual")
        String why;

        static final class Leaf {
            @Option(names = "--tokens", paramLabel = "TOKENS", required = true, description = "the leaf's token reward")
            String tokens;
            @Option(names = "--usdc", paramLabel = "USDC", required = true, description = "the leaf's USDC reward")
            String usdc;
            @Option(names = "--proof", paramLabel = "HEX", split = ",", description = "sibling hashes, comma separated")
            List<String> proof = new ArrayList<>();
        }

        @Override
        protected SpecificRecord body(AccountKey signer) {
            if (emergency) {
                if (leaf == null) {
                    throw new UsageException("an emergency accrual needs --tokens and --usdc");
                }
                return new AccrueRewardEmergencyBypass(epoch, output.tokens(leaf.tokens), output.usdc(leaf.usdc), why);
            }
            if (leaf != null) {
                List<ByteBuffer> siblings = new ArrayList<>();
                // a one-leaf tree's proof is empty: --proof "" passes it as given
                leaf.proof.stream().filter(h -> !h.isBlank()).forEach(h -> siblings.add(bytes32(h, "a proof hash")));
                return new AccrueReward(epoch, output.tokens(leaf.tokens), output.usdc(leaf.usdc), siblings);
            }
            String bootstrap = services.bootstrap(console);
            String registry = services.registry(console);
            Services.requireBroker(bootstrap);
            RewardProof p = proof(bootstrap, registry, pool(), epoch).orElseThrow(() -> new IllegalStateException("no proof for "
                    + pool() + " in epoch " + epoch + " on the reward-proofs topic: give --tokens, --usdc and --proof"));
            return new AccrueReward(epoch, p.getTokens(), p.getUsdc(), new ArrayList<>(p.getProof()));
        }
    }
}
