package io.stakestream.app.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.app.outputs.OutputLog;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.RewardRoot;
import io.stakestream.protocol.merkle.TreeDumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Queries over what was committed to the output topics ({@link OutputLog}): reward roots, proofs
 * and tree dumps, pool histories, executed slashes, rejections by reason. Every instance reads all
 * of it, so none forwards; until its reader has caught up it answers 503.
 */
final class OutputQueries {

    private final OutputLog outputs;
    private final Path dumpDir;

    /** @param dumpDir where the reward-builder writes its tree dumps ({@link TreeDumps}), null when none is shared */
    OutputQueries(OutputLog outputs, Path dumpDir) {
        this.outputs = outputs;
        this.dumpDir = dumpDir;
    }

    Reply roots() {
        requireCaughtUp();
        ArrayNode out = Reply.JSON.createArrayNode();
        outputs.roots().forEach(r -> out.add(root(r)));
        return Reply.ok(out);
    }

    Reply root(long epoch) {
        requireCaughtUp();
        RewardRoot r = outputs.root(epoch);
        return r == null ? Reply.error(404, "no reward root published for epoch " + epoch + " yet", false) : Reply.ok(root(r));
    }

    Reply proof(long epoch, String poolId) {
        requireCaughtUp();
        RewardProof p = outputs.proof(poolId, epoch);
        return p == null ? Reply.error(404, "no reward proof for pool '" + poolId + "' in epoch " + epoch, false)
                : Reply.ok(AvroJson.record(p));
    }

    /** The epoch's whole tree in OpenZeppelin's standard-v1 dump format, as the reward-builder wrote it. */
    Reply tree(long epoch) {
        if (dumpDir == null) {
            return Reply.error(404, "this instance does not share the reward-builder's dump directory: set REWARD_DUMP_DIR", false);
        }
        Path file = dumpDir.resolve(TreeDumps.fileName(epoch));
        try {
            return new Reply(200, Reply.JSON_TYPE, Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return Reply.error(404, "no tree dump for epoch " + epoch + " in " + dumpDir, false);
        } catch (IOException e) {
            throw new Unavailable("cannot read " + file + ": " + e.getMessage());
        }
    }

    Reply history(String poolId) {
        requireCaughtUp();
        return Reply.ok(outputs.history(poolId, Views::history));
    }

    Reply executedSlashes() {
        requireCaughtUp();
        ArrayNode out = Reply.JSON.createArrayNode();
        outputs.executedSlashes().forEach(s -> out.add(AvroJson.record(s)));
        return Reply.ok(out);
    }

    Reply rejections() {
        requireCaughtUp();
        ObjectNode out = Reply.JSON.createObjectNode();
        ObjectNode byReason = out.putObject("byReason");
        long[] total = {0};
        outputs.rejectionsByReason().forEach((reason, n) -> {
            byReason.put(reason.name(), n);
            total[0] += n;
        });
        out.put("total", total[0]);
        return Reply.ok(out);
    }

    private ObjectNode root(RewardRoot r) {
        ObjectNode o = AvroJson.record(r);
        // an epoch without leaves has no tree (standard-v1 needs a leaf), so no dump to link to
        if (dumpDir != null && r.getLeafCount() > 0) {
            o.put("tree", "/epochs/" + r.getEpoch() + "/tree");
        }
        return o;
    }

    private void requireCaughtUp() {
        if (!outputs.caughtUp()) {
            throw new Unavailable("still reading the output topics from the start: retry shortly");
        }
    }
}
