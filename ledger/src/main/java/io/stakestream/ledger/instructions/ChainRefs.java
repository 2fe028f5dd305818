package io.stakestream.ledger.instructions;

import io.stakestream.avro.ChainRef;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Rejected;

/** A chain reference must name one transfer: a chain, a 32-byte transaction hash, a log index. */
final class ChainRefs {
    static final int TX_HASH_BYTES = 32;

    private ChainRefs() {}

    static void check(ChainRef ref) {
        Rejected.unless(ref != null && ref.getTxHash() != null && ref.getTxHash().remaining() == TX_HASH_BYTES
                        && ref.getChainId() > 0 && ref.getLogIndex() >= 0, RejectReason.INVALID_ARGUMENT,
                "chainRef must name the transfer: chain id > 0, a 32-byte transaction hash and a log index >= 0");
    }
}
