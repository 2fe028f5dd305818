package io.stakestream.cli.bench;

import io.stakestream.cli.Args;
import io.stakestream.cli.Console;
import io.stakestream.cli.Subcommand;
import io.stakestream.protocol.registry.InProcessSchemaRegistry;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.util.List;

/**
 * {@code stakestream bench}: throughput of the parts a command goes through, measured here and now —
 * signature checks, the ledger alone, and the whole pipeline on a real in-process broker.
 */
public final class BenchCommand implements Subcommand {
    private static final List<Args.Option> OPTIONS = List.of(
            new Args.Option("commands", "N", "stake commands through the pipeline (default 20000)"),
            new Args.Option("pools", "N", "pools the stakes spread over (default 8)"),
            new Args.Option("delegators", "N", "delegators per pool (default 500)"),
            new Args.Option("partitions", "N", "partitions of the commands topic (default 2)"));

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure signature checks, the ledger alone and the whole pipeline on a real broker";
    }

    @Override
    public String help() {
        return """
                usage: stakestream bench [--commands N] [--pools N] [--delegators N] [--partitions N]

                Three measurements, printed as a table: Ed25519 verifications per second; commands per second
                through the ledger with an in-memory store; and commands per second end to end (signed Stake
                commands produced to a real in-process broker, applied by the ledger under exactly_once_v2,
                until every one is accepted or rejected). A long run: keep it out of timed tests.

                """ + Args.optionsHelp(OPTIONS);
    }

    @Override
    public int run(List<String> argv, Console console) throws Exception {
        Args args = Args.parse("bench", argv, OPTIONS);
        args.noMorePositionals(0);
        Workload workload = new Workload((int) args.longValue("pools", 8), (int) args.longValue("delegators", 500), (int) args.longValue("commands", 20_000));
        var out = console.out();
        out.printf("signing %d commands for %d pools x %d delegators ...%n", workload.size(), workload.pools(), workload.delegators());
        // the two in-JVM stages read payloads with a registry of their own; the pipeline re-signs against its stack's
        workload.sign(new StakestreamSerdes(new InProcessSchemaRegistry().client()).payloads());
        out.printf("%-34s %12s %10s%n", "stage", "commands/s", "seconds");
        Measurement verify = Stages.verifySignatures(workload);
        out.printf("%-34s %,12.0f %10.2f%n", "Ed25519 verify (1 thread)", verify.rate(), verify.seconds());
        Measurement ledger = Stages.ledgerOnly(workload);
        out.printf("%-34s %,12.0f %10.2f%n", "ledger, in-memory store", ledger.rate(), ledger.seconds());
        Measurement pipeline = Stages.pipeline(workload, (int) args.longValue("partitions", 2), line -> out.println("  " + line));
        out.printf("%-34s %,12.0f %10.2f%n", "pipeline, real broker, EOS v2", pipeline.rate(), pipeline.seconds());
        return 0;
    }
}
