package io.stakestream.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.UpdatePoolOverviewAuthorities;
import io.stakestream.cli.Api;
import io.stakestream.cli.KeyFiles;
import io.stakestream.cli.NetworkVerb;
import io.stakestream.cli.demo.DemoParams;
import io.stakestream.cli.format.AvroFromJson;
import io.stakestream.protocol.crypto.AccountKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `stakestream network ...`: the program admin's global parameters and authorities. */
@Command(name = "network", description = "Initialize the network, update its parameters, replace an authority's keys (admin).",
        subcommands = {NetworkVerbs.Init.class, NetworkVerbs.Update.class, NetworkVerbs.Authorities.class})
public final class NetworkVerbs {

    /** InfraMind's unbonding period, the default cooldown of a network initialized by hand. */
    static final long SEVEN_DAYS = 7 * 24 * 3600;
    /** minDisputeWindowSeconds' default in the schema. */
    static final long ONE_DAY = 24 * 3600;

    @Command(name = "init", description = "Initialize the program once: global parameters and the four authorities."
            + " Defaults are InfraMind's numbers; every authority defaults to the signer.")
    public static final class Init extends NetworkVerb {
        @Mixin
        ParamsOptions params;
        @Option(names = "--slashing", paramLabel = "ACCOUNT", description = "slashing authority (hex or key file; default the signer)")
        String slashing;
        @Option(names = "--halt", paramLabel = "ACCOUNT", description = "halt authority (default the signer)")
        String halt;
        @Option(names = "--reward", paramLabel = "ACCOUNT", description = "reward authority (default the signer)")
        String reward;
        @Option(names = "--custody", paramLabel = "ACCOUNT", description = "custody authority: the chain indexer that signs deposits and settlements (default the signer)")
        String custody;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            ByteBuffer me = signer.accountBuffer();
            // the demo's numbers, but a real network's slashes also wait out the schema's day of broker time
            GlobalParameters base = GlobalParameters.newBuilder(DemoParams.params(SEVEN_DAYS, SlashPolicy.OPERATOR_ONLY, me))
                    .setMinDisputeWindowSeconds(ONE_DAY).build();
            return new CreatePoolOverview(params.apply(base, output, console),
                    DemoParams.authorities(me, account(slashing, me), account(halt, me), List.of(account(reward, me)),
                            account(custody, me)));
        }

        private ByteBuffer account(String typed, ByteBuffer fallback) {
            return typed == null ? fallback : KeyFiles.account(console, typed);
        }
    }

    @Command(name = "update", description = "Change global parameters: the current ones (from the query API) with the flags given.")
    public static final class Update extends NetworkVerb {
        @Mixin
        ParamsOptions params;

        @Override
        protected SpecificRecord body(AccountKey signer) throws InterruptedException {
            JsonNode network = new Api(services.api(console)).get("/network", "initialize it first: stakestream network init");
            GlobalParameters current = AvroFromJson.read(network.path("params"), GlobalParameters.getClassSchema());
            return new UpdatePoolOverview(params.apply(current, output, console));
        }
    }

    @Command(name = "authorities", description = "Replace the keys of one authority role (admin).")
    public static final class Authorities extends NetworkVerb {
        @Option(names = "--role", paramLabel = "ROLE", required = true, description = "ADMIN, SLASHING, HALT, REWARD or CUSTODY")
        AuthorityRole role;
        @Option(names = "--account", paramLabel = "ACCOUNT", required = true, description = "hex or key file; repeatable")
        List<String> accounts;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            List<ByteBuffer> keys = new ArrayList<>();
            accounts.forEach(a -> keys.add(KeyFiles.account(console, a)));
            return new UpdatePoolOverviewAuthorities(role, keys);
        }
    }
}
