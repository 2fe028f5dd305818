package io.stakestream.topics;

import java.util.List;

/** Topic names (DESIGN.md section 2); their settings live in topics.json, see {@link TopicCatalog}. */
public final class Topics {

    /**
     * The attestation gateway's application id, which is also its consumer group: the epoch clock
     * watches that group's progress before it closes an epoch.
     */
    public static final String ATTESTATION_GATEWAY = "stakestream-attestation-gateway";
    public static final String COMMANDS = "stakestream.commands";
    public static final String ATTESTATIONS = "stakestream.attestations";
    public static final String EVENTS = "stakestream.events";
    public static final String REJECTIONS = "stakestream.rejections";
    public static final String SLASHES = "stakestream.slashes";
    public static final String PAYOUTS = "stakestream.payouts";
    public static final String POOL_EPOCH_SUMMARIES = "stakestream.pool-epoch-summaries";
    public static final String REWARD_ROOTS = "stakestream.reward-roots";
    public static final String REWARD_PROOFS = "stakestream.reward-proofs";
    /** Raw records Kafka Streams could not handle at all (KIP-1034); not auto-created by Streams. */
    public static final String DEAD_LETTERS = "stakestream.dead-letters";
    /** Custody's deposits, keyed by chain reference; the deposit gateway forwards each transfer once into commands. */
    public static final String DEPOSITS = "stakestream.deposits";

    public static final List<String> ALL = List.of(COMMANDS, ATTESTATIONS, EVENTS, REJECTIONS, SLASHES, PAYOUTS,
            POOL_EPOCH_SUMMARIES, REWARD_ROOTS, REWARD_PROOFS, DEAD_LETTERS, DEPOSITS);

    private Topics() {
    }
}
