package io.stakestream.cli.tail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.cli.ConnectedCommand;
import io.stakestream.cli.ExitCode;
import io.stakestream.cli.Services;
import io.stakestream.cli.TopicReader;
import io.stakestream.cli.UsageException;
import io.stakestream.cli.format.HumanJson;
import io.stakestream.cli.format.Lines;
import io.stakestream.protocol.serde.StakestreamSerdes;
import io.stakestream.protocol.serde.TopicSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `stakestream tail TOPIC`: an output topic decoded one line per record (or JSON lines), like kafka-console-consumer with a registry. */
@Command(name = "tail", description = "Follow an output topic decoded, one line per record (--json: one JSON object per line),"
        + " from now or --from-beginning, until Ctrl-C (or --max, or --to-end).")
public final class TailCommand extends ConnectedCommand {

    @Parameters(paramLabel = "TOPIC", description = "events | rejections | slashes | payouts | summaries | roots | proofs (or a full topic name)")
    String topic;
    @Option(names = "--from-beginning", description = "start with the first record kept (default: only what arrives from now)")
    boolean fromBeginning;
    @Option(names = "--max", paramLabel = "N", description = "stop after N records")
    Long max;
    @Option(names = "--to-end", description = "stop once everything committed so far is printed")
    boolean toEnd;

    @Override
    protected int run() {
        String bootstrap = services.bootstrap(console);
        String registry = services.registry(console);
        Map<String, TopicSerdes<String, ? extends IndexedRecord>> topics = topics(StakestreamSerdes.forUrl(registry));
        TopicSerdes<String, ? extends IndexedRecord> chosen = topics.get(topic);
        if (chosen == null) {
            chosen = topics.values().stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow(() -> new UsageException(
                    "no topic '" + topic + "' to tail: " + String.join(" | ", topics.keySet())));
        }
        Services.requireBroker(bootstrap);
        Services.requireRegistry(registry);
        Deserializer<? extends IndexedRecord> values = chosen.valueSerde().deserializer();
        Lines lines = new Lines(output.baseUnits());
        HumanJson json = new HumanJson(output.baseUnits());
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true), "tail-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long printed = 0;
        try (TopicReader reader = new TopicReader(bootstrap, chosen.name(), fromBeginning)) {
            while (!stop.get() && (max == null || printed < max)) {
                boolean caughtUp = toEnd && reader.atEnd();
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    if (max != null && printed >= max) break;
                    console.out().println(line(r, values, lines, json));
                    printed++;
                }
                if (caughtUp) break;
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping: the hook has run
            }
        }
        return ExitCode.OK;
    }

    private String line(ConsumerRecord<byte[], byte[]> r, Deserializer<? extends IndexedRecord> values, Lines lines, HumanJson json) {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        IndexedRecord value;
        try {
            value = r.value() == null ? null : values.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            value = null;
            if (!output.json()) {
                return Lines.time(r.timestamp()) + " " + r.partition() + "@" + r.offset() + " undecodable: " + e.getMessage();
            }
        }
        if (output.json()) {
            ObjectNode line = JsonNodeFactory.instance.objectNode().put("topic", r.topic()).put("partition", r.partition())
                    .put("offset", r.offset()).put("timestamp", Lines.time(r.timestamp())).put("key", key)
                    .put("type", value == null ? null : value.getSchema().getName());
            line.set("value", value == null ? NullNode.instance : json.record(value));
            return line.toString();
        }
        return Lines.time(r.timestamp()) + " " + (value == null ? "tombstone for " + key : lines.any(value));
    }

    static Map<String, TopicSerdes<String, ? extends IndexedRecord>> topics(StakestreamSerdes s) {
        Map<String, TopicSerdes<String, ? extends IndexedRecord>> m = new LinkedHashMap<>();
        m.put("events", s.events());
        m.put("rejections", s.rejections());
        m.put("slashes", s.slashes());
        m.put("payouts", s.payouts());
        m.put("summaries", s.poolEpochSummaries());
        m.put("roots", s.rewardRoots());
        m.put("proofs", s.rewardProofs());
        return m;
    }
}
