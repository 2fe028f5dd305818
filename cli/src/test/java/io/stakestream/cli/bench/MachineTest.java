package io.stakestream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The bench's wait for the page cache between figure groups. */
class MachineTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void theDirtyPageCacheIsReadFromProcMeminfoAndWrittenBackBySettling(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(Machine.dirtyMiB()).isGreaterThanOrEqualTo(0);
        Files.write(dir.resolve("dirty"), new byte[32 << 20]); // 32 MiB the kernel has not written back yet
        long left = Machine.settle(0, Duration.ofSeconds(30));
        assertThat(left).isBetween(0L, 31L); // sync(1) wrote them back: less than they alone make is left
    }

    @Test
    void aMachineAlreadySettledIsNotWaitedFor() throws InterruptedException, IOException {
        long start = System.nanoTime();
        Machine.settle(Long.MAX_VALUE, Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
}
