package io.stakestream.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short soak: every fault of {@code stakestream soak} once or a few times. Two ledger JVMs with
 * standby replicas; three SIGKILLs, all while inputs flow (one while the registry is down, so that
 * restart has to wait for it), one broker restart on the same ports and log dir, an 8 s registry
 * outage; a poller asks for pools throughout. Every input's fate, every output lane, every store's
 * final state and the REST answers must equal an uninterrupted run's, and no query may have
 * answered a number the reference never had.
 */
class SoakIT {

    private static final Logger log = LoggerFactory.getLogger(SoakIT.class);

    @Test
    @Timeout(600)
    void threeKillsABrokerRestartAndARegistryOutageEndAsIfNothingHappened() throws Exception {
        Path work = Files.createTempDirectory("soak-it-");
        SoakReport r = Soak.run(new SoakPlan(1_211L, 2, 3_600, 500, 60, 3, Duration.ofSeconds(8), work), log::info);
        log.info("soak IT:\n{}", r.markdown("SoakIT"));

        assertThat(r.kills).as("kills").hasSize(3);
        assertThat(r.kills).as("every kill lands, and recovers, while inputs flow").allMatch(SoakReport.Kill::inputsFlowing, "inputs flowing");
        assertThat(r.brokerInputsFlowing).as("the broker restart while inputs flow").isTrue();
        assertThat(r.registryInputsFlowing).as("the registry outage while inputs flow").isTrue();
        assertThat(r.kills).filteredOn(SoakReport.Kill::registryDown).as("one kill while the registry is down").hasSize(1)
                .allSatisfy(k -> assertThat(k.launches()).as("launches of the restart during the outage").isGreaterThan(1));
        assertThat(r.brokerDownMs).as("the broker was restarted").isPositive();
        assertThat(r.registryOutageMs).as("the registry was away").isGreaterThanOrEqualTo(8_000);
        assertThat(r.unexpectedExits).as("instances that exited on their own").isEmpty();

        assertThat(r.tally).as("every input's fate").doesNotContain("problem").isEqualTo(r.referenceTally);
        assertThat(r.outputDifference).as("first output difference, interrupted vs uninterrupted").isNull();
        assertThat(r.outputRecords).as("output records").isGreaterThan(r.inputs / 2);
        assertThat(r.storesDiffering).as("stores that differ").isEmpty();
        assertThat(r.storeEntries).as("store entries").isPositive();
        assertThat(r.restEqual).as("REST answers at the end").isTrue();

        assertThat(r.queries.wrong()).as("wrong query answers").isEmpty();
        assertThat(r.queries.served()).as("numbers served during the run").isGreaterThan(100);
        assertThat(r.identical()).isTrue();
    }
}
