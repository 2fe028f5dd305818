package io.stakestream.cli.up;

import io.stakestream.cli.CliCommand;
import io.stakestream.cli.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `stakestream up`: the embedded stack in the foreground until Ctrl-C, at fixed addresses, resuming from its data directory. */
@Command(name = "up", description = {
        "Run the whole stack in the foreground until Ctrl-C; a second start resumes.",
        "A broker (KRaft), a schema registry, the streams-app with its attestation gateway and the reward-builder's epoch clock,"
                + " at fixed addresses the other commands use by default.",
        "The first start initializes the network (keys written to DATA/keys, one pool '" + Genesis.POOL + "' to delegate to);"
                + " a later start with the same --data-dir resumes."})
public final class UpCommand extends CliCommand {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "stakestream-data",
            description = "broker log, registry journal, ledger state and keys (default ./stakestream-data)")
    String dataDir;
    @Option(names = "--broker-port", paramLabel = "PORT", defaultValue = "19092", description = "bootstrap port (default 19092)")
    int brokerPort;
    @Option(names = "--controller-port", paramLabel = "PORT", defaultValue = "19093", description = "KRaft controller port (default 19093)")
    int controllerPort;
    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081", description = "schema registry port (default 8081)")
    int registryPort;
    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "8080", description = "query API port (default 8080)")
    int apiPort;
    @Option(names = "--partitions", paramLabel = "N", description = "partitions of every topic, fixed at the first start (default 3)")
    int partitions;
    @Option(names = "--epoch-seconds", paramLabel = "SECONDS", defaultValue = "60", description = "epoch length (default 60)")
    long epochSeconds;
    @Option(names = "--cooldown", paramLabel = "SECONDS", defaultValue = "60",
            description = "unstake cooldown of the new network (default 60, standing in for InfraMind's 7 days)")
    long cooldown;

    @Override
    protected int run() throws Exception {
        Path data = console.path(dataDir).normalize();
        Ports ports = new Ports(brokerPort, controllerPort, registryPort, apiPort);
        ports.requireFree();
        console.err().println("starting the stack in " + data + " ...");
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stakestream-up-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(data,
                ports, partitions, epochSeconds, cooldown))) {
            new Banner(stack.bootstrapServers(), stack.schemaRegistryUrl(), stack.apiUrl(), data, stack.keys().dir(),
                    stack.resumed() ? "resumed from " + data : "new network initialized", epochSeconds).print(console.out(), output.json());
            stop.await();
            console.err().println("stopping ...");
        } finally {
            closed.countDown();
        }
        return ExitCode.OK;
    }
}
