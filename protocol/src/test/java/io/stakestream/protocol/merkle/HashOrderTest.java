package io.stakestream.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The primitive order of leaf hashes is the stable unsigned sort of the whole hashes, even where their leading bytes agree. */
class HashOrderTest {

    @Test
    void hashesSharingTheirLeadingBytesAreOrderedByTheRest() {
        // 8 hashes with the same first 8 bytes (and the same bits above the index), differing later, in
        // descending order; two are equal and must keep their input order
        int n = 8;
        byte[] hashes = new byte[n * 32];
        for (int i = 0; i < n; i++) {
            Arrays.fill(hashes, i * 32, i * 32 + 8, (byte) 0xAB);
            hashes[i * 32 + 20] = (byte) (0xF0 - (i == 5 ? 4 : i));
        }
        assertThat(HashOrder.ascending(hashes, n)).containsExactly(stableSort(hashes, n));
        assertThat(HashOrder.ascending(hashes, n)).containsSubsequence(4, 5);
    }

    @Property(tries = 200)
    void isTheStableUnsignedSort(@ForAll @IntRange(min = 1, max = 3_000) int n, @ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int sharedBytes) {
        Random random = new Random(seed);
        byte[] hashes = new byte[n * 32];
        random.nextBytes(hashes);
        // share the leading bytes and repeat some hashes, so runs of equal keys and equal hashes occur
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < sharedBytes * 2; b++) hashes[i * 32 + b] = (byte) 0x80;
            if (i > 0 && random.nextInt(10) == 0) System.arraycopy(hashes, (i - 1) * 32, hashes, i * 32, 32);
        }
        assertThat(HashOrder.ascending(hashes, n)).containsExactly(stableSort(hashes, n));
    }

    private static int[] stableSort(byte[] hashes, int n) {
        List<Integer> order = new java.util.ArrayList<>(IntStream.range(0, n).boxed().toList());
        order.sort(Comparator.comparing((Integer i) -> Arrays.copyOfRange(hashes, i * 32, i * 32 + 32), Arrays::compareUnsigned));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
