package io.stakestream.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * What a soak did and found: every fault with its recovery times, what the query poller saw, and
 * how the interrupted run's outputs, stores, REST answers and reconciliation compare with the
 * uninterrupted reference run of the same input.
 */
public final class SoakReport {

    /**
     * One SIGKILL. Times in ms since the workload started; {@code servingMs}: kill to the restarted
     * instance answering health 200; {@code caughtUpMs}: kill to the group having committed every
     * input that was in the log at the kill (its lag at the kill back to 0).
     */
    public record Kill(int number, long atMs, int slot, long pid, boolean inputsFlowing, long lagAtKill, int launches,
                       long servingMs, long caughtUpMs, boolean registryDown) {
    }

    public final SoakPlan plan;
    public final List<Kill> kills = new ArrayList<>();
    public long brokerRestartAtMs;
    public long brokerDownMs;
    /** Broker restart to both instances healthy and every input in the log at the restart committed. */
    public long brokerRecoveryMs;
    /** Inputs were still produced from the broker restart until it had recovered. */
    public boolean brokerInputsFlowing;
    public long registryOutageAtMs;
    public long registryOutageMs;
    /** Inputs were still produced from the registry outage's start until its kill had recovered. */
    public boolean registryInputsFlowing;
    public int inputs;
    public long productionMs;
    public long runMs;
    public long referenceMs;
    public List<String> unexpectedExits = List.of();
    public QueryPoller.Verdict queries;
    /** The accounting check of both runs (one fate per input), or the problem it found. */
    public String tally;
    public String referenceTally;
    /** Null when every output lane is identical, else the first difference. */
    public String outputDifference;
    public int outputRecords;
    public List<String> storesDiffering = List.of();
    public int storeEntries;
    public boolean restEqual;
    public int restAnswers;
    /** GET /reconciliation at the end, of the interrupted and of the uninterrupted run. */
    public com.fasterxml.jackson.databind.JsonNode reconciliation;
    public com.fasterxml.jackson.databind.JsonNode referenceReconciliation;

    SoakReport(SoakPlan plan) {
        this.plan = plan;
    }

    /** Every kill, the broker restart and the registry outage landed, and recovered, while inputs were produced. */
    public boolean everyFaultWhileInputsFlowed() {
        return kills.stream().allMatch(Kill::inputsFlowing) && brokerInputsFlowing && registryInputsFlowing;
    }

    /** Identical to the reference in every respect, and no query answered a wrong number. */
    public boolean identical() {
        return outputDifference == null && storesDiffering.isEmpty() && restEqual && tally != null && tally.equals(referenceTally)
                && reconciliation != null && reconciliation.equals(referenceReconciliation) && reconciliation.path("balanced").asBoolean()
                && queries != null && queries.wrong().isEmpty();
    }

