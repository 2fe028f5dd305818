package io.stakestream.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Quick checks that the broker and the registry answer, so a user sees one line with the address tried, not a stack trace. */
public final class Services {

    private static final String START = "start them with `stakestream up` (or docker compose up)";

    private Services() {
    }

    /**
     * Something listens at one of the bootstrap addresses. A plain TCP connect answers at once
     * where nothing listens, and costs nothing on a loaded machine; the clients report the rest.
     */
    public static void requireBroker(String bootstrap) {
        for (String address : bootstrap.split(",")) {
            String a = address.trim();
            int colon = a.lastIndexOf(':');
            if (colon < 1) {
                throw new UsageException("a broker address is HOST:PORT, got '" + a + "' (--bootstrap)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1))), 3_000);
                return;
            } catch (IOException | IllegalArgumentException e) {
                // try the next one
            }
        }
        throw new Unreachable("no Kafka broker answers at " + bootstrap + ": " + START + ", or pass --bootstrap HOST:PORT");
    }

    public static void requireRegistry(String url) {
        try {
            HttpResponse<Void> res = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                    HttpRequest.newBuilder(URI.create(url + "/subjects")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (res.statusCode() >= 500) {
                throw new Unreachable("the schema registry at " + url + " answers " + res.statusCode() + ": check its logs");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new Unreachable("no schema registry answers at " + url + ": " + START + ", or pass --registry URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while reaching the schema registry at " + url);
        }
    }
}
