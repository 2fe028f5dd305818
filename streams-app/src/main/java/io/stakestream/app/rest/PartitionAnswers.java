package io.stakestream.app.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The answers to a query over every partition, one per partition, each from the instance whose
 * active task holds that partition. All or nothing: until every partition of the ledger has
 * answered, the answer is a 503, never a partial list or sum (the host map can leave a partition
 * with no active host for a moment, between the two rebalances that move a task). A partition
 * answered twice, because a task moved while the instances were asked, counts once.
 */
final class PartitionAnswers {

    private final SortedMap<Integer, JsonNode> byPartition = new TreeMap<>();

    void add(int partition, JsonNode answer) {
        byPartition.putIfAbsent(partition, answer);
    }

    /** The answers so far, in partition order. */
    Collection<JsonNode> answered() {
        return byPartition.values();
    }

    /** Adds another instance's answer, as its {@link #json()} wrote it. */
    void addAll(JsonNode answer) throws IOException {
        JsonNode partitions = answer.path("partitions");
        if (!partitions.isObject()) {
            throw new IOException("an answer by partition has no \"partitions\" object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = partitions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                add(Integer.parseInt(e.getKey()), e.getValue());
            } catch (NumberFormatException bad) {
                throw new IOException("partition '" + e.getKey() + "' is not a number");
            }
        }
    }

    /** This instance's answers, for the instance that asked: {"partitions": {"0": ..., "1": ...}}. */
    ObjectNode json() {
        ObjectNode out = Reply.JSON.createObjectNode();
        ObjectNode partitions = out.putObject("partitions");
        byPartition.forEach((p, answer) -> partitions.set(Integer.toString(p), answer));
        return out;
    }

    /** The answers of partitions 0 to {@code count} - 1 in partition order, or a 503 naming those missing. */
    Collection<JsonNode> complete(int count) {
        List<Integer> missing = IntStream.range(0, count).filter(p -> !byPartition.containsKey(p)).boxed().toList();
        if (!missing.isEmpty()) {
            throw new Unavailable((missing.size() == 1 ? "partition " + missing.get(0) + " has" : "partitions " + missing + " have")
                    + " no active instance right now (a task is moving between instances): retry");
        }
        return byPartition.headMap(count).values();
    }
}
