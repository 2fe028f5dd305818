package io.stakestream.soak;

import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.topics.TopicCatalog;
import io.stakestream.topics.TopicDefinition;
import io.stakestream.topics.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A private set of ledger topics for one integration test, named "{prefix}.commands" and so on,
 * with the settings topics.json gives the real ones (LogAppendTime on the inputs). Tests share a
 * broker, so each one brings its own inputs and outputs; two app instances compared against each
 * other read the same inputs and write to different outputs.
 */
final class ItTopics {

    private ItTopics() {
    }

    /** Inputs and outputs, all new. */
    static LedgerTopics create(Admin admin, String prefix, int partitions) {
        LedgerTopics t = named(prefix, prefix);
        createAll(admin, t, partitions, true);
        return t;
    }

    /** New outputs under {@code prefix}, reading the inputs of {@code inputs}. */
    static LedgerTopics outputsFor(Admin admin, LedgerTopics inputs, String prefix, int partitions) {
        LedgerTopics t = new LedgerTopics(inputs.commands(), inputs.attestations(), prefix + ".events", prefix + ".rejections",
                prefix + ".slashes", prefix + ".payouts", prefix + ".pool-epoch-summaries", prefix + ".dead-letters");
        createAll(admin, t, partitions, false);
        return t;
    }

    private static LedgerTopics named(String inputPrefix, String outputPrefix) {
        return new LedgerTopics(inputPrefix + ".commands", inputPrefix + ".attestations", outputPrefix + ".events",
                outputPrefix + ".rejections", outputPrefix + ".slashes", outputPrefix + ".payouts",
                outputPrefix + ".pool-epoch-summaries", outputPrefix + ".dead-letters");
    }

    /** Real topic name -> the catalog's name for the same role. */
    static Map<String, String> roles(LedgerTopics t) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(t.commands(), Topics.COMMANDS);
        m.put(t.attestations(), Topics.ATTESTATIONS);
        m.put(t.events(), Topics.EVENTS);
        m.put(t.rejections(), Topics.REJECTIONS);
        m.put(t.slashes(), Topics.SLASHES);
        m.put(t.payouts(), Topics.PAYOUTS);
        m.put(t.poolEpochSummaries(), Topics.POOL_EPOCH_SUMMARIES);
        m.put(t.deadLetters(), Topics.DEAD_LETTERS);
        m.put(t.deposits(), Topics.DEPOSITS);
        return m;
    }

    /** The names as one environment value, for a ledger in a child JVM ({@link LedgerProcessMain}). */
    static String toEnv(LedgerTopics t) {
        return String.join(",", t.commands(), t.attestations(), t.events(), t.rejections(), t.slashes(), t.payouts(),
                t.poolEpochSummaries(), t.deadLetters());
    }

    static LedgerTopics fromEnv(String value) {
        String[] n = value.split(",");
        if (n.length != 8) {
            throw new IllegalArgumentException("IT_TOPICS needs 8 comma-separated names, got " + value);
        }
        return new LedgerTopics(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
    }

    static List<String> outputs(LedgerTopics t) {
        return List.of(t.events(), t.rejections(), t.slashes(), t.payouts(), t.poolEpochSummaries(), t.deadLetters());
    }

    private static void createAll(Admin admin, LedgerTopics t, int partitions, boolean withInputs) {
        TopicCatalog catalog = TopicCatalog.load().forSingleNode();
        List<NewTopic> topics = new ArrayList<>();
        roles(t).forEach((name, role) -> {
            boolean input = role.equals(Topics.COMMANDS) || role.equals(Topics.ATTESTATIONS) || role.equals(Topics.DEPOSITS);
            if (input && !withInputs) {
                return;
            }
            TopicDefinition d = catalog.topic(role);
            // the dead-letter topic has one partition in production too; everything else matches the inputs
            int p = role.equals(Topics.DEAD_LETTERS) ? 1 : partitions;
            topics.add(new NewTopic(name, p, (short) 1).configs(d.configs()));
        });
        try {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test topics " + topics + ": " + e, e);
        }
    }
}
