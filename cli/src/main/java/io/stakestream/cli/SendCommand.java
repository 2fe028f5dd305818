package io.stakestream.cli;

import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Signs one command and writes it with a transactional producer: keyed by pool, or, for a
 * network-wide command, to every partition. The outcome arrives on the events or rejections
 * topic; read it back with {@code stakestream query}.
 */
final class SendCommand implements Subcommand {

    private static final List<Args.Option> COMMON = List.of(AccountCommand.KEY,
            new Args.Option("pool", "ID", "the pool (provider id); network-wide commands ignore it"),
            new Args.Option("nonce", "N", "strictly rising per (pool, signer); default: now in milliseconds"),
            new Args.Option("command-id", "ID", "unique command id (default: a random UUID)"),
            Console.BOOTSTRAP, Console.REGISTRY);

    @Override
    public String name() {
        return "send";
    }

    @Override
    public String summary() {
        return "sign and send a command: send <command> --key FILE --pool ID [options]";
    }

    @Override
    public String help() {
        StringBuilder sb = new StringBuilder("""
                usage: stakestream send <command> --key FILE --pool ID [--nonce N] [command options]

                Tokens are typed in whole tokens (18 decimals: 12.5 is fine), USDC in dollars (6 decimals).
                Network-wide commands (marked *) go to pool "*" on every partition of the commands topic.

                options of every command:
                """);
        sb.append(Args.optionsHelp(COMMON)).append("\ncommands:\n");
        for (CommandVerbs.Verb v : CommandVerbs.ALL) {
            sb.append(String.format("  %-22s %s%s%n", v.name(), v.network() ? "* " : "", v.help()));
            if (!v.options().isEmpty()) {
                sb.append(Args.optionsHelp(v.options()).indent(4));
            }
        }
        return sb.toString();
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        if (argv.isEmpty() || argv.get(0).startsWith("--")) {
            throw new UsageException("which command? e.g. send stake --key me.key --pool atlas --amount 100; the commands: "
                    + String.join(", ", CommandVerbs.ALL.stream().map(CommandVerbs.Verb::name).toList()));
        }
        CommandVerbs.Verb verb = CommandVerbs.find(argv.get(0));
        List<Args.Option> options = new ArrayList<>(COMMON);
        options.addAll(verb.options());
        Args args = Args.parse("send " + verb.name(), argv.subList(1, argv.size()), options);
        args.noMorePositionals(0);
        String pool;
        if (verb.network()) {
            if (args.value("pool").filter(p -> !p.equals(Keys.NETWORK)).isPresent()) {
                throw new UsageException(verb.name() + " is network-wide: it goes to pool \"*\" on every partition; drop --pool");
            }
            pool = Keys.NETWORK;
        } else {
            pool = args.required("pool", "the pool id the command is about, e.g. --pool atlas-gpu");
            if (pool.equals(Keys.NETWORK)) {
                throw new UsageException("\"*\" is reserved for network-wide commands; give the pool's id");
            }
        }
        SpecificRecord body = verb.body().apply(args);
        AccountKey key = KeyFiles.load(args);
        if (body instanceof io.stakestream.avro.ClaimUnstake claim && claim.getOwner() == null) {
            claim.setOwner(key.accountBuffer());
        }
        long nonce = args.longValue("nonce", System.currentTimeMillis());
        String commandId = args.value("command-id", UUID.randomUUID().toString());
        try (CommandPublisher out = CommandPublisher.create(console.bootstrap(args), StakestreamSerdes.forUrl(console.registry(args)),
                "stakestream-cli", true)) {
            SignedCommand command = CommandSigner.of(key, out.payloads()).command(commandId, pool, nonce, body);
            List<RecordMetadata> written = out.publish(command);
            console.out().printf("sent %s as %s to pool %s: command id %s, nonce %d, %d record(s) on partition(s) %s%n",
                    body.getClass().getSimpleName(), key.accountHex(), pool, commandId, nonce, written.size(),
                    written.stream().map(m -> Integer.toString(m.partition())).distinct().toList());
            console.out().println("the outcome lands on stakestream.events or stakestream.rejections; check with stakestream query");
        }
        return 0;
    }
}
