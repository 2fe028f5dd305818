package io.stakestream.cli.up;

import io.stakestream.cli.Console;
import io.stakestream.cli.UsageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The fixed ports a local stack listens on (0 = any free port, for tests); the defaults are what the CLI looks for. */
public record Ports(int broker, int controller, int registry, int api) {

    public static final Ports DEFAULTS = new Ports(port(Console.DEFAULT_BOOTSTRAP), 19093, port(Console.DEFAULT_REGISTRY),
            port(Console.DEFAULT_API));
    public static final Ports ANY = new Ports(0, 0, 0, 0);

    /** Refuses ports something else already listens on, naming the flag that moves each. */
    public void requireFree() {
        free(broker, "--broker-port");
        free(controller, "--controller-port");
        free(registry, "--registry-port");
        free(api, "--api-port");
    }

    private static void free(int port, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new UsageException("port " + port + " is taken (another stakestream up, docker compose?): stop it or pass " + flag
                    + " PORT");
        }
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
