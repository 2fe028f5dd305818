package io.stakestream.app.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.protocol.serde.StakestreamSerdes;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The projected read of an event gives the same numbers as the full one. */
class EventDigestTest {

    @Test
    void theDigestAgreesWithTheFullEvent() throws Exception {
        StakestreamSerdes serdes = io.stakestream.app.testkit.TestRegistry.serdes(); // the actors sign with its ids
        Program program = new Program();
        Actor alice = Actor.named("alice-digest");
        LedgerEvent accrual;
        try (LedgerDriver ledger = new LedgerDriver(serdes)) {
            ledger.send(program.init()).send(program.createPool(alice, "alice", 1_000)).send(program.epochClose(0))
                    .send(program.reward(0, new io.stakestream.protocol.merkle.RewardLeaf(0, "alice", java.math.BigInteger.valueOf(70),
                            java.math.BigInteger.valueOf(9))));
            var events = ledger.events(); // reading drains the output topic
            accrual = events.get(events.size() - 1).value;
        }
        byte[] wire = serdes.events().valueSerde().serializer().serialize(serdes.events().name(), accrual);

        EventDigest d = new EventDigest.Decoder(serdes.registry()).decode(wire);

        assertThat(d.poolId()).isEqualTo("alice");
        assertThat(d.command()).isEqualTo(accrual.getCommand()).isEqualTo("AccrueReward");
        assertThat(d.epoch()).isEqualTo(accrual.getEpoch());
        assertThat(d.tokenDelta()).isEqualTo(BigInteger.valueOf(70));
        assertThat(d.usdcDelta()).isEqualTo(BigInteger.valueOf(9));
        assertThat(d.totalStake()).isEqualTo(accrual.getPool().getTotalStake().toBigInteger());
        assertThat(d.totalShares()).isEqualTo(accrual.getPool().getTotalShares().toBigInteger());
    }
}
