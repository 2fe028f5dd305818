package io.stakestream.rewards;

import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.RewardProof;
import io.stakestream.avro.RewardRoot;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.clients.CommittedReader;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.Bytes;
import io.stakestream.protocol.crypto.CommandSigner;
import io.stakestream.protocol.crypto.Hex;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reward-builder job (DESIGN.md section 5): reads stakestream.pool-epoch-summaries
 * read_committed, and for every epoch whose partitions have all reported, computes rewards and the
 * tree, writes the standard-v1 dump under {@code dataDir/trees}, then in ONE transaction publishes
 * the root to reward-roots, every proof to reward-proofs, the signed reward record to every partition
 * of the commands topic and one AccrueReward per leaf. An epoch is published whole or not at all, so
 * on a restart the job resumes after the highest root on reward-roots; the stable transactional id
 * fences a previous copy still running.
 */
public final class RewardJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RewardJob.class);
    public static final String TRANSACTIONAL_ID = "stakestream-reward-builder";

    private final String bootstrapServers;
    private final StakestreamSerdes serdes;
    private final CommandSigner signer;
    private final Path trees;
    private final CommandPublisher out;
    private final Serializer<RewardRoot> roots;
    private final Serializer<RewardProof> proofs;
    private final Consumer<EpochPublication> published;
    private final AccrualSchedule accruals = new AccrualSchedule();
    private volatile long lastPublished = -1;

    /** @param published told of every epoch this job publishes, after it committed */
    public RewardJob(String bootstrapServers, StakestreamSerdes serdes, AccountKey builderKey, Path dataDir, String transactionalId,
                     Consumer<EpochPublication> published) throws IOException {
        this.bootstrapServers = bootstrapServers;
        this.serdes = serdes;
        this.signer = CommandSigner.of(builderKey, serdes.payloads());
        this.trees = Files.createDirectories(dataDir.resolve("trees"));
        this.roots = serdes.rewardRoots().valueSerde().serializer();
        this.proofs = serdes.rewardProofs().valueSerde().serializer();
        this.published = published;
        this.out = CommandPublisher.create(bootstrapServers, serdes, transactionalId, false);
    }

    /** Where epoch n's standard-v1 dump is written. */
    public static Path treeFile(Path dataDir, long epoch) {
        return dataDir.resolve("trees").resolve("epoch-" + epoch + ".json");
    }

    /** Records this job wrote to the commands topic (a reward record counts once per partition). */
    public long recordsWritten() {
        return out.recordsWritten();
    }

    public long lastPublished() {
        return lastPublished;
    }

    /** Runs until {@code stop} opens. */
    public void run(CountDownLatch stop) throws InterruptedException {
        TreeSet<Long> done = publishedEpochs();
        try (CommittedReader<EpochSummaryMessage> summaries = new CommittedReader<>(bootstrapServers, serdes.poolEpochSummaries())) {
            EpochAssembler epochs = new EpochAssembler(done.isEmpty() ? 0 : done.last() + 1);
            List<ConsumerRecord<String, EpochSummaryMessage>> backlog = summaries.readToEnd(Duration.ofSeconds(120));
            if (done.isEmpty()) {
                EpochAssembler probe = new EpochAssembler(0);
                backlog.forEach(r -> probe.add(r.value()));
                epochs.startAt(probe.lowest().orElse(0L));
            }
            backlog.forEach(r -> epochs.add(r.value()));
            recoverPublished(backlog, done);
            lastPublished = epochs.next() - 1;
            log.info("reward-builder resumes at epoch {} ({} epoch(s) already published)", epochs.next(), done.size());
            while (stop.getCount() > 0) {
                for (Optional<ClosedEpoch> e = epochs.poll(); e.isPresent(); e = epochs.poll()) {
                    long computing = System.nanoTime();
                    publish(EpochPublication.of(e.get(), signer), computing);
                }
                summaries.poll(Duration.ofMillis(100)).forEach(r -> epochs.add(r.value()));
            }
        }
    }

    private void publish(EpochPublication p, long computing) {
        long t0 = System.nanoTime();
        writeDump(p);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        String rootsTopic = serdes.rewardRoots().name();
        String proofsTopic = serdes.rewardProofs().name();
        records.add(new ProducerRecord<>(rootsTopic, utf8(Long.toString(p.epoch())), roots.serialize(rootsTopic, p.root())));
        // one proof per pool: encoded on every core, in order
        records.addAll(p.proofs().parallelStream().map(proof -> new ProducerRecord<>(proofsTopic,
                utf8(EpochPublication.proofKey(proof.getPoolId(), p.epoch())), proofs.serialize(proofsTopic, proof))).toList());
        List<SignedCommand> commands = new ArrayList<>();
        commands.add(p.record());
        commands.addAll(accruals.due(p, p.rewardDelayEpochs()));
        out.publish(records, commands);
        lastPublished = p.epoch();
        log.info("epoch {}: root {} over {} leaves, {} tokens (emission {} + redistributed {}), {} USDC, computed in {} ms, published in {} ms",
                p.epoch(), Hex.encode0x(Bytes.of(p.root().getRoot())), p.root().getLeafCount(), p.root().getTotalTokens(),
                p.allocation().emission(), p.allocation().redistributed(), p.root().getTotalUsdc(), (t0 - computing) / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
        published.accept(p);
    }

    /** Written before the transaction commits: a published root always has its dump, byte for byte the same after a rerun. */
    private void writeDump(EpochPublication p) {
        byte[] dump = p.dump();
        if (dump == null) return;
        Path file = treeFile(trees.getParent(), p.epoch());
        try {
            Path tmp = Files.write(file.resolveSibling(file.getFileName() + ".tmp"), dump);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the tree of epoch " + p.epoch() + " to " + file + ": check the data directory", e);
        }
    }

    /**
     * After a restart: recomputes the published epochs whose accruals may still be held for a reward
     * delay (replaying them through the schedule), and the dumps a lost or new data directory lacks.
     */
    private void recoverPublished(List<ConsumerRecord<String, EpochSummaryMessage>> backlog, TreeSet<Long> done) {
        if (done.isEmpty()) return;
        EpochAssembler again = new EpochAssembler(done.first());
        backlog.forEach(r -> again.add(r.value()));
        List<ClosedEpoch> closed = new ArrayList<>();
        for (Optional<ClosedEpoch> e = again.poll(); e.isPresent() && e.get().epoch() <= done.last(); e = again.poll()) {
            if (done.contains(e.get().epoch())) closed.add(e.get());
        }
        if (closed.isEmpty()) return;
        long heldFrom = done.last() - Math.max(0, closed.get(closed.size() - 1).params().getRewardDelayEpochs());
        for (ClosedEpoch e : closed) {
            boolean dumpMissing = !Files.exists(treeFile(trees.getParent(), e.epoch()));
            if (e.epoch() < heldFrom && !dumpMissing) continue;
            EpochPublication p = EpochPublication.of(e, signer);
            if (dumpMissing) writeDump(p);
            if (e.epoch() >= heldFrom) accruals.due(p, p.rewardDelayEpochs());   // sent with that epoch's record already: only the held ones stay
        }
        if (!accruals.heldEpochs().isEmpty()) log.info("accruals of epoch(s) {} wait out the reward delay", accruals.heldEpochs());
    }

    private TreeSet<Long> publishedEpochs() {
        TreeSet<Long> epochs = new TreeSet<>();
        try (CommittedReader<RewardRoot> reader = new CommittedReader<>(bootstrapServers, serdes.rewardRoots())) {
            for (ConsumerRecord<String, RewardRoot> r : reader.readToEnd(Duration.ofSeconds(60))) {
                if (r.value() != null) epochs.add(r.value().getEpoch());
            }
        }
        return epochs;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        out.close();
    }
}
