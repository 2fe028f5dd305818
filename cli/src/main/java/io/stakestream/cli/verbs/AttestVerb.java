package io.stakestream.cli.verbs;

import io.stakestream.avro.JobResult;
import io.stakestream.cli.Api;
import io.stakestream.cli.SignedInput;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.AttestationSigner;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A node reports a job: one signed attestation batch with one result, counted for the epoch open when it is forwarded. */
@Command(name = "attest", description = "Report a job as a pool's node (signed with the node's key, one of the pool's node keys).")
public final class AttestVerb extends SignedInput {

    @Option(names = "--pool", paramLabel = "ID", required = true, description = "the pool the node works for")
    String pool;
    @Option(names = "--job", paramLabel = "ID", required = true, description = "the job's id")
    String job;
    @Option(names = "--model", paramLabel = "ID", required = true, description = "the model the job ran")
    String model;
    @Option(names = "--epoch", paramLabel = "N", description = "the epoch (default: the current one, from the query API)")
    Long epoch;
    @Option(names = "--failed", description = "the job failed")
    boolean failed;
    @Option(names = "--latency", paramLabel = "MS", defaultValue = "100", description = "latency in milliseconds (default 100)")
    long latencyMs;
    @Option(names = "--invalid-proof", description = "the job's proof did not verify")
    boolean invalidProof;
    @Option(names = "--dropout", description = "the node dropped out mid-job")
    boolean dropout;
    @Option(names = "--usdc-fee", paramLabel = "USDC", defaultValue = "0", description = "USDC the job earned")
    String usdcFee;

    @Override
    protected Inputs inputs(AccountKey signer) throws Exception {
        long e = epoch != null ? epoch
                : new Api(services.api(console)).get("/network", "initialize the network first").path("currentEpoch").asLong();
        JobResult result = JobResult.newBuilder().setEpoch(e).setJobId(job).setModelId(model).setSuccess(!failed)
                .setLatencyMs(latencyMs).setProofValid(!invalidProof).setCompleted(!dropout).setUsdcFee(output.usdc(usdcFee)).build();
        return new Inputs(List.of(), List.of(AttestationSigner.of(signer, payloads()).attestation(nextId(), pool, nextNonce(), List.of(result))));
    }
}
