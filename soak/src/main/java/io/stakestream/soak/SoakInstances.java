package io.stakestream.soak;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak's ledger instances: {@code StreamsAppMain} in child JVMs of one application id, each with
 * its own state dir (kept across its restarts, so standby and local state are reused) and HTTP port.
 * A slot holds the living process, or null between a kill and the restart being healthy, so the
 * query poller only asks instances that are up.
 */
final class SoakInstances implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SoakInstances.class);

    private final String bootstrap;
    private final String registry;
    private final String applicationId;
    private final String gatewayId;
    private final Path workDir;
    private final Map<String, String> settings;
    private final AtomicReferenceArray<LedgerProcess> live;
    private final int[] ports;
    /** Exits nobody asked for (not a SIGKILL of the harness): each is restarted, and reported. */
    final List<String> unexpectedExits = new ArrayList<>();

    SoakInstances(String bootstrap, String registry, String applicationId, String gatewayId, Path workDir, int count,
                  Map<String, String> settings) {
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.applicationId = applicationId;
        this.gatewayId = gatewayId;
        this.workDir = workDir;
        this.settings = settings;
        this.live = new AtomicReferenceArray<>(count);
        this.ports = new int[count];
    }

    int count() {
        return live.length();
    }

    /** The living process of a slot, or null while it is dead or restarting. */
    LedgerProcess live(int slot) {
        return live.get(slot);
    }

    /** Launches the slot (again) until it answers health 200; a launch that exits (registry down) is retried. Returns the launches it took. */
    int start(int slot, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            LedgerProcess p = launch(slot);
            try {
                if (p.awaitHealthy(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    live.set(slot, p);
                    return attempt;
                }
                p.kill();
                throw new IllegalStateException("instance " + slot + " not healthy within " + timeout + "; see " + log(slot));
            } catch (IllegalStateException exited) {
                if (System.nanoTime() > deadline || p.alive()) {
                    throw exited;
                }
                log.info("instance {} launch {} exited ({}); retrying", slot, attempt, exited.getMessage());
                Thread.sleep(1_000);
            }
        }
    }

    private LedgerProcess launch(int slot) throws IOException {
        LedgerProcess p = LedgerProcess.startMain(bootstrap, registry, applicationId, gatewayId, workDir.resolve("state-" + slot),
                ports[slot], settings, log(slot));
        ports[slot] = p.httpPort();
        return p;
    }

    private Path log(int slot) {
        return workDir.resolve("instance-" + slot + ".log");
    }

    /** SIGKILL; the slot is empty from before the signal until a restart is healthy. Returns the pid. */
    long kill(int slot) throws InterruptedException {
        LedgerProcess p = live.getAndSet(slot, null);
        if (p == null) {
            throw new IllegalStateException("instance " + slot + " is not running");
        }
        p.kill();
        return p.pid();
    }

    /** Restarts every slot whose process died on its own; returns how many did. */
    int reviveCrashed(Duration timeout) throws IOException, InterruptedException {
        int revived = 0;
        for (int slot = 0; slot < count(); slot++) {
            LedgerProcess p = live.get(slot);
            if (p != null && !p.alive()) {
                live.set(slot, null);
                unexpectedExits.add("instance " + slot + " (pid " + p.pid() + ") exited on its own; see " + log(slot));
                log.warn("{}", unexpectedExits.get(unexpectedExits.size() - 1));
                start(slot, timeout);
                revived++;
            }
        }
        return revived;
    }

    /** Every slot is up and healthy now. */
    boolean allHealthy() {
        for (int slot = 0; slot < count(); slot++) {
            LedgerProcess p = live.get(slot);
            if (p == null || !p.alive() || p.healthStatus() != 200) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        for (int slot = 0; slot < count(); slot++) {
            LedgerProcess p = live.getAndSet(slot, null);
            if (p != null) {
                p.close();
            }
        }
    }
}
