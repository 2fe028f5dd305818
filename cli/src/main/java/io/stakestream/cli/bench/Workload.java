package io.stakestream.cli.bench;

import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.JobResult;
import io.stakestream.avro.PoolKind;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.cli.Units;
import io.stakestream.cli.demo.DemoParams;
import io.stakestream.cli.demo.Party;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.clients.KeyPartitioner;
import io.stakestream.protocol.crypto.AttestationSigner;
import io.stakestream.protocol.serde.SignedPayloads;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The benchmark's commands, signed before any clock starts: program set-up, custody's deposits, pools,
 * then batches of Stake commands spread round-robin over every delegator of every pool. Pool ids
 * are picked so every partition holds the same number of pools: with 8 ids hashed 5/3 over two
 * partitions one stream thread did 62.5% of the work (KAFKA-NOTES.md).
 */
final class Workload {
    static final String MODEL = "bench-model";
    private final int pools;
    private final int delegators;
    private final List<String> poolIds;
    /** The program and custody's credits: applied before the pools register (deposits pass a dedupe stage first). */
    final List<SignedCommand> funding = new ArrayList<>();
    final List<SignedCommand> setup = new ArrayList<>();
    private final List<Party> stakers = new ArrayList<>();
    /** Each pool's node, the one operator auth key that signs its attestations. */
    private final List<Party> nodes = new ArrayList<>();
    private long staked;
    private long attested;
    private long transfers;
    /** Stakes are 1 to 50 tokens: a billion covers any run. */
    static final long DELEGATOR_CREDIT_TOKENS = 1_000_000_000L;

    /** The payload writer the commands were signed with; it reads them back too. */
    final SignedPayloads payloads;

    /** Signs the set-up with schema ids of this registry's writer. */
    Workload(int pools, int delegators, int partitions, SignedPayloads payloads) {
        this.pools = pools;
        this.delegators = delegators;
        this.payloads = payloads;
        this.poolIds = balancedPoolIds(pools, partitions);
        Supplier<SignedPayloads> signer = () -> payloads;
        Party admin = new Party("admin", signer);
        Party custody = new Party("custody", signer);
        funding.add(admin.sign(Keys.NETWORK, new CreatePoolOverview(DemoParams.params(7 * 86_400, SlashPolicy.PRO_RATA, new Party("treasury", signer)),
                DemoParams.authorities(admin, new Party("slasher", signer), new Party("halter", signer), new Party("rewarder", signer), custody))));
        setup.add(admin.sign(Keys.NETWORK, new SetModel(MODEL, BigDecimal.ZERO, true)));
        for (int p = 0; p < pools; p++) {
            String pool = poolIds.get(p);
            Party operator = new Party("bench-operator-" + p, signer);
            Party node = new Party("bench-node-" + p, signer);
            nodes.add(node);
            // custody credits everyone ahead of the pool (their records open with the credit), then the pool registers;
            // a delegator's credit covers every stake a run can sign for it
            funding.add(deposit(custody, pool, operator, Units.tokens(100_000)));
            for (int d = 0; d < delegators; d++) {
                Party delegator = new Party("bench-delegator-" + p + "-" + d, signer);
                stakers.add(delegator);
                funding.add(deposit(custody, pool, delegator, Units.tokens(DELEGATOR_CREDIT_TOKENS)));
            }
            setup.add(operator.sign(pool, CreateOperatorPool.newBuilder()
                    .setModelId(MODEL).setKind(PoolKind.PROVIDER).setRegion("bench")
                    .setMetadataJson("{\"url\":\"https://" + pool + ".example\"}").setOperatorAuthKeys(List.of(node.key().accountBuffer()))
                    .setRegistrationFee(BigDecimal.ZERO).setInitialStake(Units.tokens(100_000)).build()));
        }
    }

    private SignedCommand deposit(Party custody, String pool, Party owner, BigDecimal amount) {
        byte[] hash = new byte[32];
        java.nio.ByteBuffer.wrap(hash).putLong(++transfers);
        return custody.sign(pool, new Deposit(owner.key().accountBuffer(), Asset.TOKEN, amount,
                new ChainRef(31_337L, java.nio.ByteBuffer.wrap(hash), 0L), false));
    }

    int pools() {
        return pools;
    }

    int delegators() {
        return delegators;
    }

    List<String> poolIds() {
        return poolIds;
    }

    /**
     * The next {@code n} stakes, one pool after another (pool 0, 1, ..., 7, 0, ...), so every
     * partition's stream thread has its share at every moment: every batch carries fresh nonces, so
     * any batch can follow any other.
     */
    List<SignedCommand> stakes(int n) {
        return stakes(n, false);
    }

    /**
     * The next {@code n} stakes as the bench made them before: all of a pool's delegators, then the
     * next pool's. Balanced over a whole cycle but not in time: at 5,000/s each partition's thread
     * gets 500 stakes in 100 ms, then waits while the others' pools are served (figure 4's "before").
     */
    List<SignedCommand> stakesPoolByPool(int n) {
        return stakes(n, true);
    }

    private List<SignedCommand> stakes(int n, boolean poolByPool) {
        List<SignedCommand> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++, staked++) {
            int who = poolByPool ? (int) (staked % stakers.size())
                    : (int) (staked % pools) * delegators + (int) (staked / pools % delegators);
            batch.add(stakers.get(who).sign(poolIds.get(who / delegators), new Stake(Units.tokens(1 + staked % 50))));
        }
        return batch;
    }

    /** The next {@code batches} attestation batches of {@code jobs} results each, round-robin over the pools' nodes, for epoch 0. */
    List<SignedAttestation> attestations(int batches, int jobs) {
        List<SignedAttestation> out = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++, attested++) {
            int p = (int) (attested % pools);
            List<JobResult> results = new ArrayList<>(jobs);
            for (int j = 0; j < jobs; j++) {
                results.add(JobResult.newBuilder().setEpoch(0).setJobId("job-" + attested + "-" + j).setModelId(MODEL).setSuccess(true)
                        .setLatencyMs(100 + j % 50).setProofValid(true).setCompleted(true).setUsdcFee(BigDecimal.ZERO).build());
            }
            out.add(AttestationSigner.of(nodes.get(p).key(), payloads).attestation("bench-batch-" + attested, poolIds.get(p),
                    attested + 1, results));
        }
        return out;
    }

    /** {@code pools} ids, as many on each partition of {@code partitions} as the division allows. */
    static List<String> balancedPoolIds(int pools, int partitions) {
        int[] onPartition = new int[partitions];
        int cap = (pools + partitions - 1) / partitions;
        List<String> ids = new ArrayList<>(pools);
        for (int candidate = 0; ids.size() < pools; candidate++) {
            String id = "bench-pool-" + candidate;
            int p = KeyPartitioner.partitionOf(id.getBytes(java.nio.charset.StandardCharsets.UTF_8), partitions);
            if (onPartition[p] < cap) {
                onPartition[p]++;
                ids.add(id);
            }
        }
        return ids;
    }
}
