package io.stakestream.cli.bench;

import io.stakestream.cli.CliCommand;
import io.stakestream.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.serde.StakestreamSerdes;

/**
 * {@code stakestream bench}: throughput of the parts a command goes through, measured here and now —
 * signature checks, the ledger alone, and the whole pipeline on a real in-process broker.
 */
@Command(name = "bench", description = {
        "Measure signature checks, the ledger alone and the whole pipeline on a real broker.",
        "Three measurements, printed as a table: Ed25519 verifications per second; commands per second through the ledger with an"
                + " in-memory store; and commands per second end to end (signed Stake commands produced to a real in-process broker,"
                + " applied by the ledger under exactly_once_v2, until every one is accepted or rejected). A long run: keep it out of"
                + " timed tests."})
public final class BenchCommand extends CliCommand {

    @Option(names = "--commands", paramLabel = "N", defaultValue = "20000", description = "stake commands through the pipeline (default 20000)")
    int commands;
    @Option(names = "--pools", paramLabel = "N", defaultValue = "8", description = "pools the stakes spread over (default 8)")
    int pools;
    @Option(names = "--delegators", paramLabel = "N", defaultValue = "500", description = "delegators per pool (default 500)")
    int delegators;
    @Option(names = "--partitions", paramLabel = "N", defaultValue = "2", description = "partitions of the commands topic (default 2)")
    int partitions;

    @Override
    protected int run() throws Exception {
        Workload workload = new Workload(pools, delegators, commands);
        var out = console.out();
        out.printf("signing %d commands for %d pools x %d delegators ...%n", workload.size(), workload.pools(), workload.delegators());
        // the two in-JVM stages read payloads with a registry of their own; the pipeline re-signs against its stack's
        workload.sign(new StakestreamSerdes(new InProcessSchemaRegistry().client()).payloads());
        out.printf("%-34s %12s %10s%n", "stage", "commands/s", "seconds");
        Measurement verify = Stages.verifySignatures(workload);
        out.printf("%-34s %,12.0f %10.2f%n", "Ed25519 verify (1 thread)", verify.rate(), verify.seconds());
        Measurement ledger = Stages.ledgerOnly(workload);
        out.printf("%-34s %,12.0f %10.2f%n", "ledger, in-memory store", ledger.rate(), ledger.seconds());
        Measurement pipeline = Stages.pipeline(workload, partitions, line -> out.println("  " + line));
        out.printf("%-34s %,12.0f %10.2f%n", "pipeline, real broker, EOS v2", pipeline.rate(), pipeline.seconds());
        return ExitCode.OK;
    }
}
