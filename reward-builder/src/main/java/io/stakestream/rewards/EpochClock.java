package io.stakestream.rewards;

import io.stakestream.avro.EpochClose;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.clients.CommittedReader;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch clock (DESIGN.md section 5): closes epoch n by writing EpochClose(n), signed with a
 * reward authority key, to every partition of the commands topic in one transaction. Every copy
 * carries the same command id ("epoch-close-n") and nonce.
 */
public final class EpochClock {

    private static final Logger log = LoggerFactory.getLogger(EpochClock.class);

    private final CommandPublisher out;
    private final CommandSigner signer;
    private final GatewayCatchUp gateway;
    private long lastNonce;

    public EpochClock(CommandPublisher out, AccountKey rewardKey) {
        this(out, rewardKey, null);
    }

    /** @param gateway when given, each close first waits (bounded) for the attestation gateway to catch up */
    public EpochClock(CommandPublisher out, AccountKey rewardKey, GatewayCatchUp gateway) {
        this.out = out;
        this.signer = CommandSigner.of(rewardKey, out.payloads());
        this.gateway = gateway;
    }

    public static String commandId(long epoch) {
        return "epoch-close-" + epoch;
    }

    /** Writes EpochClose(epoch) to every partition; returns the signed command. */
    public SignedCommand close(long epoch) throws InterruptedException {
        if (gateway != null) gateway.await();
        SignedCommand command = signer.command(commandId(epoch), Keys.NETWORK, nextNonce(), new EpochClose(epoch));
        out.publish(command);
        log.info("epoch {} close written to {} partition(s)", epoch, out.partitions());
        return command;
    }

    /** Wall-clock milliseconds, forced to rise: nonces must grow per (pool "*", reward key) across restarts too. */
    private long nextNonce() {
        lastNonce = Math.max(System.currentTimeMillis(), lastNonce + 1);
        return lastNonce;
    }

    /**
     * The epoch to close next: one past the highest epoch any partition reported closed on the
     * pool-epoch-summaries topic, or {@code start} when none has. Should an EpochClose be in flight
     * when this runs, the repeated close is refused by the ledger as WRONG_EPOCH, never applied twice.
     */
    public static long resumeEpoch(String bootstrapServers, StakestreamSerdes serdes, long start) {
        long highest = -1;
        try (CommittedReader<EpochSummaryMessage> reader = new CommittedReader<>(bootstrapServers, serdes.poolEpochSummaries())) {
            for (ConsumerRecord<String, EpochSummaryMessage> r : reader.readToEnd(Duration.ofSeconds(60))) {
                if (r.value() != null && r.value().getBody() instanceof PartitionEpochClosed closed) {
                    highest = Math.max(highest, closed.getEpoch());
                }
            }
        }
        long next = Math.max(start, highest + 1);
        log.info("epoch clock resumes at epoch {} (highest closed: {}, start: {})", next, highest < 0 ? "none" : highest, start);
        return next;
    }
}
