package io.stakestream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.stakestream.avro.Asset;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.SlashOutcome;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.cli.Units;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.cli.Console;
import io.stakestream.cli.Main;
import io.stakestream.cli.up.Banner;
import io.stakestream.cli.up.Ports;
import io.stakestream.cli.up.StackKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo end to end, in-process and fast: the numbers it reports hold together. */
class DemoIT {

    @Test
    void fastDemoRunsEveryStepAndItsReportHoldsTogether() throws Exception {
        List<String> story = new ArrayList<>();
        DemoNetwork demo = new DemoNetwork(DemoNetwork.Options.of(true, null, SlashPolicy.OPERATOR_ONLY).keep(Ports.ANY), story::add);
        DemoReport report;
        try {
            report = demo.run();
            stillUpForTheCommandLine(demo);
        } finally {
            demo.close();
        }

        assertThat(report.millis()).as("well under 2 minutes").isLessThan(90_000);
        assertThat(report.consumed()).as("every record the demo wrote was consumed").isEqualTo(report.written());
        assertThat(report.accepted() + report.rejected()).as("accepted + rejected = consumed").isEqualTo(report.consumed());
        assertThat(report.rejections()).as("one rejection record per refused input").hasSize((int) report.rejected());

        assertThat(report.pools()).extracting(DemoReport.PoolRow::poolId)
                .containsExactlyInAnyOrder("atlas-gpu", "borealis", "cirrus-ai", "dynamo-labs");
        assertThat(report.pools()).allSatisfy(p -> {
            assertThat(p.tokensBalance()).as("%s token identity", p.poolId()).isTrue();
            assertThat(p.usdcBalance()).as("%s USDC identity", p.poolId()).isTrue();
            assertThat(p.status()).isEqualTo("ACTIVE");
            assertThat(p.tier()).as("%s reported a tier", p.poolId()).isNotNull();
            assertThat(p.usdcIndex().signum()).as("%s earned USDC", p.poolId()).isPositive();
        });
        // rewards compound: every pool is worth more per share than the 1.0 it started at
        assertThat(report.pools()).allSatisfy(p -> assertThat(p.totalStake()).isGreaterThan(p.totalShares()));
        // share conservation, seen from outside: the positions of a pool hold exactly its S
        for (DemoReport.PoolRow p : report.pools()) {
            BigInteger held = report.positions().stream().filter(x -> x.poolId().equals(p.poolId()))
                    .map(DemoReport.PositionRow::shares).reduce(BigInteger.ZERO, BigInteger::add);
            assertThat(held).as("shares of %s", p.poolId()).isEqualTo(p.totalShares());
        }

        assertThat(report.rejectionsByReason()).containsKeys(RejectReason.BAD_SIGNATURE, RejectReason.REPLAY, RejectReason.UNDECODABLE,
                RejectReason.UNAUTHORIZED, RejectReason.DELEGATION_CAP_EXCEEDED, RejectReason.COOLDOWN_NOT_OVER,
                RejectReason.DISPUTE_WINDOW_OPEN, RejectReason.LATE_ATTESTATION);
        assertThat(report.payouts()).extracting(p -> p.getKind())
                .contains(PayoutKind.UNSTAKE_CLAIM, PayoutKind.USDC_EARNINGS, PayoutKind.TOKEN_COMMISSION, PayoutKind.USDC_COMMISSION,
                        PayoutKind.SLASH_TREASURY);
        // bo unstaked 500 tokens before any slash of his pool: he gets exactly that back
        assertThat(report.payouts()).anySatisfy(p -> {
            assertThat(p.getKind()).isEqualTo(PayoutKind.UNSTAKE_CLAIM);
            assertThat(p.getAsset()).isEqualTo(Asset.TOKEN);
            assertThat(p.getAmount()).isEqualByComparingTo(Units.tokens(500));
        });

        assertThat(report.slashes()).hasSize(1);
        SlashOutcome slash = report.slashes().get(0);
        assertThat(slash.getPoolId()).isEqualTo("dynamo-labs");
        assertThat(slash.getFractionPpm()).as("SLA_BREACH by the schedule").isEqualTo(100_000);
        assertThat(slash.getBurned().add(slash.getRedistributed()).add(slash.getReturnedToDelegators()).add(slash.getTreasury()))
                .as("the split adds up").isEqualByComparingTo(slash.getAmount());
        // OPERATOR_ONLY: the delegators of dynamo-labs never lost value
        assertThat(report.positions()).filteredOn(p -> p.poolId().equals("dynamo-labs") && !p.owner().endsWith("operator"))
                .allSatisfy(p -> assertThat(p.value()).isGreaterThanOrEqualTo(p.shares()));

        assertThat(story).anyMatch(s -> s.contains("epoch 2 closed on all 2 partitions"));
        // the reward-builder ran in-process: a root per epoch, and the standard-v1 dumps it names exist and read back to that root
        assertThat(report.rewardEpochs()).hasSize(DemoNetwork.Options.of(true, null, SlashPolicy.OPERATOR_ONLY).epochs());
        for (String line : report.rewardEpochs()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("root (0x[0-9a-f]{64}), .* tree (\\S+)$").matcher(line);
            assertThat(m.find()).as(line).isTrue();
            var tree = io.stakestream.rewards.tree.TreeDump.read(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(m.group(2))));
            assertThat(io.stakestream.protocol.crypto.Hex.encode0x(tree.root())).isEqualTo(m.group(1));
        }

        // custody: the books balance per asset, payouts were settled (one failed back), a re-sent transfer was refused
        assertThat(report.reconciliation().path("balanced").asBoolean()).as("reconciliation %s", report.reconciliation()).isTrue();
        assertThat(report.reconciliation().path("assets").path("TOKEN").path("paidOut").path("settled").asText()).isNotEqualTo("0");
        assertThat(report.rejectionsByReason()).containsKey(RejectReason.DUPLICATE_DEPOSIT);
        assertThat(report.payouts()).extracting(p -> p.getPayoutId()).doesNotHaveDuplicates();
        assertThat(story).anyMatch(s -> s.contains("custody sends the"));
    }

    /** demo --keep: the stack answers after the run, and the demo's own keys sign for it. */
    private static void stillUpForTheCommandLine(DemoNetwork demo) throws Exception {
        Path keys = StackKeys.write(demo.stateRoot().resolve("keys"), demo.keys());
        Banner at = demo.banner(keys, 60);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", at.bootstrap(), "SCHEMA_REGISTRY_URL", at.registry(), "STAKESTREAM_API", at.api()));
        assertThat(Main.run(new String[] {"ranking", "--json"}, console)).isZero();
        assertThat(new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8))).extracting(p -> p.path("poolId").asText())
                .contains("atlas-gpu", "borealis", "cirrus-ai", "dynamo-labs");
        out.reset();
        assertThat(Main.run(new String[] {"stake", "--key", keys.resolve("ada.key").toString(), "--pool", "atlas-gpu", "--amount", "1",
                "--json"}, console)).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }
}
