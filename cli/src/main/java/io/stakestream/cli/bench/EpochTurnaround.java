package io.stakestream.cli.bench;

import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.PoolKind;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.cli.Units;
import io.stakestream.cli.demo.DemoParams;
import io.stakestream.cli.demo.Party;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.clients.CommandPublisher;
import io.stakestream.protocol.crypto.AttestationSigner;
import io.stakestream.protocol.serde.SignedPayloads;
import io.stakestream.rewards.EpochClock;
import io.stakestream.rewards.EpochPublication;
import io.stakestream.rewards.RewardJob;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Figure 7: {@code pools} pools, each attested in every epoch, then timed from the EpochClose to
 * the ledger having applied the reward record and every pool's AccrueReward: the reward-builder's
 * RewardJob (its own Kafka clients, in this JVM) reads the epoch's summaries, builds the tree,
 * publishes root, proofs and accruals in one transaction; the ledger checks each signature and
 * proof. Its own stack, with the builder's key among the reward authorities.
 */
final class EpochTurnaround implements AutoCloseable {
    private final EmbeddedStack stack;
    private final PoolLedgerApp app;
    private final CommandPublisher out;
    private final RewardJob job;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread jobThread;
    private final LinkedBlockingQueue<EpochPublication> published = new LinkedBlockingQueue<>();
    private final EpochClock clock;
    private final List<String> pools = new ArrayList<>();
    private final Party node;
    private final SignedPayloads payloads;
    private final Consumer<String> progress;
    private long epoch;
    private long attestationNonce;

