package io.stakestream.cli;

import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.clients.OutcomeWaiter.Outcome;
import io.stakestream.protocol.crypto.AccountKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * Something signed with the key file (commands, attestations), written in one transaction, then
 * waited for (matched by command id, read_committed) and printed: accepted with the new state,
 * or refused with the reason and what to do.
 */
public abstract class SignedInput extends ConnectedCommand {

    /** What one invocation writes. */
    public record Inputs(List<SignedCommand> commands, List<SignedAttestation> attestations) {
        List<String> ids(io.stakestream.protocol.serde.SignedPayloads payloads) {
            List<String> ids = new ArrayList<>();
            commands.forEach(c -> ids.add(payloads.command(c).getCommandId()));
            attestations.forEach(a -> ids.add(payloads.attestation(a).getBatchId()));
            return ids;
        }
    }

    @Option(names = "--key", paramLabel = "FILE",
            description = "the signer's key file (stakestream keygen; `stakestream up` writes the network's keys to its keys directory)")
    protected String keyFile;

    @Option(names = "--nonce", paramLabel = "N", description = "strictly rising per (pool, signer); default: the clock in milliseconds")
    Long nonce;

    @Option(names = "--command-id", paramLabel = "ID", description = "unique command (or batch) id (default: a random UUID)")
    String commandId;

    @Option(names = "--no-wait", description = "write it and exit without waiting for the outcome")
    boolean noWait;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "how long to wait for the outcome (default 30)")
    long timeoutSeconds;

    private int made;

    protected abstract Inputs inputs(AccountKey signer) throws Exception;

    /** The next id: --command-id for the first input (suffixed for more), else a random UUID. */
    protected final String nextId() {
        return commandId != null ? (made == 0 ? commandId : commandId + "-" + made) : UUID.randomUUID().toString();
    }

    /** The next nonce: --nonce for the first input (rising for more), else the clock. */
    protected final long nextNonce() {
        long n = nonce != null ? nonce + made : Nonces.next();
        made++;
        return n;
    }

    @Override
    protected int run() throws Exception {
        AccountKey signer = KeyFiles.load(console, keyFile);
        Inputs inputs = inputs(signer);
        var outcomes = Submission.submit(services.bootstrap(console), services.registry(console), inputs.commands(),
                inputs.attestations(), noWait ? null : Duration.ofSeconds(timeoutSeconds));
        OutcomeReport report = new OutcomeReport(console, output);
        if (noWait) {
            return report.sent(inputs.ids(payloads()), name(inputs));
        }
        return report.print(settle(outcomes));
    }

    /** What of the outcomes the verb reports; all of them by default. */
    protected Map<String, Outcome> settle(Map<String, Outcome> outcomes) {
        return outcomes;
    }

    private String name(Inputs inputs) {
        if (inputs.commands().size() == 1 && inputs.attestations().isEmpty()) {
            return payloads().command(inputs.commands().get(0)).getBody().getClass().getSimpleName();
        }
        return inputs.commands().size() + " command(s) and " + inputs.attestations().size() + " attestation batch(es)";
    }
}
