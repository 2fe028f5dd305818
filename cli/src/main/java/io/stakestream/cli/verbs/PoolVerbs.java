package io.stakestream.cli.verbs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.avro.AcceptOperatorStakingRecord;
import io.stakestream.avro.ChangeOperatorPoolAdmin;
import io.stakestream.avro.ChangeOperatorStakingRecord;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SweepClosedPoolUsdcDust;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.cli.KeyFiles;
import io.stakestream.cli.PoolVerb;
import io.stakestream.protocol.crypto.AccountKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `stakestream pool ...`: what an operator does with its pool. */
@Command(name = "pool", description = "Operate a pool: create, update, retire, close, change admin or operator record, sweep dust.",
        subcommands = {PoolVerbs.Create.class, PoolVerbs.Update.class, PoolVerbs.Retire.class, PoolVerbs.Close.class,
                PoolVerbs.ChangeAdmin.class, PoolVerbs.ChangeOperatorRecord.class, PoolVerbs.AcceptOperatorRecord.class,
                PoolVerbs.Sweep.class})
public final class PoolVerbs {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String metadata(String url, String name) {
        var o = JSON.createObjectNode().put("url", url);
        if (name != null) {
            o.put("name", name);
        }
        return o.toString();
    }

    @Command(name = "create", description = "Register an operator pool; the signer becomes its admin and operator.")
    public static final class Create extends PoolVerb {
        @Option(names = "--model", paramLabel = "ID", required = true, description = "the registered model the pool serves")
        String model;
        @Option(names = "--url", paramLabel = "URL", required = true, description = "the provider's URL (metadata)")
        String url;
        @Option(names = "--name", paramLabel = "NAME", description = "display name (metadata)")
        String name;
        @Option(names = "--region", paramLabel = "REGION", defaultValue = "unknown", description = "default: unknown")
        String region;
        @Option(names = "--commission", paramLabel = "BPS", description = "token commission in basis points (default: the network's)")
        Integer commission;
        @Option(names = "--usdc-commission", paramLabel = "BPS", description = "USDC commission in basis points (default: the network's)")
        Integer usdcCommission;
        @Option(names = "--cap", paramLabel = "TOKENS", description = "cap on delegated tokens")
        String cap;
        @Option(names = "--auto-stake", description = "auto-stake the token commission into the operator's record")
        boolean autoStake;
        @Option(names = "--no-delegation", description = "take no delegations")
        boolean noDelegation;
        @Option(names = "--initial-stake", paramLabel = "TOKENS", defaultValue = "0", description = "the operator's first stake")
        String initialStake;
        @Option(names = "--fee", paramLabel = "TOKENS", defaultValue = "0", description = "registration fee; must equal the network's")
        String fee;
        @Option(names = "--node-key", paramLabel = "ACCOUNT", description = "a node's account (hex or key file), up to 5; repeatable")
        List<String> nodeKeys = new ArrayList<>();

        @Override
        protected SpecificRecord body(AccountKey signer) {
            List<ByteBuffer> nodes = new ArrayList<>();
            nodeKeys.forEach(k -> nodes.add(KeyFiles.account(console, k)));
            return CreateOperatorPool.newBuilder()
                    .setModelId(model).setRegion(region).setMetadataJson(metadata(url, name)).setOperatorAuthKeys(nodes)
                    .setTokenCommissionBps(commission).setUsdcCommissionBps(usdcCommission)
                    .setDelegationEnabled(!noDelegation).setDelegationCap(cap == null ? null : output.tokens(cap))
                    .setAutoStakeCommission(autoStake).setRegistrationFee(output.tokens(fee)).setInitialStake(output.tokens(initialStake))
                    .build();
        }
    }

