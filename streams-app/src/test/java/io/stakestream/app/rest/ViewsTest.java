package io.stakestream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.avro.Unstake;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ViewsTest {

    private final LedgerDriver ledger = new LedgerDriver();
    private final Program program = new Program();
    private final Actor alice = Actor.named("alice-operator");
    private final Actor bob = Actor.named("bob-delegator");

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void positionShowsUnsettledUsdcAndPendingUnstakesAtTheirValue() {
        ledger.send(program.init())
                .send(program.createPool(alice, "alice", 1_000))
                .send(program.delegate(bob, "alice", 1_000))
                .send(program.epochClose(0))
                .send(program.reward(0, new RewardLeaf(0, "alice", BigInteger.ZERO, BigInteger.valueOf(1_000))))
                .send(bob.sign("alice", new Unstake(null, BigDecimal.valueOf(100))));
        assertThat(ledger.rejections()).isEmpty();

        ObjectNode view = Views.position(ledger.position("alice", bob), ledger.pool("alice"));

        // 1000 USDC, 20% commission: 800 over 2000 shares; bob settled his 400 when his shares changed
        assertThat(view.path("usdcOwed").asText()).isEqualTo("400");
        assertThat(view.path("usdcUnsettled").asText()).isEqualTo("0");
        assertThat(view.path("usdcOwedTotal").asText()).isEqualTo("400");
        assertThat(view.path("shares").asText()).isEqualTo("900");
        assertThat(view.path("value").asText()).isEqualTo("900");
        assertThat(view.path("pending")).hasSize(1);
        assertThat(view.path("pending").get(0).path("value").asText()).isEqualTo("100");
        assertThat(view.path("pendingValue").asText()).isEqualTo("100");
        assertThat(view.path("account").asText()).isEqualTo(bob.accountHex());

        ObjectNode operator = Views.position(ledger.position("alice", alice), ledger.pool("alice"));
        assertThat(operator.path("usdcOwed").asText()).as("never settled: all of it is unsettled").isEqualTo("0");
        assertThat(operator.path("usdcUnsettled").asText()).isEqualTo("400");
        assertThat(operator.path("usdcOwedTotal").asText()).isEqualTo("400");
    }

    @Test
    void poolAmountsAreDecimalStringsAndBytesLowercaseHex() {
        ledger.send(program.init()).send(program.createPool(alice, "alice", 1_000));

        ObjectNode pool = Views.pool(ledger.pool("alice"));

        assertThat(pool.path("totalStake").isTextual()).isTrue();
        assertThat(pool.path("totalStake").asText()).isEqualTo("1000");
        assertThat(pool.path("scale").asText()).isEqualTo("1000000000000000000");
        assertThat(pool.path("admin").asText()).isEqualTo(alice.accountHex()).matches("[0-9a-f]{64}");
        assertThat(pool.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(pool.path("delegationCap").isNull()).isTrue();
    }
}
