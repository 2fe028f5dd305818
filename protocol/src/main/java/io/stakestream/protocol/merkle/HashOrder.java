package io.stakestream.protocol.merkle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The order of a tree's leaf hashes, ascending as unsigned bytes and stable (equal hashes keep
 * their input order, like JavaScript's sort). A million boxed indexes sorted by a comparator over
 * arrays cost more than hashing their pairs; here each hash's first 8 bytes, with the index in the
 * low bits, make one primitive long, and only the rare runs that share those leading bits are
 * ordered again by the whole hash.
 */
final class HashOrder {

    private static final VarHandle LONG_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private HashOrder() {
    }

    /** The indexes of the n hashes of {@code hashes} (32 bytes each, back to back) in ascending order. */
    static int[] ascending(byte[] hashes, int n) {
        int indexBits = Math.max(1, Integer.SIZE - Integer.numberOfLeadingZeros(n - 1));
        long indexMask = (1L << indexBits) - 1;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long leading = (long) LONG_BIG_ENDIAN.get(hashes, i * Keccak256.LENGTH);
            // the sign bit flipped: a signed sort of the keys is the unsigned order of the hashes
            keys[i] = ((leading & ~indexMask) | i) ^ Long.MIN_VALUE;
        }
        Arrays.parallelSort(keys);
        int[] order = new int[n];
        for (int p = 0; p < n; p++) {
            order[p] = (int) (keys[p] & indexMask);
        }
        // keys equal above the index bits are in index order: sort each such run by the whole hash
        for (int from = 0, to; from < n; from = to) {
            for (to = from + 1; to < n && (keys[to] & ~indexMask) == (keys[from] & ~indexMask); to++) {
                // extend the run
            }
            if (to - from > 1) {
                insertionSort(hashes, order, from, to);
            }
        }
        return order;
    }

    /** Stable: an index moves left only past a strictly greater hash. */
    private static void insertionSort(byte[] hashes, int[] order, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int index = order[i];
            int j = i - 1;
            while (j >= from && compare(hashes, order[j], index) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = index;
        }
    }

    private static int compare(byte[] hashes, int a, int b) {
        int x = a * Keccak256.LENGTH;
        int y = b * Keccak256.LENGTH;
        return Arrays.compareUnsigned(hashes, x, x + Keccak256.LENGTH, hashes, y, y + Keccak256.LENGTH);
    }
}
