package io.stakestream.cli.bench;

import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.PoolKind;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.cli.Units;
import io.stakestream.cli.demo.DemoParams;
import io.stakestream.cli.demo.Party;
import io.stakestream.ledger.Keys;
import io.stakestream.protocol.serde.SignedPayloads;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The benchmark's commands, signed before any clock starts: program set-up, pools, staking records,
 * then {@code size} Stake commands spread round-robin over every delegator of every pool.
 */
final class Workload {
    static final String MODEL = "bench-model";
    private final int pools;
    private final int delegators;
    private final int size;
    /** The program and custody's credits: they must be in the log before the pools register. */
    final List<SignedCommand> funding = new ArrayList<>();
    final List<SignedCommand> setup = new ArrayList<>();
    private long transfers;
    final List<SignedCommand> stakes = new ArrayList<>();

    Workload(int pools, int delegators, int size) {
        this.pools = pools;
        this.delegators = delegators;
        this.size = size;
    }

    int pools() {
        return pools;
    }

    int delegators() {
        return delegators;
    }

    int size() {
        return size;
    }

    /** The payload writer the commands were signed with; it reads them back too. */
    SignedPayloads payloads;

    /** Signs (again) every command with schema ids of this registry's writer; the lists are replaced. */
    void sign(SignedPayloads payloads) {
        this.payloads = payloads;
        funding.clear();
        setup.clear();
        stakes.clear();
        transfers = 0;
        Supplier<SignedPayloads> signer = () -> payloads;
        Party admin = new Party("admin", signer);
        Party custody = new Party("custody", signer);
        Party rewarder = new Party("rewarder", signer);
        funding.add(admin.sign(Keys.NETWORK, new CreatePoolOverview(DemoParams.params(7 * 86_400, SlashPolicy.PRO_RATA, new Party("treasury", signer)),
                DemoParams.authorities(admin, new Party("slasher", signer), new Party("halter", signer), rewarder, custody))));
        setup.add(admin.sign(Keys.NETWORK, new SetModel(MODEL, BigDecimal.ZERO, true)));
        List<Party> stakers = new ArrayList<>();
        for (int p = 0; p < pools; p++) {
            for (int d = 0; d < delegators; d++) stakers.add(new Party("bench-delegator-" + p + "-" + d, signer));
        }
        BigDecimal[] owed = new BigDecimal[stakers.size()];
        java.util.Arrays.fill(owed, BigDecimal.ZERO);
        for (int i = 0; i < size; i++) {
            int who = i % stakers.size();
            BigDecimal amount = Units.tokens(1 + i % 50);
            owed[who] = owed[who].add(amount);
            stakes.add(stakers.get(who).sign(pool(who / delegators), new Stake(amount)));
        }
        for (int p = 0; p < pools; p++) {
            String pool = pool(p);
            Party operator = new Party("bench-operator-" + p, signer);
            // custody credits everyone ahead of the pool (their records open with the credit), then the pool registers
            funding.add(deposit(custody, pool, operator, Units.tokens(100_000)));
            for (int d = 0; d < delegators; d++) {
                int who = p * delegators + d;
                if (owed[who].signum() > 0) funding.add(deposit(custody, pool, stakers.get(who), owed[who]));
            }
            setup.add(operator.sign(pool, CreateOperatorPool.newBuilder()
                    .setModelId(MODEL).setKind(PoolKind.PROVIDER).setRegion("bench")
                    .setMetadataJson("{\"url\":\"https://" + pool + ".example\"}").setOperatorAuthKeys(List.of())
                    .setRegistrationFee(BigDecimal.ZERO).setInitialStake(Units.tokens(100_000)).build()));
        }
    }

    private SignedCommand deposit(Party custody, String pool, Party owner, BigDecimal amount) {
        byte[] hash = new byte[32];
        java.nio.ByteBuffer.wrap(hash).putLong(++transfers);
        return custody.sign(pool, new io.stakestream.avro.Deposit(owner.key().accountBuffer(), io.stakestream.avro.Asset.TOKEN, amount,
                new io.stakestream.avro.ChainRef(31_337L, java.nio.ByteBuffer.wrap(hash), 0L), false));
    }

    static String pool(int p) {
        return "bench-pool-" + p;
    }
}
