package io.stakestream.ledger;

import static io.stakestream.avro.RejectReason.*;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CreatePoolOverview;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.UpdatePoolOverview;
import io.stakestream.avro.UpdatePoolOverviewAuthorities;
import io.stakestream.ledger.testkit.Account;
import io.stakestream.ledger.testkit.LedgerHarness;
import io.stakestream.ledger.testkit.Params;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defect 12: rules the Inference.net program enforces. */
class InferenceNetRulesTest {
    final LedgerHarness h = new LedgerHarness();
    final Account op = Account.named("operator");
    final Account alice = Account.named("alice");

    void ready() {
        h.init();
        h.pool(op, "gpu-1", 1_000);
        h.delegate(alice, "gpu-1", 100);
    }

    @Test
    void unstakeWaitsWhileNetworkStakingOrWithdrawalsAreHalted() {
        ready();
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setStakingHalted(true).build()));
        h.no(NETWORK_HALTED, alice, "gpu-1", new Unstake(null, BigDecimal.TEN));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).setWithdrawalsHalted(true).build()));
        h.no(NETWORK_HALTED, alice, "gpu-1", new Unstake(null, BigDecimal.TEN));
        h.ok(h.admin, Keys.NETWORK, new UpdatePoolOverview(Params.defaults(h.treasury.key()).build()));
        h.ok(alice, "gpu-1", new Unstake(null, BigDecimal.TEN));
    }

    @Test
    void aHaltedPoolCannotBeClosed() {
        ready();
        h.ok(h.halter, "gpu-1", new SetHaltStatus(true));
        h.no(HALTED, op, "gpu-1", new CloseOperatorPool());
        h.ok(h.halter, "gpu-1", new SetHaltStatus(false));
        h.ok(op, "gpu-1", new CloseOperatorPool());
    }

    @Test
    void authorityListsHoldNoDuplicates() {
        var twice = Params.authorities(h.admin, h.slasher, h.halter, h.rewarder);
        twice.setSlashing(new ArrayList<>(List.of(h.slasher.key(), h.slasher.key())));
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new CreatePoolOverview(Params.defaults(h.treasury.key()).build(), twice));
        h.init();
        h.no(INVALID_ARGUMENT, h.admin, Keys.NETWORK, new UpdatePoolOverviewAuthorities(AuthorityRole.HALT,
                List.of(h.halter.key(), alice.key(), h.halter.key())));
    }

    @Test
    void operatorAuthKeyListsHoldNoDuplicates() {
        h.init();
        var create = LedgerHarness.createPool(1_000);
        create.getOperatorAuthKeys().addAll(List.of(alice.key(), alice.key()));
        h.no(INVALID_ARGUMENT, op, "gpu-1", create);
        h.pool(op, "gpu-1", 1_000);
        h.no(INVALID_ARGUMENT, op, "gpu-1", UpdateOperatorPool.newBuilder().setOperatorAuthKeys(List.of(alice.key(), alice.key())).build());
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setOperatorAuthKeys(List.of(alice.key(), op.key())).build());
    }

    static String metadata(String extra) {
        return "{\"url\":\"https://node.example\"" + extra + "}";
    }

    @Test
    void profileFieldsHaveInferenceNetsLimitsAndUrlsMustBeWebAddresses() {
        h.init();
        h.pool(op, "gpu-1", 1_000);
        List<String> bad = List.of(
                ",\"name\":\"" + "n".repeat(65) + "\"",
                ",\"name\":\"" + "é".repeat(33) + "\"",                 // 66 bytes in UTF-8
                ",\"description\":\"" + "d".repeat(201) + "\"",
                ",\"description\":7",
                ",\"website\":\"https://" + "w".repeat(57) + "\"",   // 65 bytes
                ",\"website\":\"ftp://files.example\"",
                ",\"website\":\"node.example\"",
                ",\"avatarUrl\":\"https://" + "a".repeat(121) + "\"", // 129 bytes
                ",\"avatarUrl\":\"javascript:alert(1)\"");
        for (String extra : bad) {
            h.no(INVALID_METADATA, op, "gpu-1", UpdateOperatorPool.newBuilder().setMetadataJson(metadata(extra)).build());
        }
        h.ok(op, "gpu-1", UpdateOperatorPool.newBuilder().setMetadataJson(metadata(",\"name\":\"" + "n".repeat(64) + "\""
                + ",\"description\":\"" + "d".repeat(200) + "\",\"website\":\"https://gpu.example\""
                + ",\"avatarUrl\":\"http://gpu.example/a.png\"")).build());
    }

    @Test
    void theMetadataLimitCountsUtf8Bytes() {
        h.init();
        h.pool(op, "gpu-1", 1_000);
        // 2,100 characters, 4,100 bytes
        String big = metadata(",\"notes\":\"" + "é".repeat(2_040) + "\"");
        h.no(INVALID_METADATA, op, "gpu-1", UpdateOperatorPool.newBuilder().setMetadataJson(big).build());
    }
}
