package io.stakestream.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on: they mean nothing without it. */
final class Machine {
    private Machine() {}

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            m.put("memoryMiB", os.getTotalMemorySize() >> 20);
        }
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("load1mAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return m;
    }

    /**
     * Waits, at most {@code max}, until the kernel has written back what the figures before left in
     * the page cache (a closed broker's logs, deleted state directories): the writeback takes I/O and
     * CPU from the next figure (BENCHMARKS.md: 47% iowait once). Returns the MiB still dirty at the end,
     * or -1 where /proc/meminfo cannot be read.
     */
    static long settle(long dirtyMiB, java.time.Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long dirty = dirtyMiB();
        if (dirty > dirtyMiB) sync(max);
        dirty = dirtyMiB();
        while (dirty > dirtyMiB && System.nanoTime() < deadline) {
            Thread.sleep(250);
            dirty = dirtyMiB();
        }
        return dirty;
    }

    /** Starts the writeback now (sync(1)) rather than when the kernel's expiry comes, ~30 s later. */
    private static void sync(java.time.Duration max) throws InterruptedException {
        try {
            Process sync = new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!sync.waitFor(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) sync.destroy();
        } catch (IOException e) {
            // no sync(1) here: the wait below still lets the kernel write back on its own
        }
    }

    /** Dirty and under-writeback page cache, MiB (Linux). */
    static long dirtyMiB() {
        try {
            long kib = 0;
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Dirty:") || line.startsWith("Writeback:")) kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
            return kib >> 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
