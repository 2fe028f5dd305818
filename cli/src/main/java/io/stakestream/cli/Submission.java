package io.stakestream.cli;

import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.clients.OutcomeWaiter;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes signed inputs in one transaction and, unless told not to wait, returns what the ledger
 * made of each (by command id; a network-wide command is answered once per partition).
 */
public final class Submission {

    private Submission() {
    }

    public static Map<String, OutcomeWaiter.Outcome> submit(String bootstrap, String registry, List<SignedCommand> commands,
                                                            List<SignedAttestation> attestations, Duration wait) {
        Services.requireBroker(bootstrap);
        Services.requireRegistry(registry);
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(registry);
        try (OutcomeWaiter waiter = wait == null ? null : new OutcomeWaiter(bootstrap, serdes);
             CommandPublisher out = CommandPublisher.create(bootstrap, serdes, "stakestream-cli", true)) {
            Map<String, Integer> expected = new LinkedHashMap<>();
            if (!commands.isEmpty()) {
                out.publish(commands);
            }
            if (!attestations.isEmpty()) {
                out.attest(attestations);
            }
            var payloads = serdes.payloads();
            commands.forEach(c -> expected.put(payloads.command(c).getCommandId(),
                    Keys.NETWORK.equals(payloads.command(c).getPoolId()) ? out.partitions() : 1));
            attestations.forEach(a -> expected.put(payloads.attestation(a).getBatchId(), 1));
            return waiter == null ? Map.of() : waiter.await(expected, wait);
        }
    }
}
