package io.stakestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to wrong input say what to do; none of these touch a broker. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of()));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noArgumentsPrintsTheCommandsAndExits2() {
        assertThat(run()).isEqualTo(2);
        assertThat(out()).contains("demo", "topics", "keygen", "account", "send", "query", "epoch-clock");
    }

    @Test
    void rewardsEmissionPrintsInferenceNetsScheduleOrAGivenOne(@TempDir Path dir) throws Exception {
        assertThat(run("rewards", "emission", "--epoch", "301")).isEqualTo(0);
        assertThat(out()).contains("epoch 301: 1333333333333334 base units (SUPER_EPOCHS schedule, Inference.net's default");
        Path table = Files.writeString(dir.resolve("table.json"),
                "{\"form\": \"TABLE\", \"table\": [{\"fromEpoch\": 0, \"tokensPerEpoch\": \"7\"}]}");
        assertThat(run("rewards", "emission", "--epoch", "9", "--schedule", table.toString())).isEqualTo(0);
        assertThat(out()).contains("epoch 9: 7 base units (TABLE schedule");
        assertThat(run("rewards", "emission")).isEqualTo(2);
        assertThat(err()).contains("--epoch");
        assertThat(run("rewards", "payout")).isEqualTo(2);
        assertThat(err()).contains("rewards emission --epoch N");
    }

    @Test
    void anUnknownCommandListsTheRealOnes() {
        assertThat(run("stake")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'stake'", "send", "stakestream --help");
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"demo", "topics", "keygen", "account", "send", "query", "epoch-clock"}) {
            assertThat(run(c, "--help")).as(c).isEqualTo(0);
        }
        assertThat(out()).contains("usage: stakestream send <command>", "propose-slash", "--slash-id ID", "cancel-unstake");
    }

    @Test
    void sendWithoutAKeySaysHowToMakeOne() {
        assertThat(run("send", "stake", "--pool", "atlas", "--amount", "10")).isEqualTo(2);
        assertThat(err()).contains("needs --key", "stakestream keygen --out FILE");
    }

    @Test
    void anUnknownOptionListsTheOptionsThatExist() {
        assertThat(run("send", "stake", "--pool", "atlas", "--amunt", "10")).isEqualTo(2);
        assertThat(err()).contains("unknown option --amunt", "--amount TOKENS", "send stake --help");
    }

    @Test
    void amountsAreCheckedBeforeAnythingIsSent() {
        assertThat(run("send", "stake", "--pool", "atlas", "--amount", "ten")).isEqualTo(2);
        assertThat(err()).contains("'ten' is not an amount of tokens");
        assertThat(run("send", "stake", "--pool", "atlas", "--amount", "0.0000000000000000001")).isEqualTo(2);
        assertThat(err()).contains("18 decimals");
    }

    @Test
    void networkWideCommandsRefuseAPool() {
        assertThat(run("send", "epoch-close", "--pool", "atlas", "--epoch", "3")).isEqualTo(2);
        assertThat(err()).contains("network-wide", "drop --pool");
    }

    @Test
    void anOptionWithoutItsValueSaysWhatValue() {
        assertThat(run("send", "unstake", "--pool")).isEqualTo(2);
        assertThat(err()).contains("--pool needs a value", "--pool ID");
    }

    @Test
    void unstakeNeedsExactlyOneOfAmountOrShares() {
        assertThat(run("send", "unstake", "--pool", "a", "--amount", "1", "--shares", "5")).isEqualTo(2);
        assertThat(err()).contains("exactly one of --amount TOKENS or --shares N");
    }

    @Test
    void queryExplainsWhatItCanRead() {
        assertThat(run("query")).isEqualTo(2);
        assertThat(err()).contains("pools | pool POOL_ID | position POOL_ID ACCOUNT | account ACCOUNT");
        assertThat(run("query", "position", "atlas")).isEqualTo(2);
        assertThat(err()).contains("usage: stakestream query position POOL_ID ACCOUNT");
    }

    @Test
    void queryWithNothingListeningSaysWhatToStart() {
        assertThat(run("query", "pools", "--api", "http://127.0.0.1:9")).isEqualTo(1);
        assertThat(err()).contains("nothing answers at http://127.0.0.1:9", "--api");
    }

    @Test
    void keygenThenAccountPrintTheSameAccountAndKeygenNeverOverwrites(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("alice.key");
        assertThat(run("keygen", "--out", key.toString())).isEqualTo(0);
        String account = out().trim();
        assertThat(account).matches("[0-9a-f]{64}");
        assertThat(Files.exists(key)).isTrue();

        out.reset();
        assertThat(run("account", "--key", key.toString())).isEqualTo(0);
        assertThat(out().trim()).isEqualTo(account);

        assertThat(run("keygen", "--out", key.toString())).isEqualTo(2);
        assertThat(err()).contains("already exists", "choose another --out");
        assertThat(run("account", "--key", dir.resolve("nope.key").toString())).isEqualTo(2);
        assertThat(err()).contains("no key file at", "stakestream keygen --out");
    }

    @Test
    void demoRefusesADataDirThatHoldsSomething(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("leftover"), "x");
        assertThat(run("demo", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("is not empty", "new or empty --data-dir");
    }

    @Test
    void unitsParseAndPrintBaseUnits() {
        assertThat(Units.tokens("12.5").toPlainString()).isEqualTo("12500000000000000000");
        assertThat(Units.usdc("0.25").toPlainString()).isEqualTo("250000");
        assertThat(Units.tokens(Units.tokens("1234.5").toBigInteger())).isEqualTo("1,234.5");
        assertThat(Units.tokens(java.math.BigInteger.ONE)).isEqualTo("1 base unit");
    }
}
