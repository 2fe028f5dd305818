package io.stakestream.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Quick checks that the broker and the registry answer, so a user sees one line with the address tried, not a stack trace. */
public final class Services {

    private static final String START = "start them with `stakestream up` (or docker compose up)";

    private Services() {
    }

    public static void requireBroker(String bootstrap) {
        Admin admin = null;
        try {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000));
            admin.describeCluster().nodes().get(4, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new Unreachable("no Kafka broker answers at " + bootstrap + ": " + START + ", or pass --bootstrap HOST:PORT");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while reaching the broker at " + bootstrap);
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO); // nothing to finish; do not wait out its retries
            }
        }
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
