package io.stakestream.app;

import io.stakestream.app.topology.LedgerTopics;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Payout;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.ledger.Table;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every schema subject the ledger reads or writes (its inputs, its outputs, the changelogs of its
 * stores), registered at start-up. The registry client keeps the ids, so once the app runs no
 * record it writes waits for the registry: an outage after start meets only subjects already
 * known. A registry that cannot be reached at start-up stops the start, saying so in one line.
 */
final class LedgerSubjects {

    private static final Logger log = LoggerFactory.getLogger(LedgerSubjects.class);

    private LedgerSubjects() {
    }

    /** Topic -> the generated class of its values, for this application id's changelogs. */
    static Map<String, Class<? extends SpecificRecord>> of(LedgerTopics topics, String applicationId) {
        Map<String, Class<? extends SpecificRecord>> subjects = new LinkedHashMap<>();
        subjects.put(topics.commands(), SignedCommand.class);
        subjects.put(topics.attestations(), SignedAttestation.class);
        subjects.put(topics.events(), LedgerEvent.class);
        subjects.put(topics.rejections(), Rejection.class);
        subjects.put(topics.slashes(), SlashOutcome.class);
        subjects.put(topics.payouts(), Payout.class);
        subjects.put(topics.poolEpochSummaries(), EpochSummaryMessage.class);
        for (Table<?> table : Table.ALL) {
            if (SpecificRecord.class.isAssignableFrom(table.type())) {
                @SuppressWarnings("unchecked")
                Class<? extends SpecificRecord> type = (Class<? extends SpecificRecord>) table.type();
                // Kafka Streams names a store's changelog <application.id>-<store>-changelog
                subjects.put(applicationId + "-" + table.name() + "-changelog", type);
            }
        }
        return subjects;
    }

    /** Registers (or looks up, with auto-register off) every subject; throws IllegalStateException saying what to do. */
    static void register(StakestreamSerdes serdes, LedgerTopics topics, String applicationId) {
        Map<String, Class<? extends SpecificRecord>> subjects = of(topics, applicationId);
        subjects.forEach((topic, type) -> {
            try {
                serdes.valueSerde(type).serializer().schemaId(topic);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot start: the schema of " + topic + " could not be registered ("
                        + rootMessage(e) + "); the ledger registers its " + subjects.size()
                        + " subjects at start-up so that a registry outage later cannot stop it", e);
            }
        });
        log.info("{} schema subjects registered at {}", subjects.size(), serdes.registry().url());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause().getMessage() != null
                && t instanceof org.apache.kafka.common.errors.SerializationException) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
