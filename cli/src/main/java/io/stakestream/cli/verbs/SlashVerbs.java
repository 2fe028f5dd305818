package io.stakestream.cli.verbs;

import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.SlashReason;
import io.stakestream.cli.PoolVerb;
import io.stakestream.protocol.crypto.AccountKey;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `stakestream slash ...`: the slashing authority's proposals, which wait out the dispute window. */
@Command(name = "slash", description = "Propose, execute, cancel or list slashes (slashing authority).",
        subcommands = {SlashVerbs.Propose.class, SlashVerbs.Execute.class, SlashVerbs.Cancel.class, SlashList.class})
public final class SlashVerbs {

    @Command(name = "propose", description = "Propose a slash with a reason and evidence; it executes after the dispute window.")
    public static final class Propose extends PoolVerb {
        @Option(names = "--slash-id", paramLabel = "ID", required = true, description = "an id for the slash")
        String slashId;
        @Option(names = "--reason", paramLabel = "REASON", required = true, description = "one of ${COMPLETION-CANDIDATES}")
        SlashReason reason;
        @ArgGroup(exclusive = true)
        Size size;
        @Option(names = "--evidence", paramLabel = "TEXT", defaultValue = "", description = "why")
        String evidence;

        static final class Size {
            @Option(names = "--ppm", paramLabel = "N", description = "fraction in parts per million (default: the schedule's for the reason)")
            Integer ppm;
            @Option(names = "--amount", paramLabel = "TOKENS", description = "a fixed amount instead of a fraction")
            String amount;
        }

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return ProposeSlash.newBuilder().setSlashId(slashId).setReason(reason)
                    .setFractionPpm(size == null ? null : size.ppm)
                    .setAmount(size == null || size.amount == null ? null : output.tokens(size.amount))
                    .setEvidence(evidence).build();
        }
    }

    @Command(name = "execute", description = "Execute a proposed slash once its dispute window is over.")
    public static final class Execute extends PoolVerb {
        @Option(names = "--slash-id", paramLabel = "ID", required = true, description = "the proposed slash's id")
        String slashId;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new ExecuteSlash(slashId);
        }
    }

    @Command(name = "cancel", description = "Cancel a proposed slash.")
    public static final class Cancel extends PoolVerb {
        @Option(names = "--slash-id", paramLabel = "ID", required = true, description = "the proposed slash's id")
        String slashId;
        @Option(names = "--why", paramLabel = "TEXT", defaultValue = "", description = "reason")
        String why;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new CancelSlash(slashId, why);
        }
    }
}
