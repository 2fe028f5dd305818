package io.stakestream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.clients.OutcomeWaiter;
import io.stakestream.protocol.registry.SchemaRegistryException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The {@code stakestream} command line on picocli; {@link ExitCode} lists what it exits with. */
public final class Main {

    static {
        // before the first logger: pick our config over the logback.xml other jars on the class path carry
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "stakestream-cli-logback.xml");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Main() {
    }

    public static void main(String[] args) {
        io.stakestream.schemas.AvroTrust.install(); // before any generated record is built
        System.exit(run(args, new Console(System.out, System.err, System.getenv())));
    }

    public static int run(String[] argv, Console console) {
        return commandLine(console).execute(argv);
    }

    /** The whole command tree, printing to {@code console}; every command object gets the console. */
    public static CommandLine commandLine(Console console) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(StakestreamCommand.class, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = defaults.create(type);
                if (made instanceof CliCommand c) {
                    c.console(console);
                }
                return made;
            }
        });
        cli.setOut(new PrintWriter(console.out(), true));
        cli.setErr(new PrintWriter(console.err(), true));
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine at = e.getCommandLine();
            String message = e.getMessage() + " (see " + at.getCommandSpec().qualifiedName() + " --help)";
            at.getErr().println(at.getCommandSpec().qualifiedName() + ": " + message);
            if (java.util.Arrays.asList(args).contains("--json")) {
                console.out().println(JSON.createObjectNode().put("status", "usage").put("message", message).put("exitCode", ExitCode.USAGE));
            }
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, at, parsed) -> failure(e, at, console));
        return cli;
    }

    private static int failure(Exception e, CommandLine at, Console console) {
        String name = at.getCommandSpec().qualifiedName();
        int code;
        String kind;
        if (e instanceof UsageException) {
            code = ExitCode.USAGE;
            kind = "usage";
        } else if (e instanceof Unreachable || e instanceof SchemaRegistryException) {
            code = ExitCode.UNREACHABLE;
            kind = "unreachable";
        } else if (e instanceof OutcomeWaiter.NoOutcomeException) {
            code = ExitCode.NO_OUTCOME;
            kind = "no-outcome";
        } else if (e instanceof CommandPublisher.PublishException || e instanceof IllegalStateException
                || e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
            log.debug("{} failed", name, e);
            code = ExitCode.FAILED;
            kind = "error";
        } else {
            log.error("{} failed", name, e);
            code = ExitCode.FAILED;
            kind = "error";
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        console.err().println(name + ": " + message);
        if (at.getCommand() instanceof CliCommand c && c.output.json()) {
            ObjectNode o = JSON.createObjectNode().put("status", kind).put("message", message).put("exitCode", code);
            console.out().println(o);
        }
        return code;
    }
}
