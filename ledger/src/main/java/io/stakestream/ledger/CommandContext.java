package io.stakestream.ledger;

import java.nio.ByteBuffer;

/**
 * Where a command came from. The timestamp is the broker's log-append time of the command, so
 * cooldowns run on the broker's clock and a replay sees the same times.
 */
public record CommandContext(String commandId, String poolId, ByteBuffer actor, long nonce, String command,
                             long timestamp, int partition, int partitions) {
}
