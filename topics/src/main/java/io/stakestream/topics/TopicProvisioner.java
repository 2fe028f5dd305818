package io.stakestream.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's missing topics and reports existing ones that differ. Idempotent: run it
 * on every start, from any number of processes at once (a lost creation race counts as existing).
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final TopicCatalog catalog;
    private final Duration timeout;

    public TopicProvisioner(TopicCatalog catalog) {
        this(catalog, Duration.ofSeconds(60));
    }

    public TopicProvisioner(TopicCatalog catalog, Duration timeout) {
        this.catalog = catalog;
        this.timeout = timeout;
    }

    public ProvisioningReport ensure(Admin admin) {
        Set<String> existing = new HashSet<>(await(admin.listTopics().names(), "list topics"));
        List<NewTopic> missing = new ArrayList<>();
        for (TopicDefinition t : catalog.topics()) {
            if (!existing.contains(t.name())) {
                missing.add(t.newTopic());
            }
        }
        List<String> created = new ArrayList<>();
        if (!missing.isEmpty()) {
            CreateTopicsResult result = admin.createTopics(missing);
            for (NewTopic t : missing) {
                try {
                    await(result.values().get(t.name()), "create topic " + t.name());
                    created.add(t.name());
                } catch (KafkaAdminException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    existing.add(t.name()); // someone else created it meanwhile: check it like the others
                }
            }
        }
        List<String> toCheck = catalog.names().stream().filter(n -> !created.contains(n)).toList();
        List<ProvisioningReport.Drift> drifts = new ArrayList<>();
        List<String> matching = new ArrayList<>();
        if (!toCheck.isEmpty()) {
            Map<String, TopicDescription> descriptions = await(admin.describeTopics(toCheck).allTopicNames(), "describe topics");
            List<ConfigResource> resources = toCheck.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all(), "describe topic configs");
            for (String name : toCheck) {
                List<ProvisioningReport.Drift> found = compare(catalog.topic(name), descriptions.get(name),
                        configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)));
                if (found.isEmpty()) {
                    matching.add(name);
                }
                drifts.addAll(found);
            }
        }
        ProvisioningReport report = new ProvisioningReport(created, matching, drifts);
        if (report.hasDrift()) {
            log.warn("topics differ from topics.json (left as they are): {}", report);
        } else {
            log.info("topics ready: {}", report);
        }
        return report;
    }

    private static List<ProvisioningReport.Drift> compare(TopicDefinition wanted, TopicDescription actual, Config config) {
        List<ProvisioningReport.Drift> drifts = new ArrayList<>();
        int partitions = actual.partitions().size();
        if (partitions != wanted.partitions()) {
            drifts.add(new ProvisioningReport.Drift(wanted.name(), "partitions", Integer.toString(wanted.partitions()),
                    Integer.toString(partitions)));
        }
        int replicas = actual.partitions().get(0).replicas().size();
        if (replicas != wanted.replicationFactor()) {
            drifts.add(new ProvisioningReport.Drift(wanted.name(), "replication.factor",
                    Short.toString(wanted.replicationFactor()), Integer.toString(replicas)));
        }
        wanted.configs().forEach((key, value) -> {
            ConfigEntry entry = config.get(key);
            String have = entry == null ? null : entry.value();
            if (!value.equals(have)) {
                drifts.add(new ProvisioningReport.Drift(wanted.name(), key, value, String.valueOf(have)));
            }
        });
        return drifts;
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaAdminException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAdminException("cannot " + what + " within " + timeout.toSeconds()
                    + " s: is the broker at KAFKA_BOOTSTRAP_SERVERS up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("interrupted while trying to " + what, e);
        }
    }

    /** An admin call failed; the cause is Kafka's own exception. */
    public static final class KafkaAdminException extends RuntimeException {
        KafkaAdminException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
