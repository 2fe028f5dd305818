package io.stakestream.app.topology;

import io.stakestream.topics.Topics;

/** The topic names the pool-ledger topology reads and writes; injected so tests and tenants can rename them. */
public record LedgerTopics(String commands, String attestations, String events, String rejections, String slashes,
                           String payouts, String poolEpochSummaries, String deadLetters, String deposits) {

    /** Names without a deposits topic of their own: it sits next to the commands topic ("x.commands" -> "x.deposits"). */
    public LedgerTopics(String commands, String attestations, String events, String rejections, String slashes,
                        String payouts, String poolEpochSummaries, String deadLetters) {
        this(commands, attestations, events, rejections, slashes, payouts, poolEpochSummaries, deadLetters, depositsBeside(commands));
    }

    /** The names of DESIGN.md section 2. */
    public static LedgerTopics defaults() {
        return new LedgerTopics(Topics.COMMANDS, Topics.ATTESTATIONS, Topics.EVENTS, Topics.REJECTIONS, Topics.SLASHES,
                Topics.PAYOUTS, Topics.POOL_EPOCH_SUMMARIES, Topics.DEAD_LETTERS, Topics.DEPOSITS);
    }

    private static String depositsBeside(String commands) {
        return commands.endsWith(".commands") ? commands.substring(0, commands.length() - ".commands".length()) + ".deposits"
                : commands + ".deposits";
    }
}
