package io.stakestream.app.topology;

import java.nio.charset.StandardCharsets;

/**
 * One record of the commands log, raw, as the ledger processor applies it. {@code timestamp} is
 * the commands log's (the ledger's clock); {@code sourceTopic}, {@code sourcePartition},
 * {@code sourceOffset} and {@code sourceTimestamp} name the record producers wrote: the commands
 * record itself, or for an attestation forwarded by the {@link AttestationGateway}, the original
 * record of the attestations topic (or of the deposits topic, for a deposit the {@link DepositGateway}
 * forwarded; {@code duplicateOf} is set when it marked the deposit a later copy of a transfer).
 * Everything the ledger emits for the record names its source.
 */
record Input(boolean attestation, String sourceTopic, int sourcePartition, long sourceOffset, long sourceTimestamp,
             long timestamp, int partition, byte[] rawKey, byte[] rawValue, String duplicateOf) {

    /** The record key as the pool id it should be, or null. */
    String key() {
        return rawKey == null ? null : new String(rawKey, StandardCharsets.UTF_8);
    }

    /** Where the record came from, for logs. */
    String where() {
        return sourceTopic + "-" + sourcePartition + "@" + sourceOffset;
    }
}
