package io.stakestream.cli.bench;

import java.util.List;

/** How big each figure's workload is. */
record BenchSizes(int commands, int pools, int delegators, int partitions, List<Integer> leaves, int manyDelegators,
                  int epochPools, List<Integer> loads, int loadSeconds, List<Integer> commitIntervals) {
}
