package io.stakestream.cli;

import picocli.CommandLine.Mixin;

/** A command that talks to the broker, the registry or the query API. */
public abstract class ConnectedCommand extends CliCommand {

    @Mixin
    protected ServiceOptions services;

    private io.stakestream.protocol.serde.SignedPayloads payloads;

    /**
     * The payload serde of the registry these services use: a signature covers the payload's bytes
     * with their schema id, so signing needs the registry (checked reachable first, one line if not).
     */
    protected final io.stakestream.protocol.serde.SignedPayloads payloads() {
        if (payloads == null) {
            String registry = services.registry(console);
            Services.requireRegistry(registry);
            payloads = io.stakestream.protocol.serde.StakestreamSerdes.forUrl(registry).payloads();
        }
        return payloads;
    }
}
