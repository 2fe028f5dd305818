package io.stakestream.cli;

import io.stakestream.ledger.Keys;
import picocli.CommandLine.Option;

/** A command about one pool: --pool ID. */
public abstract class PoolVerb extends SignedVerb {

    @Option(names = "--pool", paramLabel = "ID", required = true, description = "the pool (provider id)")
    protected String pool;

    @Override
    protected String pool() {
        if (Keys.NETWORK.equals(pool)) {
            throw new UsageException("\"*\" is reserved for network-wide commands; give the pool's id");
        }
        return pool;
    }
}
