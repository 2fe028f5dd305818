package io.stakestream.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.topics.ProvisioningReport;
import io.stakestream.topics.TopicCatalog;
import io.stakestream.topics.TopicProvisioner;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Creates missing topics from topics.json and reports existing ones that differ (docker compose's topic-setup). */
@Command(name = "topics", description = "Create missing topics from the catalog and check existing ones. Idempotent: run it as often as you like.")
final class TopicsCommand extends ConnectedCommand {

    @Option(names = "--partitions", paramLabel = "N", description = "partitions of every topic (default topics.json, or $TOPIC_PARTITIONS)")
    Integer partitions;
    @Option(names = "--replication", paramLabel = "N", description = "replication factor (default topics.json, or $TOPIC_REPLICATION_FACTOR)")
    Short replication;
    @Option(names = "--strict", description = "exit 1 when an existing topic differs from the catalog")
    boolean strict;

    @Override
    protected int run() {
        TopicCatalog catalog = TopicCatalog.load().withOverrides(console.env());
        if (partitions != null) {
            catalog = catalog.withPartitions(partitions);
        }
        if (replication != null) {
            catalog = catalog.withReplicationFactor(replication);
        }
        String bootstrap = services.bootstrap(console);
        Services.requireBroker(bootstrap);
        ProvisioningReport report;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            report = new TopicProvisioner(catalog).ensure(admin);
        } catch (TopicProvisioner.KafkaAdminException e) {
            throw new IllegalStateException(e.getMessage() + " (brokers: " + bootstrap + "; pass --bootstrap HOST:PORT)", e);
        }
        if (output.json()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            report.created().forEach(o.putArray("created")::add);
            report.matching().forEach(o.putArray("ok")::add);
            report.drifts().forEach(d -> o.putArray("differs").add(d.toString()));
            console.out().println(o);
        } else {
            report.created().forEach(t -> console.out().println("created  " + t));
            report.matching().forEach(t -> console.out().println("ok       " + t));
            report.drifts().forEach(d -> console.out().println("differs  " + d));
        }
        if (report.hasDrift()) {
            console.err().println("some topics differ from topics.json; they were left as they are (Kafka cannot shrink partitions)."
                    + " Recreate them or adjust the catalog.");
            return strict ? ExitCode.FAILED : ExitCode.OK;
        }
        return ExitCode.OK;
    }
}