    @Command(name = "update", description = "Change commissions (from the next epoch), delegation, cap, auto-stake, metadata, nodes, minimum self-stake.")
    public static final class Update extends PoolVerb {
        @Option(names = "--commission", paramLabel = "BPS", description = "token commission from the next epoch")
        Integer commission;
        @Option(names = "--usdc-commission", paramLabel = "BPS", description = "USDC commission from the next epoch")
        Integer usdcCommission;
        @Option(names = "--delegation", paramLabel = "on|off", arity = "1", description = "take delegations or not")
        OnOff delegation;
        @Option(names = "--cap", paramLabel = "TOKENS", description = "cap on delegated tokens")
        String cap;
        @Option(names = "--clear-cap", description = "remove the cap")
        boolean clearCap;
        @Option(names = "--auto-stake", paramLabel = "on|off", arity = "1", description = "auto-stake the token commission")
        OnOff autoStake;
        @Option(names = "--url", paramLabel = "URL", description = "new metadata URL (with --name)")
        String url;
        @Option(names = "--name", paramLabel = "NAME", description = "new display name (needs --url)")
        String name;
        @Option(names = "--node-key", paramLabel = "ACCOUNT", description = "replace the node keys (hex or key file); repeatable")
        List<String> nodeKeys;
        @Option(names = "--min-self-stake", paramLabel = "TOKENS", description = "the pool's own minimum self-stake")
        String minSelfStake;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            List<ByteBuffer> nodes = null;
            if (nodeKeys != null) {
                nodes = new ArrayList<>();
                for (String k : nodeKeys) {
                    nodes.add(KeyFiles.account(console, k));
                }
            }
            if (name != null && url == null) {
                throw new io.stakestream.cli.UsageException("metadata is replaced whole: give --url with --name");
            }
            return UpdateOperatorPool.newBuilder()
                    .setTokenCommissionBps(commission).setUsdcCommissionBps(usdcCommission)
                    .setDelegationEnabled(delegation == null ? null : delegation.on())
                    .setDelegationCap(cap == null ? null : output.tokens(cap)).setClearDelegationCap(clearCap)
                    .setAutoStakeCommission(autoStake == null ? null : autoStake.on())
                    .setMetadataJson(url == null ? null : metadata(url, name)).setOperatorAuthKeys(nodes)
                    .setMinSelfStake(minSelfStake == null ? null : output.tokens(minSelfStake))
                    .build();
        }
    }

    /** on / off as picocli parses it. */
    public enum OnOff {
        on, off;

        boolean on() {
            return this == on;
        }
    }

    @Command(name = "retire", description = "Stop taking stake; positions wind down (Active -> Retired).")
    public static final class Retire extends PoolVerb {
        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new RetireOperatorPool();
        }
    }

    @Command(name = "close", description = "Close the pool for good; its positions can still unstake and claim.")
    public static final class Close extends PoolVerb {
        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new CloseOperatorPool();
        }
    }

    @Command(name = "change-admin", description = "Hand the pool's admin role to another account.")
    public static final class ChangeAdmin extends PoolVerb {
        @Option(names = "--new-admin", paramLabel = "ACCOUNT", required = true, description = "hex or key file")
        String newAdmin;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new ChangeOperatorPoolAdmin(KeyFiles.account(console, newAdmin));
        }
    }

    @Command(name = "change-operator-record", description = "Nominate another account's staking record as the operator's own;"
            + " it moves when that account accepts (pool accept-operator-record).")
    public static final class ChangeOperatorRecord extends PoolVerb {
        @Option(names = "--new-operator", paramLabel = "ACCOUNT", required = true, description = "hex or key file")
        String newOperator;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new ChangeOperatorStakingRecord(KeyFiles.account(console, newOperator));
        }
    }

    @Command(name = "accept-operator-record", description = "Accept the pool admin's nomination: your staking record becomes the operator's.")
    public static final class AcceptOperatorRecord extends PoolVerb {
        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new AcceptOperatorStakingRecord();
        }
    }

    @Command(name = "sweep", description = "Sweep a closed pool's USDC dust to the treasury.")
    public static final class Sweep extends PoolVerb {
        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new SweepClosedPoolUsdcDust();
        }
    }
}
