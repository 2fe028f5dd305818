package io.stakestream.cli.verbs;

import io.stakestream.avro.EpochClose;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SetWhitelist;
import io.stakestream.cli.NetworkVerb;
import io.stakestream.cli.PoolVerb;
import io.stakestream.protocol.crypto.AccountKey;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The admin's models and whitelist, the halt authority's halt and resume, a manual epoch close. */
public final class ControlVerbs {

    private ControlVerbs() {
    }

    @Command(name = "model", description = "Register models and the stake their providers need (admin).", subcommands = ModelSet.class)
    public static final class Model {
    }

    @Command(name = "set", description = "Register or update a model with its required stake (admin).")
    public static final class ModelSet extends NetworkVerb {
        @Option(names = "--model", paramLabel = "ID", required = true, description = "model id")
        String model;
        @Option(names = "--required-stake", paramLabel = "TOKENS", defaultValue = "0", description = "stake its providers need")
        String requiredStake;
        @Option(names = "--disabled", description = "register it disabled")
        boolean disabled;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new SetModel(model, output.tokens(requiredStake), !disabled);
        }
    }

    @Command(name = "whitelist", description = "Whitelist a pool's provider id, or --remove it (admin).")
    public static final class Whitelist extends PoolVerb {
        @Option(names = "--remove", description = "remove it from the whitelist")
        boolean remove;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new SetWhitelist(!remove);
        }
    }

    @Command(name = "halt", description = "Halt a pool (halt authority): no stake, no rewards; unstakes and claims go on.")
    public static final class Halt extends PoolVerb {
        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new SetHaltStatus(true);
        }
    }

    @Command(name = "resume", description = "Lift a pool's halt (halt authority).")
    public static final class Resume extends PoolVerb {
        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new SetHaltStatus(false);
        }
    }

    @Command(name = "epoch-close", description = "Close epoch N on every partition now (reward authority); the epoch clock does this on a timer.")
    public static final class EpochCloseVerb extends NetworkVerb {
        @Option(names = "--epoch", paramLabel = "N", required = true, description = "the ledger's current epoch (stakestream status)")
        long epoch;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new EpochClose(epoch);
        }
    }
}
