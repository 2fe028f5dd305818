package io.stakestream.cli.bench;

import io.stakestream.app.AppConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the CPU of a run goes, in microseconds per command: the process's CPU time split by the
 * Java threads that spent it (the ledger's stream threads, the broker, the Kafka clients' network
 * threads, the rest), and what no Java thread accounts for (RocksDB's native flush and compaction
 * threads, the garbage collector, the JIT). Set against the 2 cores' budget at the target rate,
 * it says what a command costs beyond its signature.
 */
final class CpuByThread {

    /** The groups, in report order; a thread falls in the first whose test its name passes. */
    static final List<String> GROUPS = List.of("ledger stream threads", "broker", "client network threads", "other Java threads",
            "native, GC and JIT");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> startByThread = new HashMap<>();
    private final long processStart;

    CpuByThread() {
        for (long id : threads.getAllThreadIds()) {
            startByThread.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
        processStart = os.getProcessCpuTime();
    }

    /** Microseconds of CPU per command since this was made, the whole process first, then by group. */
    Map<String, Double> perCommand(long commands) {
        long process = os.getProcessCpuTime() - processStart;
        Map<String, Long> nanos = new LinkedHashMap<>();
        GROUPS.forEach(g -> nanos.put(g, 0L));
        long javaThreads = 0;
        for (long id : threads.getAllThreadIds()) {
            long now = threads.getThreadCpuTime(id);
            ThreadInfo info = threads.getThreadInfo(id);
            if (now < 0 || info == null) continue; // ended meanwhile: its time is left in "native, GC and JIT"
            long spent = now - startByThread.getOrDefault(id, 0L);
            javaThreads += spent;
            nanos.merge(group(info.getThreadName()), spent, Long::sum);
        }
        nanos.put(GROUPS.get(4), Math.max(0, process - javaThreads));
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("process", process / 1e3 / commands);
        nanos.forEach((g, ns) -> out.put(g, ns / 1e3 / commands));
        return out;
    }

    static String group(String thread) {
        if (thread.startsWith(AppConfig.DEFAULT_APPLICATION_ID) && thread.contains("StreamThread")) return GROUPS.get(0);
        if (thread.startsWith("kafka-producer-network-thread") || thread.startsWith("kafka-coordinator-heartbeat-thread")) {
            return GROUPS.get(2);
        }
        if (thread.startsWith("data-plane-") || thread.startsWith("kafka-") || thread.startsWith("broker-")
                || thread.startsWith("controller-") || thread.startsWith("quorum-controller") || thread.startsWith("ExpirationReaper")
                || thread.startsWith("group-coordinator") || thread.startsWith("transaction-coordinator")
                || thread.startsWith("TxnMarkerSenderThread") || thread.startsWith("LogDirFailureHandler")
                || thread.startsWith("raft-") || thread.contains("-raft-") || thread.startsWith("log-cleaner")
                || thread.startsWith("kafka-log-cleaner") || thread.startsWith("share-coordinator") || thread.startsWith("executor-")) {
            return GROUPS.get(1);
        }
        return GROUPS.get(3);
    }
}
