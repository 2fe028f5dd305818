package io.stakestream.cli;

import io.stakestream.ledger.Keys;

/** A network-wide control command: pool "*", written to every partition, answered once per partition. */
public abstract class NetworkVerb extends SignedVerb {

    @Override
    protected final String pool() {
        return Keys.NETWORK;
    }
}
