package io.stakestream.app.topology;

import io.stakestream.topics.Topics;

/** The topic names the pool-ledger topology reads and writes; injected so tests and tenants can rename them. */
public record LedgerTopics(String commands, String attestations, String events, String rejections, String slashes,
                           String payouts, String poolEpochSummaries, String deadLetters) {

    /** The names of DESIGN.md section 2. */
    public static LedgerTopics defaults() {
        return new LedgerTopics(Topics.COMMANDS, Topics.ATTESTATIONS, Topics.EVENTS, Topics.REJECTIONS, Topics.SLASHES,
                Topics.PAYOUTS, Topics.POOL_EPOCH_SUMMARIES, Topics.DEAD_LETTERS);
    }
}
