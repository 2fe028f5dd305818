package io.stakestream.cli.verbs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.SignedCommand;
import io.stakestream.cli.ConnectedCommand;
import io.stakestream.cli.ExitCode;
import io.stakestream.cli.Services;
import io.stakestream.cli.TopicReader;
import io.stakestream.cli.format.Lines;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Slash proposals as the ledger accepted them, read from the audit log: the events name the
 * accepted commands, the commands log holds their bodies. Pending ones first: a delegator must see
 * a proposal while it can still act.
 */
@Command(name = "list", description = "List slash proposals: pending (with the epoch they can execute from), or --all.")
public final class SlashList extends ConnectedCommand {

    private static final Pattern EXECUTABLE = Pattern.compile("executable from epoch (\\d+)(?: and time (\\d+))?");

    @Option(names = "--pool", paramLabel = "ID", description = "only this pool")
    String pool;
    @Option(names = "--all", description = "executed and cancelled ones too")
    boolean all;

    private record Proposal(ProposeSlash body, LedgerEvent accepted, String[] state) {
    }

    @Override
    protected int run() {
        String bootstrap = services.bootstrap(console);
        String registry = services.registry(console);
        Services.requireBroker(bootstrap);
        Services.requireRegistry(registry);
        StakestreamSerdes serdes = StakestreamSerdes.forUrl(registry);
        Map<String, LedgerEvent> accepted = new HashMap<>();
        Deserializer<LedgerEvent> events = serdes.events().valueSerde().deserializer();
        try (TopicReader reader = new TopicReader(bootstrap, serdes.events().name(), true)) {
            for (ConsumerRecord<byte[], byte[]> r : reader.readToEnd(Duration.ofSeconds(60))) {
                LedgerEvent e = events.deserialize(r.topic(), r.value());
                if (e.getCommand().endsWith("Slash") && (pool == null || pool.equals(e.getPoolId()))) {
                    accepted.put(e.getCommandId(), e);
                }
            }
        }
        Map<String, Proposal> proposals = new LinkedHashMap<>();
        Deserializer<SignedCommand> commands = serdes.commands().valueSerde().deserializer();
        try (TopicReader reader = new TopicReader(bootstrap, serdes.commands().name(), true)) {
            for (ConsumerRecord<byte[], byte[]> r : reader.readToEnd(Duration.ofSeconds(60))) {
                SignedCommand c;
                try {
                    c = commands.deserialize(r.topic(), r.value());
                } catch (RuntimeException undecodable) {
                    continue; // the ledger refused it; it proposed nothing
                }
                if (c == null) continue;
                io.stakestream.avro.CommandPayload payload;
                try {
                    payload = serdes.payloads().command(c);
                } catch (RuntimeException undecodable) {
                    continue;
                }
                LedgerEvent e = accepted.get(payload.getCommandId());
                if (e == null) continue;
                String poolId = payload.getPoolId();
                Object body = payload.getBody();
                if (body instanceof ProposeSlash p) {
                    proposals.put(poolId + "/" + p.getSlashId(), new Proposal(p, e, new String[] {"PENDING"}));
                } else if (body instanceof ExecuteSlash x && proposals.containsKey(poolId + "/" + x.getSlashId())) {
                    proposals.get(poolId + "/" + x.getSlashId()).state()[0] = "EXECUTED";
                } else if (body instanceof CancelSlash x && proposals.containsKey(poolId + "/" + x.getSlashId())) {
                    proposals.get(poolId + "/" + x.getSlashId()).state()[0] = "CANCELLED";
                }
            }
        }
        Lines lines = new Lines(output.baseUnits());
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        for (Proposal p : proposals.values()) {
            if (!all && !p.state()[0].equals("PENDING")) continue;
            Matcher m = EXECUTABLE.matcher(String.valueOf(p.accepted().getNote()));
            boolean found = m.find();
            Long executable = found ? Long.parseLong(m.group(1)) : null;
            String executableAt = found && m.group(2) != null ? Lines.time(Long.parseLong(m.group(2))) : null;
            String size = p.body().getAmount() != null ? lines.tokens(p.body().getAmount()) + " tokens"
                    : p.body().getFractionPpm() != null ? p.body().getFractionPpm() + " ppm" : "the schedule's fraction";
            if (output.json()) {
                ObjectNode o = json.addObject().put("slashId", p.body().getSlashId()).put("poolId", p.accepted().getPoolId())
                        .put("state", p.state()[0]).put("reason", p.body().getReason().name()).put("size", size)
                        .put("evidence", p.body().getEvidence()).put("proposedEpoch", p.accepted().getEpoch())
                        .put("proposedAt", Lines.time(p.accepted().getTimestamp()));
                if (executable != null) o.put("executableEpoch", executable);
                if (executableAt != null) o.put("executableAt", executableAt);
            } else {
                console.out().println(p.state()[0] + " " + p.body().getSlashId() + " on " + p.accepted().getPoolId() + ": "
                        + p.body().getReason() + ", " + size + ", proposed in epoch " + p.accepted().getEpoch() + " at "
                        + Lines.time(p.accepted().getTimestamp()) + (executable == null ? "" : ", executable from epoch " + executable)
                        + (executableAt == null ? "" : " and " + executableAt)
                        + (p.body().getEvidence().isEmpty() ? "" : "; evidence: " + p.body().getEvidence()));
            }
        }
        if (output.json()) {
            console.out().println(json);
        } else if (json.isEmpty() && proposals.values().stream().noneMatch(p -> all || p.state()[0].equals("PENDING"))) {
            console.out().println(all ? "no slash was ever proposed" + (pool == null ? "" : " on " + pool) : "no slash is pending"
                    + (pool == null ? "" : " on " + pool) + " (--all shows executed and cancelled ones)");
        }
        return ExitCode.OK;
    }
}
