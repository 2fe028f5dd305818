package io.stakestream.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.LedgerDriver;
import io.stakestream.app.testkit.Program;
import io.stakestream.app.testkit.TestAccounts;
import io.stakestream.avro.EpochSummaryMessage;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.PartitionEpochClosed;
import io.stakestream.avro.PoolEpochSummary;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedCommand;
import io.stakestream.avro.Stake;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Table;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolLedgerTopologyTest {

    private final LedgerDriver ledger = new LedgerDriver();
    private final Program program = new Program();
    private final Actor alice = Actor.named("alice-operator");
    private final Actor bob = Actor.named("bob-delegator");

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void initCreatePoolAndStakeEmitEventsWithThePoolState() {
        ledger.send(program.init())
                .send(program.createPool(alice, "alice", 1_000))
                .send(program.delegate(bob, "alice", 500));

        List<KeyValue<String, LedgerEvent>> events = ledger.events();
        assertThat(events).extracting(e -> e.value.getCommand())
                .containsExactly("CreatePoolOverview", "SetModel", "CreateOperatorPool", "CreateStakingRecord", "Stake");
        assertThat(events).extracting(e -> e.key).containsExactly("*", "*", "alice", "alice", "alice");
        LedgerEvent stake = events.get(4).value;
        assertThat(stake.getTokenDelta()).isEqualByComparingTo("500");
        assertThat(stake.getShareDelta()).isEqualByComparingTo("500");
        assertThat(stake.getPool().getTotalStake()).isEqualByComparingTo("1500");
        assertThat(stake.getPool().getTotalShares()).isEqualByComparingTo("1500");
        assertThat(stake.getPosition().getShares()).isEqualByComparingTo("500");
        assertThat(stake.getTimestamp()).as("the record's (broker) timestamp").isEqualTo(ledger.clock().toEpochMilli());
        assertThat(ledger.rejections()).isEmpty();
    }

    @Test
    void badSignatureIsRejected() {
        ledger.send(program.init()).send(program.createPool(alice, "alice", 1_000)).drain();
        SignedCommand good = program.stake(alice, "alice", 10);
        byte[] sig = good.getSignature().array().clone();
        sig[0] ^= 1;
        SignedCommand forged = new SignedCommand(good.getPayload(), ByteBuffer.wrap(sig));

        ledger.send(forged);

        assertThat(ledger.events()).isEmpty();
        Rejection r = single(ledger.rejections(), "alice");
        assertThat(r.getReason()).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(r.getCommandId()).isEqualTo(alice.payloads().command(good).getCommandId());
        assertThat(r.getCommand()).isEqualTo("Stake");
        assertThat(ledger.pool("alice").getTotalStake()).isEqualByComparingTo("1000");
    }

    @Test
    void replayedNonceIsRejected() {
        ledger.send(program.init()).send(program.createPool(alice, "alice", 1_000)).send(program.stake(alice, "alice", 10)).drain();

        ledger.send(alice.signReplay("alice", new Stake(BigDecimal.TEN)));

        assertThat(single(ledger.rejections(), "alice").getReason()).isEqualTo(RejectReason.REPLAY);
        assertThat(ledger.pool("alice").getTotalStake()).isEqualByComparingTo("1010");
    }

    @Test
    void undecodableBytesAreRejectedWithTheRawRecord() {
        byte[] key = "mallory".getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[64];
        new Random(7).nextBytes(random);
        random[0] = 0x00; // looks framed, so it gets as far as the schema id lookup
        byte[] badMagic = {0x7b, 0x22, 0x61, 0x22, 0x7d};
        ledger.send(program.init()).drain();
        byte[] valid = ledger.encode(program.stake(alice, "alice", 1));
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
        byte[] unknownSchema = valid.clone();
        unknownSchema[4] = 99;

        for (byte[] bytes : List.of(random, badMagic, truncated, unknownSchema, new byte[] {0, 0})) {
            ledger.sendRaw(key, bytes);
            Rejection r = single(ledger.rejections(), "mallory");
            assertThat(r.getReason()).isEqualTo(RejectReason.UNDECODABLE);
            assertThat(r.getRawKey()).isEqualTo(ByteBuffer.wrap(key));
            assertThat(r.getRawValue()).isEqualTo(ByteBuffer.wrap(bytes));
            assertThat(r.getSourceTopic()).isEqualTo("stakestream.commands");
            assertThat(r.getMessage()).isNotBlank();
        }
        assertThat(ledger.events()).isEmpty();
    }

    @Test
    void commandForUnknownPoolIsRejected() {
        ledger.send(program.init()).drain();

        ledger.send(program.delegate(bob, "nobody", 5).get(0));

        assertThat(single(ledger.rejections(), "nobody").getReason()).isEqualTo(RejectReason.UNKNOWN_POOL);
    }

    @Test
    void recordKeyedByAnotherPoolIsRejected() {
        ledger.send(program.init()).send(program.createPool(alice, "alice", 1_000)).drain();

        ledger.sendKeyed("bob", program.stake(alice, "alice", 10));

        Rejection r = single(ledger.rejections(), "alice");
        assertThat(r.getReason()).isEqualTo(RejectReason.INVALID_ARGUMENT);
        assertThat(r.getMessage()).contains("key");
    }

    @Test
    void controlCommandOnPoolStarChangesNetworkStateAndNeedsTheAdmin() {
        ledger.send(program.init()).drain();

        ledger.send(bob.sign(Keys.NETWORK, new io.stakestream.avro.SetModel("mixtral", BigDecimal.ZERO, true)));
        assertThat(single(ledger.rejections(), "*").getReason()).isEqualTo(RejectReason.UNAUTHORIZED);

        ledger.send(program.admin.sign(Keys.NETWORK, new io.stakestream.avro.SetModel("mixtral", BigDecimal.valueOf(50), true)));
        LedgerEvent e = single(ledger.events(), "*");
        assertThat(e.getCommand()).isEqualTo("SetModel");
        assertThat(ledger.store(Table.NETWORK).get(Keys.NETWORK_STATE).getModels()).containsKeys("mixtral", Program.MODEL);
    }

    @Test
    void epochCloseEmitsOneSummaryPerPoolThenThePartitionMarker() {
        ledger.send(program.init())
                .send(program.createPool(alice, "alice", 1_000))
                .send(program.createPool(bob, "bob", 600))
                .drain();

        ledger.send(program.epochClose(0));

        List<KeyValue<String, EpochSummaryMessage>> out = ledger.summaries();
        assertThat(out).extracting(kv -> kv.key).containsOnly("0");
        assertThat(out).hasSize(3);
        PoolEpochSummary a = (PoolEpochSummary) out.get(0).value.getBody();
        PoolEpochSummary b = (PoolEpochSummary) out.get(1).value.getBody();
        assertThat(a.getPoolId()).isEqualTo("alice");
        assertThat(a.getEffectiveStake()).isEqualByComparingTo("1000");
        assertThat(a.getTier()).isEqualTo(1);
        assertThat(b.getPoolId()).isEqualTo("bob");
        PartitionEpochClosed marker = (PartitionEpochClosed) out.get(2).value.getBody();
        assertThat(marker.getEpoch()).isZero();
        assertThat(marker.getPools()).isEqualTo(2);
        assertThat(marker.getPartitions()).isEqualTo(1);
        assertThat(single(ledger.events(), "*").getCommand()).isEqualTo("EpochClose");
        assertThat(ledger.store(Table.NETWORK).get(Keys.NETWORK_STATE).getCurrentEpoch()).isEqualTo(1);
    }

    @Test
    void storesHoldThePoolPositionsAndNonces() {
        ledger.send(program.init()).send(program.createPool(alice, "alice", 1_000)).send(program.delegate(bob, "alice", 250));

        PoolState pool = ledger.pool("alice");
        assertThat(pool.getTotalStake()).isEqualByComparingTo("1250");
        assertThat(pool.getPositionCount()).isEqualTo(2);
        assertThat(pool.getAdmin()).isEqualTo(ByteBuffer.wrap(alice.key().account()));
        assertThat(ledger.position("alice", bob).getShares()).isEqualByComparingTo("250");
        assertThat(ledger.position("alice", alice).getShares()).isEqualByComparingTo("1000");
        assertThat(ledger.keys(Table.POSITIONS)).containsExactlyInAnyOrder(
                "alice/" + alice.accountHex(), "alice/" + bob.accountHex());
        assertThat(ledger.store(Table.NONCES).get("alice/" + bob.accountHex())).isEqualTo(2L);
        assertThat(ledger.store(Table.NONCES).get("*/" + TestAccounts.ADMIN.accountHex())).isEqualTo(2L);
        assertThat(ledger.keys(Table.POOLS)).containsExactly("alice");
    }

    @Test
    void everyConsumedRecordIsAcceptedOrRejectedOnce() {
        SignedCommand stranger = Actor.named("x").signer().command("x-1", "alice", 1, new Stake(BigDecimal.ONE));
        ledger.send(program.init())
                .send(program.createPool(alice, "alice", 1_000))
                .send(program.delegate(bob, "alice", 100))
                .send(stranger)                                                   // no staking record
                .send(alice.signReplay("alice", new Stake(BigDecimal.ONE)))       // replay
                .send(program.stake(bob, "alice", 0))                             // zero amount
                .sendRaw(null, new byte[] {1, 2, 3})                              // garbage
                .send(program.epochClose(0));

        int events = ledger.events().size();
        int rejections = ledger.rejections().size();
        // and three deposits of the driver's indexer: alice's initial stake, bob's stake, the top-up ahead of alice's replay
        assertThat(ledger.metrics().consumedCount()).isEqualTo(13);
        assertThat(ledger.metrics().acceptedCount()).isEqualTo(9);
        assertThat(ledger.metrics().rejectedCount()).isEqualTo(4).isEqualTo(rejections);
        assertThat(ledger.metrics().acceptedCount() + ledger.metrics().rejectedCount())
                .isEqualTo(ledger.metrics().consumedCount());
        assertThat(events).isGreaterThanOrEqualTo(6);
        assertThat(ledger.metrics().rejectedCount(RejectReason.UNDECODABLE)).isEqualTo(1);
        assertThat(ledger.metrics().prometheus("RUNNING"))
                .contains("stakestream_records_consumed_total 13")
                .contains("stakestream_records_rejected_total{reason=\"REPLAY\"} 1")
                .contains("stakestream_process_latency_seconds_count 13");
    }

    private static <V> V single(List<KeyValue<String, V>> records, String key) {
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key).isEqualTo(key);
        return records.get(0).value;
    }
}
