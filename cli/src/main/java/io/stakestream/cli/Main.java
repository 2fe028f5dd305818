package io.stakestream.cli;

import io.stakestream.cli.demo.DemoCommand;
import io.stakestream.protocol.clients.CommandPublisher;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code stakestream} command line. Exit codes: 0 done, 1 failed, 2 wrong usage. */
public final class Main {

    static {
        // before the first logger: pick our config over the logback.xml other jars on the class path carry
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "stakestream-cli-logback.xml");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private static final List<Subcommand> COMMANDS = List.of(new DemoCommand(), new io.stakestream.cli.bench.BenchCommand(), new TopicsCommand(), new KeygenCommand(),
            new AccountCommand(), new SendCommand(), new QueryCommand(), new EpochClockCommand(), new RewardsCommand(),
            new ReconcileCommand());

    private Main() {
    }

    public static void main(String[] args) {
        io.stakestream.schemas.AvroTrust.install(); // before any generated record is built
        System.exit(run(args, new Console(System.out, System.err, System.getenv())));
    }

    public static int run(String[] argv, Console console) {
        Map<String, Subcommand> byName = new LinkedHashMap<>();
        COMMANDS.forEach(c -> byName.put(c.name(), c));
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            console.out().print(usage());
            return argv.length == 0 ? 2 : 0;
        }
        Subcommand command = byName.get(argv[0]);
        if (command == null) {
            console.err().println("stakestream: unknown command '" + argv[0] + "'; the commands are: "
                    + String.join(", ", byName.keySet()) + " (stakestream --help)");
            return 2;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            console.out().print(command.help());
            return 0;
        }
        try {
            return command.run(rest, console);
        } catch (UsageException e) {
            console.err().println("stakestream " + command.name() + ": " + e.getMessage());
            return 2;
        } catch (CommandPublisher.PublishException | IllegalStateException | IllegalArgumentException | java.io.IOException e) {
            log.debug("{} failed", command.name(), e);
            console.err().println("stakestream " + command.name() + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            log.error("{} failed", command.name(), e);
            console.err().println("stakestream " + command.name() + " failed: " + e);
            return 1;
        }
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("""
                stakestream: an off-chain staking ledger on Kafka Streams

                usage: stakestream <command> [options]      stakestream <command> --help

                commands:
                """);
        for (Subcommand c : COMMANDS) {
            sb.append(String.format("  %-12s %s%n", c.name(), c.summary()));
        }
        sb.append("""

                Start with: stakestream demo --fast
                """);
        return sb.toString();
    }
}