    /** The BENCHMARKS.md section, under its own heading. */
    public String markdown(String command) {
        StringBuilder b = new StringBuilder();
        b.append("## Soak\n\n");
        b.append("`").append(command).append("`: ").append(inputs).append(" inputs produced over ").append(sec(productionMs))
                .append(" (").append(plan.perSecond()).append("/s, seed ").append(plan.seed()).append(", ").append(plan.partitions())
                .append(" partitions; for at least ").append(sec(plan.production().toMillis())).append(", ").append(plan.inputs())
                .append(" at that rate, and on until the last fault had recovered), whole run ").append(sec(runMs)).append(", reference run ").append(sec(referenceMs))
                .append(". Two `StreamsAppMain` JVMs, one application id, `NUM_STANDBY_REPLICAS=1`, each keeping its state dir across"
                        + " its restarts.\n\n");
        b.append("Result: **").append(identical() ? "identical to the uninterrupted run" : "DIFFERENT from the uninterrupted run")
                .append("**.\n\n");
        b.append("| check | interrupted vs uninterrupted |\n|---|---|\n");
        b.append("| every input's fate (accepted / rejected / dead-lettered) | ").append(tally).append(" vs ").append(referenceTally)
                .append(" |\n");
        b.append("| output topics, lane by lane | ").append(outputDifference == null ? "identical, " + outputRecords + " records"
                : "first difference: " + outputDifference.replace('\n', ' ')).append(" |\n");
        b.append("| stores (changelogs, final state) | ").append(storesDiffering.isEmpty() ? "identical, " + storeEntries + " entries"
                : "differ: " + storesDiffering).append(" |\n");
        b.append("| REST answers at the end | ").append(restEqual ? "identical, " + restAnswers + " answers" : "differ").append(" |\n");
        b.append("| GET /reconciliation at the end | ").append(reconciliation != null && reconciliation.equals(referenceReconciliation)
                ? "identical, balanced: " + reconciliation.path("balanced").asBoolean() + " (tokens deposited "
                + reconciliation.path("assets").path("TOKEN").path("deposited").asText() + ", USDC deposited "
                + reconciliation.path("assets").path("USDC").path("deposited").asText() + ")"
                : "differ: " + reconciliation + " vs " + referenceReconciliation).append(" |\n");
        if (queries != null) {
            b.append("| queries during the run | ").append(queries.answers()).append(" asked: ").append(queries.served())
                    .append(" numbers (pools and delegator positions), every one a state of the reference history").append(queries.wrong().isEmpty() ? " (0 wrong)" : " EXCEPT "
                            + queries.wrong().size() + " wrong (first: " + queries.wrong().get(0) + ")").append("; ")
                    .append(queries.retryable()).append(" 503 retryable; ").append(queries.notFoundBeforeCreated())
                    .append(" 404 before the pool or position existed; ").append(queries.unreachable())
                    .append(" refused connections (instance just killed); ").append(queries.regressions())
                    .append(" answers at an earlier point than one before (after a kill); longest stretch without a number ")
                    .append(sec(queries.longestWithoutNumberMs())).append(" |\n");
        }
        b.append("\n");
        b.append(everyFaultWhileInputsFlowed()
                ? "Every kill, the broker restart and the registry outage landed while inputs flowed, and inputs kept flowing until each had recovered.\n\n"
                : "NOT every fault landed while inputs flowed (see the column and the lines below).\n\n");
        b.append("Faults (times since the workload started). Serving = SIGKILL to the restarted instance answering 200 on /health;"
                + " caught up = SIGKILL to the group having committed every input in the log at the kill; inputs flowing = produced"
                + " from the kill until caught up.\n\n");
        b.append("| # | at | instance | inputs flowing | lag at kill | launches | serving | caught up | note |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Kill k : kills) {
            b.append("| ").append(k.number()).append(" | ").append(sec(k.atMs())).append(" | ").append(k.slot()).append(" | ")
                    .append(k.inputsFlowing() ? "yes" : "no").append(" | ").append(k.lagAtKill()).append(" | ").append(k.launches())
                    .append(" | ").append(sec(k.servingMs())).append(" | ").append(sec(k.caughtUpMs())).append(" | ")
                    .append(k.registryDown() ? "registry down: launches exit until it is back" : "").append(" |\n");
        }
        b.append("\n");
        b.append(summary()).append("\n");
        b.append("Broker restart at ").append(sec(brokerRestartAtMs)).append(": down ").append(sec(brokerDownMs))
                .append(", back to both instances healthy and caught up in ").append(sec(brokerRecoveryMs)).append("; inputs flowing: ")
                .append(brokerInputsFlowing ? "yes" : "no").append(".\n");
        b.append("Registry outage at ").append(sec(registryOutageAtMs)).append(" for ").append(sec(registryOutageMs))
                .append("; inputs flowing: ").append(registryInputsFlowing ? "yes" : "no").append(".\n");
        b.append(unexpectedExits.isEmpty() ? "No instance exited on its own.\n" : "Instances that exited on their own: " + unexpectedExits + "\n");
        return b.toString();
    }

    /** Median and max of the recovery times. */
    public String summary() {
        return "Recovery over " + kills.size() + " kills: serving median " + sec(median(kills.stream().mapToLong(Kill::servingMs).toArray()))
                + " (max " + sec(kills.stream().mapToLong(Kill::servingMs).max().orElse(0)) + "), caught up median "
                + sec(median(kills.stream().mapToLong(Kill::caughtUpMs).toArray())) + " (max "
                + sec(kills.stream().mapToLong(Kill::caughtUpMs).max().orElse(0)) + ").";
    }

    private static long median(long[] v) {
        if (v.length == 0) {
            return 0;
        }
        long[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String sec(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
