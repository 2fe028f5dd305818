package io.stakestream.protocol.merkle;

/**
 * Where an epoch's reward tree dump lives inside a dump directory: the reward-builder writes it
 * (its {@code DATA_DIR/trees}), the streams-app serves it at {@code /epochs/{n}/tree} from
 * {@code REWARD_DUMP_DIR}. One name for both sides.
 */
public final class TreeDumps {
    private TreeDumps() {}

    /** {@code epoch-<n>.json}, e.g. {@code epoch-3.json}. */
    public static String fileName(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("an epoch is never negative, got " + epoch);
        }
        return "epoch-" + epoch + ".json";
    }
}
