package io.stakestream.cli.bench;

import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.CreateStakingRecord;
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
    final List<SignedCommand> setup = new ArrayList<>();
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
        setup.clear();
        stakes.clear();
        Supplier<SignedPayloads> signer = () -> payloads;
        Party admin = new Party("admin", signer);
        setup.add(admin.sign(Keys.NETWORK, new CreatePoolOverview(DemoParams.params(7 * 86_400, SlashPolicy.PRO_RATA, new Party("treasury", signer)),
                DemoParams.authorities(admin, new Party("slasher", signer), new Party("halter", signer), new Party("rewarder", signer)))));
        setup.add(admin.sign(Keys.NETWORK, new SetModel(MODEL, BigDecimal.ZERO, true)));
        List<Party> stakers = new ArrayList<>();
        for (int p = 0; p < pools; p++) {
            String pool = pool(p);
            setup.add(new Party("bench-operator-" + p, signer).sign(pool, CreateOperatorPool.newBuilder()
                    .setModelId(MODEL).setKind(PoolKind.PROVIDER).setRegion("bench")
                    .setMetadataJson("{\"url\":\"https://" + pool + ".example\"}").setOperatorAuthKeys(List.of())
                    .setRegistrationFee(BigDecimal.ZERO).setInitialStake(Units.tokens(100_000)).build()));
            for (int d = 0; d < delegators; d++) {
                Party delegator = new Party("bench-delegator-" + p + "-" + d, signer);
                stakers.add(delegator);
                setup.add(delegator.sign(pool, new CreateStakingRecord()));
            }
        }
        for (int i = 0; i < size; i++) {
            int who = i % stakers.size();
            stakes.add(stakers.get(who).sign(pool(who / delegators), new Stake(Units.tokens(1 + i % 50))));
        }
    }

    static String pool(int p) {
        return "bench-pool-" + p;
    }
}
