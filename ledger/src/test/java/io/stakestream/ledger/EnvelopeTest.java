package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.INTERNAL_ERROR;
import static io.stakestream.avro.RejectReason.INVALID_ARGUMENT;
import static io.stakestream.avro.RejectReason.REPLAY;
import static io.stakestream.avro.RejectReason.WRONG_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.NetworkState;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.RewardTree.Leaf;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the ledger checks before any instruction runs, each limit from both sides: the command id,
 * the pool id's length in bytes, the actor's key length, the nonce; a body it has no instruction
 * for; and a bug inside an instruction, which refuses the command and changes nothing.
 */
class EnvelopeTest {
    final LedgerHarness h = new LedgerHarness().init();
    final Account alice = Account.named("alice");

    static CommandPayload payload(String commandId, String poolId, ByteBuffer actor, long nonce, Object body) {
        // the all-fields constructor: the builder would refuse the null body a broken producer can still send
        return new CommandPayload(commandId, poolId, actor, nonce, body);
    }

    Outcome apply(CommandPayload p) {
        return h.ledger.apply(p, h.now, 0, 1);
    }

    @Test
    void aPoolIdIsOneToSixtyFourBytesOfUtf8() {
        h.pool(Account.named("op"), "p".repeat(64), 1_000);
        assertThat(apply(payload("c1", "p".repeat(64), alice.key(), 1, new CreateStakingRecord())).rejection()).isNull();
        // 32 two-byte characters are 64 bytes; one more is 66
        assertThat(apply(payload("c2", "ä".repeat(33), alice.key(), 1, new CreateStakingRecord())).rejection()).isEqualTo(INVALID_ARGUMENT);
        assertThat(apply(payload("c3", "p".repeat(65), alice.key(), 1, new CreateStakingRecord())).rejection()).isEqualTo(INVALID_ARGUMENT);
        assertThat(apply(payload("c4", "", alice.key(), 1, new CreateStakingRecord())).rejection()).isEqualTo(INVALID_ARGUMENT);
    }

    @Test
    void theCommandIdActorAndNonceAreChecked() {
        h.pool(Account.named("op"), "gpu-1", 1_000);
        assertThat(apply(payload("", "gpu-1", alice.key(), 1, new CreateStakingRecord())).message()).contains("command id");
        assertThat(apply(payload("c1", "gpu-1", ByteBuffer.wrap(new byte[31]), 1, new CreateStakingRecord())).rejection()).isEqualTo(WRONG_KEY);
        assertThat(apply(payload("c2", "gpu-1", alice.key(), -1, new CreateStakingRecord())).message()).contains("nonce must not be negative");
        assertThat(apply(payload("c3", "gpu-1", alice.key(), 0, new CreateStakingRecord())).rejection()).as("nonce 0 is a first nonce").isNull();
        assertThat(apply(payload("c4", "gpu-1", alice.key(), 0, new CreateStakingRecord())).rejection()).isEqualTo(REPLAY);
    }

    @Test
    void aBodyWithoutAnInstructionIsRefusedNamingIt() {
        Outcome none = apply(payload("c1", "gpu-1", alice.key(), 1, null));
        assertThat(none.rejection()).isEqualTo(INVALID_ARGUMENT);
        assertThat(none.message()).contains("unknown command body ?");
        Outcome other = apply(payload("c2", "gpu-1", alice.key(), 2, new AttestationPayload("b", "gpu-1", alice.key(), 1L, List.of())));
        assertThat(other.rejection()).isEqualTo(INVALID_ARGUMENT);
        assertThat(other.message()).contains("AttestationPayload");
    }

    @Test
    void anExceptionInsideAnInstructionRefusesTheCommandAndKeepsTheState() {
        LedgerHarness g = new LedgerHarness((root, epoch, pool, tokens, usdc, proof) -> {
            throw new IllegalStateException("verifier bug");
        }).init();
        g.pool(Account.named("op"), "gpu-1", 1_000);
        g.closeEpoch();
        g.commitRecord(0, Leaf.of("gpu-1", 100, 0));
        NetworkState before = NetworkState.newBuilder(g.store.get(Table.NETWORK, Keys.NETWORK_STATE)).build();
        Outcome o = g.no(INTERNAL_ERROR, alice, "gpu-1", g.leafOf("gpu-1", 0));
        assertThat(o.message()).contains("verifier bug");
        assertThat(g.store.get(Table.NETWORK, Keys.NETWORK_STATE)).isEqualTo(before);
    }
}
