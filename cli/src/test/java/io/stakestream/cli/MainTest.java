package io.stakestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's answers to wrong input say what to do, with the exit code scripts rely on; none of these needs a broker. */
class MainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Map<String, String> env = Map.of();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, console());
    }

    private Console console() {
        return new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noArgumentsPrintsTheCommandsAndExits2() {
        assertThat(run()).isEqualTo(ExitCode.USAGE);
        assertThat(out()).contains("up", "delegate", "unstake", "claim-usdc", "pool", "slash", "rewards", "tail", "keygen", "topics",
                "epoch-clock", "bench", "demo", "Exit codes");
    }

    @Test
    void rewardsEmissionPrintsInferenceNetsScheduleOrAGivenOne(@TempDir Path dir) throws Exception {
        assertThat(run("rewards", "emission", "--epoch", "301")).isEqualTo(0);
        assertThat(out()).contains("epoch 301: 0.001333333333333334 tokens, 1333333333333334 base units (SUPER_EPOCHS schedule,"
                + " Inference.net's default");
        assertThat(run("rewards", "emission", "--epoch", "301", "--json")).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.path("tokens").asText()).as("exact, in tokens").isEqualTo("0.001333333333333334");
        assertThat(json.path("form").asText()).isEqualTo("SUPER_EPOCHS");
        assertThat(run("rewards", "emission", "--epoch", "301", "--json", "--base-units")).isEqualTo(0);
        assertThat(new ObjectMapper().readTree(out()).path("tokens").asText()).isEqualTo("1333333333333334");
        Path table = Files.writeString(dir.resolve("table.json"),
                "{\"form\": \"TABLE\", \"table\": [{\"fromEpoch\": 0, \"tokensPerEpoch\": \"7\"}]}");
        assertThat(run("rewards", "emission", "--epoch", "9", "--schedule", table.toString())).isEqualTo(0);
        assertThat(out()).contains("epoch 9: 0.000000000000000007 tokens, 7 base units (TABLE schedule");
        assertThat(run("rewards", "emission")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("--epoch");
        assertThat(run("rewards", "emission", "--epoch", "-1")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void anUnknownCommandNamesTheRealOnes() {
        assertThat(run("stak")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("stak", "stake", "--help");
    }

    @Test
    void everyCommandAndSubcommandHasHelp() {
        List<String> paths = new ArrayList<>();
        collect(Main.commandLine(console()), List.of(), paths);
        assertThat(paths).contains("delegate", "pool create", "pool change-operator-record", "network authorities", "model set",
                "slash list", "rewards accrue", "tail", "up", "generate-completion");
        for (String path : paths) {
            List<String> argv = new ArrayList<>(List.of(path.split(" ")));
            argv.add("--help");
            assertThat(run(argv.toArray(String[]::new))).as(path).isEqualTo(ExitCode.OK);
            assertThat(out()).as(path).contains("Usage: stakestream " + path);
        }
    }

    private static void collect(CommandLine cli, List<String> prefix, List<String> into) {
        cli.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) return;
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            into.add(String.join(" ", path));
            collect(sub, path, into);
        });
    }

    @Test
    void shellCompletionCoversTheVerbs() {
        assertThat(run("generate-completion")).isEqualTo(ExitCode.OK);
        assertThat(out()).contains("complete -F", "stakestream", "delegate", "cancel-unstake", "--no-wait");
    }

    @Test
    void aGroupWithoutItsSubcommandSaysSo() {
        assertThat(run("pool")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("Missing required subcommand", "stakestream pool --help");
    }

    @Test
    void aVerbWithoutAKeySaysHowToMakeOne() {
        assertThat(run("stake", "--pool", "atlas", "--amount", "10")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("needs --key FILE", "stakestream keygen --out FILE", "stakestream up");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("stake", "--pool", "atlas", "--amount", "1", "--amunt", "10")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("Unknown option", "--amunt", "stakestream stake --help");
        assertThat(run("stake", "--pool", "atlas", "--amount", "1", "--amunt", "10", "--json")).isEqualTo(ExitCode.USAGE);
        assertThat(out()).contains("\"status\":\"usage\"", "--amunt");
    }

    @Test
    void amountsAreCheckedBeforeAnythingIsSent(@TempDir Path dir) {
        env = Map.of(Console.CWD_ENV, dir.toString());
        assertThat(run("keygen", "--out", "me.key")).isZero();
        assertThat(run("stake", "--key", "me.key", "--pool", "atlas", "--amount", "ten")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("'ten' is not an amount of tokens");
        assertThat(run("stake", "--key", "me.key", "--pool", "atlas", "--amount", "0.0000000000000000001")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("18 decimals");
        assertThat(run("stake", "--key", "me.key", "--pool", "atlas", "--amount", "1.5", "--base-units")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("base units");
    }

    @Test
    void thePoolIdStarIsForNetworkCommandsOnly(@TempDir Path dir) {
        env = Map.of(Console.CWD_ENV, dir.toString());
        run("keygen", "--out", "me.key");
        assertThat(run("stake", "--key", "me.key", "--pool", "*", "--amount", "1")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("reserved for network-wide commands");
    }

    @Test
    void unstakeTakesExactlyOneOfAmountSharesOrAll() {
        assertThat(run("unstake", "--pool", "a", "--amount", "1", "--shares", "5")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("mutually exclusive");
        assertThat(run("unstake", "--pool", "a")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("Missing required");
    }

    @Test
    void unreachableServicesAreOneLineWithTheAddressAndExit4(@TempDir Path dir) throws Exception {
        env = Map.of(Console.CWD_ENV, dir.toString());
        run("keygen", "--out", "me.key");
        assertThat(run("stake", "--key", "me.key", "--pool", "atlas", "--amount", "1", "--bootstrap", "127.0.0.1:9"))
                .isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err().strip()).doesNotContain("\n").contains("127.0.0.1:9", "stakestream up", "--bootstrap");

        assertThat(run("status", "--api", "http://127.0.0.1:9", "--json")).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err().strip()).doesNotContain("\n").contains("http://127.0.0.1:9", "--api");
        JsonNode json = JSON.readTree(out());
        assertThat(json.path("status").asText()).isEqualTo("unreachable");
        assertThat(json.path("exitCode").asInt()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void keygenWritesWhereTheCallerIsAndNeverOverwrites(@TempDir Path dir) throws Exception {
        env = Map.of(Console.CWD_ENV, dir.toString());
        assertThat(run("keygen", "--out", "alice.key")).isZero();
        String account = out().trim();
        assertThat(account).matches("[0-9a-f]{64}");
        assertThat(Files.exists(dir.resolve("alice.key"))).as("relative to the caller's directory").isTrue();

        assertThat(run("account", "--key", "alice.key", "--json")).isZero();
        assertThat(JSON.readTree(out()).path("account").asText()).isEqualTo(account);

        assertThat(run("keygen", "--out", "alice.key")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("already exists", "choose another --out");
        assertThat(run("account", "--key", "nope.key")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("no key file at " + dir.resolve("nope.key"), "stakestream keygen --out");
    }

    @Test
    void demoRefusesADataDirThatHoldsSomething(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("leftover"), "x");
        assertThat(run("demo", "--data-dir", dir.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("is not empty", "new or empty --data-dir");
    }

    @Test
    void upRefusesATakenPortAndNamesTheFlagThatMovesIt(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            assertThat(run("up", "--data-dir", dir.toString(), "--broker-port", Integer.toString(taken.getLocalPort()))).isEqualTo(ExitCode.USAGE);
            assertThat(err()).contains("port " + taken.getLocalPort() + " is taken", "--broker-port PORT");
        }
    }

    @Test
    void unitsParseAndPrintBaseUnits() {
        assertThat(Units.tokens("12.5").toPlainString()).isEqualTo("12500000000000000000");
        assertThat(Units.usdc("0.25").toPlainString()).isEqualTo("250000");
        assertThat(Units.tokens(Units.tokens("1234.5").toBigInteger())).isEqualTo("1,234.5");
        assertThat(Units.tokens(java.math.BigInteger.ONE)).isEqualTo("1 base unit");
    }
}
