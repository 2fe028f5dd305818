package io.stakestream.topics;

import java.util.List;

/**
 * What {@link TopicProvisioner#ensure} found: topics it created, topics that already matched, and
 * differences it did not touch (changing partitions or configs of a live topic is an operator's call).
 */
public record ProvisioningReport(List<String> created, List<String> matching, List<Drift> drifts) {

    /** One setting of an existing topic that differs from topics.json. */
    public record Drift(String topic, String setting, String expected, String actual) {
        @Override
        public String toString() {
            return topic + ": " + setting + " is " + actual + ", topics.json says " + expected;
        }
    }

    public ProvisioningReport {
        created = List.copyOf(created);
        matching = List.copyOf(matching);
        drifts = List.copyOf(drifts);
    }

    public boolean hasDrift() {
        return !drifts.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder()
                .append("created ").append(created.size()).append(created)
                .append(", matching ").append(matching.size())
                .append(", drifted ").append(drifts.size());
        drifts.forEach(d -> out.append("\n  ").append(d));
        return out.toString();
    }
}
