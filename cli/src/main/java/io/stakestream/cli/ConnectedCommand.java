package io.stakestream.cli;

import picocli.CommandLine.Mixin;

/** A command that talks to the broker, the registry or the query API. */
public abstract class ConnectedCommand extends CliCommand {

    @Mixin
    protected ServiceOptions services;
}
