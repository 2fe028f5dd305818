package io.stakestream.cli.up;

import io.stakestream.cli.Console;

/** The fixed ports a local stack listens on (0 = any free port, for tests); the defaults are what the CLI looks for. */
public record Ports(int broker, int controller, int registry, int api) {

    public static final Ports DEFAULTS = new Ports(port(Console.DEFAULT_BOOTSTRAP), 19093, port(Console.DEFAULT_REGISTRY),
            port(Console.DEFAULT_API));
    public static final Ports ANY = new Ports(0, 0, 0, 0);

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