    EpochTurnaround(int poolCount, int partitions, Consumer<String> progress) throws Exception {
        this.progress = progress;
        stack = EmbeddedStack.builder().partitions(partitions).start();
        payloads = stack.serdes().payloads();
        Supplier<SignedPayloads> signer = () -> payloads;
        Party admin = new Party("admin", signer);
        Party custody = new Party("custody", signer);
        Party rewarder = new Party("rewarder", signer);
        Party builder = new Party("builder", signer);
        Party operator = new Party("bench-epoch-operator", signer);
        node = new Party("bench-epoch-node", signer);
        app = new PoolLedgerApp(AppConfig.local(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                Files.createTempDirectory("stakestream-bench-epochs"), partitions)).start();
        if (!app.awaitRunning(Duration.ofSeconds(120))) throw new IllegalStateException("the ledger did not reach RUNNING");
        out = CommandPublisher.create(stack.bootstrapServers(), stack.serdes(), "stakestream-bench-epochs", true);
        job = new RewardJob(stack.bootstrapServers(), stack.serdes(), builder.key(), Files.createTempDirectory("stakestream-bench-rewards"),
                "stakestream-bench-reward-builder", published::add);
        jobThread = new Thread(() -> {
            try {
                job.run(stop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-reward-builder");
        jobThread.setDaemon(true);
        jobThread.start();
        clock = new EpochClock(out, rewarder.key());

        progress.accept("figure 7: signing " + poolCount + " pools (deposit + creation) ...");
        List<SignedCommand> funding = new ArrayList<>();
        funding.add(admin.sign(Keys.NETWORK, new CreatePoolOverview(DemoParams.params(7 * 86_400, SlashPolicy.PRO_RATA, new Party("treasury", signer)),
                DemoParams.authorities(admin, new Party("slasher", signer), new Party("halter", signer), rewarder, builder, custody))));
        funding.add(custody.sign(Keys.NETWORK, new FundRewards(Units.tokens(1_000_000_000_000L), BigDecimal.ZERO, chainRef(0))));
        List<SignedCommand> setup = new ArrayList<>();
        setup.add(admin.sign(Keys.NETWORK, new SetModel(Workload.MODEL, BigDecimal.ZERO, true)));
        for (int p = 0; p < poolCount; p++) {
            String pool = "bench-epoch-pool-" + p;
            pools.add(pool);
            funding.add(custody.sign(pool, new Deposit(operator.key().accountBuffer(), Asset.TOKEN, Units.tokens(1_000), chainRef(p + 1), false)));
            setup.add(operator.sign(pool, CreateOperatorPool.newBuilder().setModelId(Workload.MODEL).setKind(PoolKind.PROVIDER)
                    .setRegion("bench").setMetadataJson("{\"url\":\"https://" + pool + ".example\"}")
                    .setOperatorAuthKeys(List.of(node.key().accountBuffer())).setRegistrationFee(BigDecimal.ZERO)
                    .setInitialStake(Units.tokens(1_000)).build()));
        }
        for (List<SignedCommand> step : List.of(funding, setup)) {
            for (int i = 0; i < step.size(); i += TransactionalWriter.BATCH) out.publish(step.subList(i, Math.min(step.size(), i + TransactionalWriter.BATCH)));
            awaitApplied(out.recordsWritten(), Duration.ofMinutes(30));
        }
        if (app.metrics().rejectedCount() > 0) throw new IllegalStateException("figure 7's set-up was refused in part");
    }

    /**
     * Seconds from the EpochClose of the next epoch (every pool attested in it first, untimed) to the
     * last accrual applied; then the seconds to the builder's publication and from it to the last
     * accrual; then the CPU per accrual of that last phase, the whole process's and by thread group
     * ({@link CpuByThread#GROUPS}).
     */
    double[] nextEpoch() throws Exception {
        long e = epoch++;
        List<SignedAttestation> batches = new ArrayList<>(pools.size());
        AttestationSigner signer = AttestationSigner.of(node.key(), payloads);
        for (String pool : pools) {
            JobResult job = JobResult.newBuilder().setEpoch(e).setJobId(pool + "-e" + e).setModelId(Workload.MODEL).setSuccess(true)
                    .setLatencyMs(100 + pool.hashCode() % 50 + 50).setProofValid(true).setCompleted(true).setUsdcFee(BigDecimal.ZERO).build();
            batches.add(signer.attestation(pool + "-batch-" + e, pool, ++attestationNonce, List.of(job)));
        }
        for (int i = 0; i < batches.size(); i += TransactionalWriter.BATCH) out.attest(batches.subList(i, Math.min(batches.size(), i + TransactionalWriter.BATCH)));
        awaitApplied(out.recordsWritten() + job.recordsWritten(), Duration.ofMinutes(30));
        long rejected = app.metrics().rejectedCount();
        long start = System.nanoTime();
        clock.close(e);
        EpochPublication p = published.poll(30, TimeUnit.MINUTES);
        long publishedAt = System.nanoTime();
        CpuByThread cpu = new CpuByThread();
        if (p == null || p.epoch() != e) throw new IllegalStateException("the reward-builder did not publish epoch " + e);
        if (p.accruals().size() != pools.size()) {
            throw new IllegalStateException("epoch " + e + " paid " + p.accruals().size() + " of " + pools.size() + " pools: every pool should earn");
        }
        awaitApplied(out.recordsWritten() + job.recordsWritten(), Duration.ofMinutes(30));
        long end = System.nanoTime();
        Map<String, Double> perAccrual = cpu.perCommand(p.accruals().size());
        if (app.metrics().rejectedCount() > rejected) throw new IllegalStateException("some of epoch " + e + "'s accruals were refused");
        double seconds = (end - start) / 1e9;
        progress.accept(String.format("epoch %d: %d pools accrued %.1f s after the close (the builder's publication after %.1f s)",
                e, p.accruals().size(), seconds, (publishedAt - start) / 1e9));
        double[] values = new double[3 + perAccrual.size()];
        values[0] = seconds;
        values[1] = (publishedAt - start) / 1e9;
        values[2] = (end - publishedAt) / 1e9;
        int i = 3;
        for (double us : perAccrual.values()) values[i++] = us;
        return values;
    }

    private void awaitApplied(long inputs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (app.metrics().acceptedCount() + app.metrics().rejectedCount() < inputs) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("figure 7: the ledger did not keep up in " + timeout);
            Thread.sleep(5);
        }
    }

    private static ChainRef chainRef(long n) {
        byte[] hash = new byte[32];
        ByteBuffer.wrap(hash).putLong(n).putInt(8, 7);
        return new ChainRef(31_337L, ByteBuffer.wrap(hash), 0L);
    }

    @Override
    public void close() throws Exception {
        stop.countDown();
        jobThread.join(10_000);
        job.close();
        out.close();
        app.close();
        stack.close();
    }
}
