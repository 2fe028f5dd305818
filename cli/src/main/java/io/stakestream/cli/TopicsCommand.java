package io.stakestream.cli;

import io.stakestream.topics.ProvisioningReport;
import io.stakestream.topics.TopicCatalog;
import io.stakestream.topics.TopicProvisioner;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Creates missing topics from topics.json and reports existing ones that differ (docker compose's topic-setup). */
final class TopicsCommand implements Subcommand {

    private static final List<Args.Option> OPTIONS = List.of(Console.BOOTSTRAP,
            new Args.Option("partitions", "N", "partitions of every topic (default topics.json, or $TOPIC_PARTITIONS)"),
            new Args.Option("replication", "N", "replication factor (default topics.json, or $TOPIC_REPLICATION_FACTOR)"),
            new Args.Option("strict", null, "exit 1 when an existing topic differs from the catalog"));

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public String summary() {
        return "create missing topics from the catalog and check existing ones";
    }

    @Override
    public String help() {
        return "usage: stakestream topics [--bootstrap HOST:PORT] [--partitions N] [--replication N] [--strict]\n\n"
                + "Idempotent: run it as often as you like, from several places at once.\n\n" + Args.optionsHelp(OPTIONS);
    }

    @Override
    public int run(List<String> argv, Console console) {
        Args args = Args.parse("topics", argv, OPTIONS);
        args.noMorePositionals(0);
        TopicCatalog catalog = TopicCatalog.load().withOverrides(console.env());
        if (args.value("partitions").isPresent()) {
            catalog = catalog.withPartitions(args.intValue("partitions", 0));
        }
        if (args.value("replication").isPresent()) {
            catalog = catalog.withReplicationFactor((short) args.intValue("replication", 0));
        }
        String bootstrap = console.bootstrap(args);
        ProvisioningReport report;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            report = new TopicProvisioner(catalog).ensure(admin);
        } catch (TopicProvisioner.KafkaAdminException e) {
            throw new IllegalStateException(e.getMessage() + " (brokers: " + bootstrap + "; pass --bootstrap HOST:PORT)", e);
        }
        report.created().forEach(t -> console.out().println("created  " + t));
        report.matching().forEach(t -> console.out().println("ok       " + t));
        report.drifts().forEach(d -> console.out().println("differs  " + d));
        if (report.hasDrift()) {
            console.err().println("some topics differ from topics.json; they were left as they are (Kafka cannot shrink partitions)."
                    + " Recreate them or adjust the catalog.");
            return args.flag("strict") ? 1 : 0;
        }
        return 0;
    }
}
