package io.stakestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.avro.RejectReason;
import io.stakestream.cli.up.LocalStack;
import io.stakestream.cli.up.Ports;
import io.stakestream.cli.up.StackKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every verb end to end, in-process through picocli, against one local stack as `stakestream up`
 * starts it (broker, registry, streams-app with the gateway, epoch clock, genesis): each accepted
 * command prints the new state, each refused one its reason and exit code 3; --json parsed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2;
    private static final long COOLDOWN_SECONDS = 5;
    private static Path dir;
    private static LocalStack.Options options;
    private static LocalStack stack;
    private static Map<String, String> env;

    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out + " / " + err, e);
            }
        }
    }

    @BeforeAll
    static void up() throws Exception {
        dir = Files.createTempDirectory("stakestream-cli-it");
        options = new LocalStack.Options(dir.resolve("data"), new Ports(free(), free(), free(), free()), PARTITIONS, 3600, COOLDOWN_SECONDS);
        start();
    }

    private static void start() throws Exception {
        stack = LocalStack.start(options);
        env = Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(), "SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl(),
                "STAKESTREAM_API", stack.apiUrl(), Console.CWD_ENV, dir.toString());
    }

    @AfterAll
    static void down() throws IOException {
        if (stack != null) {
            stack.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] withJson(String... args) {
        String[] a = Arrays.copyOf(args, args.length + 1);
        a[args.length] = "--json";
        return a;
    }

    /** Runs with --json, expects exit 0, returns the parsed answer. */
    static JsonNode ok(String... args) {
        Run r = cli(withJson(args));
        assertThat(r.code()).as("%s\nout: %s\nerr: %s", String.join(" ", args), r.out(), r.err()).isZero();
        return r.json();
    }

    /** Runs with --json, expects the ledger's refusal (exit 3) for {@code reason}, returns the parsed answer. */
    static JsonNode refused(RejectReason reason, String... args) {
        Run r = cli(withJson(args));
        assertThat(r.code()).as("%s\nout: %s\nerr: %s", String.join(" ", args), r.out(), r.err()).isEqualTo(ExitCode.REFUSED);
        JsonNode j = r.json();
        assertThat(j.path("status").asText()).isEqualTo("refused");
        assertThat(j.path("reason").asText()).isEqualTo(reason.name());
        assertThat(j.path("hint").asText()).isNotBlank();
        return j;
    }

    /** Custody credits a chain transfer of {@code tokens} to {@code owner}'s free balance in {@code pool}: every token enters so. */
    static JsonNode credit(String owner, String pool, String tokens) {
        JsonNode j = ok("deposit", "--key", key(StackKeys.CUSTODY), "--pool", pool, "--owner", owner, "--amount", tokens);
        assertThat(j.path("command").asText()).isEqualTo("Deposit");
        return j;
    }

    static String key(String role) {
        return "data/keys/" + role + ".key";
    }

    static String account(String keyFile) {
        Run r = cli("account", "--key", keyFile);
        assertThat(r.code()).isZero();
        return r.out().trim();
    }

    static String keygen(String file) {
        Run r = cli("keygen", "--out", file);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().trim();
    }

    @Test
    @Order(1)
    void upInitializedTheNetworkOnceWithItsKeysAndAPoolToDelegateTo() {
        for (String role : List.of(StackKeys.ADMIN, StackKeys.SLASHER, StackKeys.HALTER, StackKeys.REWARDER, StackKeys.TREASURY,
                StackKeys.OPERATOR, StackKeys.BUILDER, StackKeys.CUSTODY)) {
            assertThat(dir.resolve(key(role))).as(role).exists();
        }
        JsonNode network = ok("status");
        assertThat(network.path("currentEpoch").asLong()).isZero();
        assertThat(network.path("params").path("delegatorCooldownSeconds").asLong()).isEqualTo(COOLDOWN_SECONDS);
        assertThat(network.path("params").path("minOperatorStake").asText()).as("in tokens").isEqualTo("500");
        assertThat(network.path("models").path("llama-3-70b").path("requiredStake").asText()).isEqualTo("1000");

        JsonNode ranking = ok("ranking");
        assertThat(ranking).hasSize(1);
        assertThat(ranking.get(0).path("poolId").asText()).isEqualTo("atlas-gpu");
        assertThat(ranking.get(0).path("totalStake").asText()).isEqualTo("1000");
        assertThat(ranking.get(0).path("createdAt").asText()).as("ISO-8601").satisfies(t -> Instant.parse(t));

        assertThat(cli("status").out()).contains("custody authority: " + account(key(StackKeys.CUSTODY)));
        Run text = cli("status", "atlas-gpu");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("pool atlas-gpu: ACTIVE", "stake 1,000 tokens");
    }

    @Test
    @Order(2)
    void delegateOpensTheRecordOnceThenStakesAndRefusalsSayWhy() {
        String me = keygen("me.key");
        JsonNode unfunded = refused(RejectReason.INSUFFICIENT_BALANCE, "delegate", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "100");
        assertThat(unfunded.path("outcomes")).extracting(o -> o.path("command").asText() + " " + o.path("status").asText())
                .as("the record opens; the stake waits for money").containsExactly("CreateStakingRecord accepted", "Stake refused");
        assertThat(unfunded.path("hint").asText()).contains("stakestream deposit");
        credit("me.key", "atlas-gpu", "1000");
        JsonNode stake = ok("delegate", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "100");
        assertThat(stake.path("command").asText()).as("the record is open: only a stake").isEqualTo("Stake");
        assertThat(stake.path("pool").path("totalStake").asText()).isEqualTo("1100");
        assertThat(stake.path("position").path("value").asText()).isEqualTo("100");
        assertThat(stake.path("position").path("account").asText()).isEqualTo(me);

        JsonNode second = ok("delegate", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "50.5");
        assertThat(second.path("command").asText()).as("the record is open: only a stake").isEqualTo("Stake");
        assertThat(second.path("position").path("value").asText()).isEqualTo("150.5");

        refused(RejectReason.ZERO_AMOUNT, "stake", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "0");
        refused(RejectReason.UNKNOWN_POOL, "stake", "--key", "me.key", "--pool", "nowhere", "--amount", "1");

        Run text = cli("stake", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "1.5");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("accepted Stake on atlas-gpu", "pool atlas-gpu: ACTIVE", "position of " + me.substring(0, 8),
                "152 tokens");
        Run refusedText = cli("stake", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "0");
        assertThat(refusedText.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(refusedText.out()).contains("refused Stake on atlas-gpu", "ZERO_AMOUNT", "what to do:");

        JsonNode baseUnits = ok("stake", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "1000000000000000000", "--base-units");
        assertThat(baseUnits.path("position").path("value").asText()).isEqualTo("153000000000000000000");

        JsonNode positions = ok("positions", "--key", "me.key");
        assertThat(positions).hasSize(1);
        assertThat(positions.get(0).path("value").asText()).isEqualTo("153");
        assertThat(cli("positions", "--account", me).out()).contains("atlas-gpu (ACTIVE): 153 shares worth 153 tokens");
    }

    @Test
    @Order(3)
    void unstakeCancelAndClaimAfterTheCooldown() throws Exception {
        keygen("un.key");
        credit("un.key", "atlas-gpu", "40");
        ok("delegate", "--key", "un.key", "--pool", "atlas-gpu", "--amount", "40");
        JsonNode unstaked = ok("unstake", "--key", "un.key", "--pool", "atlas-gpu", "--amount", "10");
        JsonNode pending = unstaked.path("position").path("pending");
        assertThat(pending).hasSize(1);
        long id = pending.get(0).path("id").asLong();
        Instant.parse(pending.get(0).path("availableAt").asText());

        JsonNode cancelled = ok("cancel-unstake", "--key", "un.key", "--pool", "atlas-gpu", "--id", Long.toString(id));
        assertThat(cancelled.path("position").path("pending")).isEmpty();
        assertThat(cancelled.path("position").path("value").asText()).isEqualTo("40");
        refused(RejectReason.UNKNOWN_UNSTAKE, "cancel-unstake", "--key", "un.key", "--pool", "atlas-gpu", "--id", Long.toString(id));

        JsonNode again = ok("unstake", "--key", "un.key", "--pool", "atlas-gpu", "--amount", "5");
        Instant available = Instant.parse(again.path("position").path("pending").get(0).path("availableAt").asText());
        refused(RejectReason.COOLDOWN_NOT_OVER, "claim", "--key", "un.key", "--pool", "atlas-gpu");

        Thread.sleep(Math.max(0, available.toEpochMilli() - System.currentTimeMillis()) + 500);
        JsonNode claimed = ok("claim", "--key", "un.key", "--pool", "atlas-gpu");
        assertThat(claimed.path("payouts")).singleElement().satisfies(p -> {
            assertThat(p.path("kind").asText()).isEqualTo("UNSTAKE_CLAIM");
            assertThat(p.path("amount").asText()).isEqualTo("5");
        });

        refused(RejectReason.INSUFFICIENT_SHARES, "unstake", "--key", "un.key", "--pool", "atlas-gpu", "--amount", "1000");
        JsonNode all = ok("unstake", "--key", "un.key", "--pool", "atlas-gpu", "--all");
        assertThat(all.path("position").path("shares").asText()).isEqualTo("0");
        refused(RejectReason.POSITION_NOT_EMPTY, "close-record", "--key", "un.key", "--pool", "atlas-gpu");
    }

    @Test
    @Order(5)
    void anOperatorRunsAPoolFromCreationToSweep() {
        keygen("op.key");
        String heir = keygen("heir.key");
        credit("op.key", "beta-ai", "1000"); // ahead of the pool: it waits for the pool to open
        JsonNode created = ok("pool", "create", "--key", "op.key", "--pool", "beta-ai", "--model", "llama-3-70b", "--url",
                "https://beta.example", "--name", "Beta", "--initial-stake", "1000", "--node-key", "op.key");
        assertThat(created.path("pool").path("status").asText()).isEqualTo("ACTIVE");
        refused(RejectReason.POOL_EXISTS, "pool", "create", "--key", "op.key", "--pool", "beta-ai", "--model", "llama-3-70b", "--url",
                "https://beta.example");
        refused(RejectReason.UNKNOWN_POSITION, "pool", "change-operator-record", "--key", "op.key", "--pool", "beta-ai", "--new-operator",
                "heir.key");
        ok("open-record", "--key", "heir.key", "--pool", "beta-ai");
        refused(RejectReason.POSITION_EXISTS, "open-record", "--key", "heir.key", "--pool", "beta-ai");
        refused(RejectReason.BELOW_MINIMUM_STAKE, "pool", "change-operator-record", "--key", "op.key", "--pool", "beta-ai",
                "--new-operator", "heir.key");
        credit("heir.key", "beta-ai", "1000");
        ok("stake", "--key", "heir.key", "--pool", "beta-ai", "--amount", "1000");
        ok("pool", "change-operator-record", "--key", "op.key", "--pool", "beta-ai", "--new-operator", "heir.key");
        refused(RejectReason.UNAUTHORIZED, "pool", "accept-operator-record", "--key", "op.key", "--pool", "beta-ai");
        JsonNode moved = ok("pool", "accept-operator-record", "--key", "heir.key", "--pool", "beta-ai");
        assertThat(moved.path("pool").path("operatorAccount").asText()).isEqualTo(heir);
        refused(RejectReason.COMMISSION_TOO_HIGH, "pool", "update", "--key", "op.key", "--pool", "beta-ai", "--commission", "9000");
        JsonNode updated = ok("pool", "update", "--key", "op.key", "--pool", "beta-ai", "--commission", "1500", "--delegation", "off");
        assertThat(updated.path("pool").path("delegationEnabled").asBoolean()).isFalse();
        assertThat(updated.path("pool").path("nextTokenCommissionBps").asInt()).isEqualTo(1500);
        refused(RejectReason.DELEGATION_DISABLED, "delegate", "--key", "me.key", "--pool", "beta-ai", "--amount", "10");

        JsonNode handed = ok("pool", "change-admin", "--key", "op.key", "--pool", "beta-ai", "--new-admin", "heir.key");
        assertThat(handed.path("pool").path("admin").asText()).isEqualTo(heir);
        refused(RejectReason.UNAUTHORIZED, "pool", "change-admin", "--key", "op.key", "--pool", "beta-ai", "--new-admin", "op.key");
        refused(RejectReason.UNAUTHORIZED, "pool", "retire", "--key", "op.key", "--pool", "beta-ai");
        assertThat(ok("pool", "retire", "--key", "heir.key", "--pool", "beta-ai").path("pool").path("status").asText()).isEqualTo("RETIRED");
        refused(RejectReason.POOL_NOT_CLOSED, "pool", "sweep", "--key", "heir.key", "--pool", "beta-ai");
        assertThat(ok("pool", "close", "--key", "heir.key", "--pool", "beta-ai").path("pool").path("status").asText()).isEqualTo("CLOSED");
        refused(RejectReason.POSITION_NOT_EMPTY, "pool", "sweep", "--key", "heir.key", "--pool", "beta-ai");
    }

    @Test
    @Order(6)
    void theAdminAndTheHaltAuthorityRunTheNetwork() {
        JsonNode model = ok("model", "set", "--key", key(StackKeys.ADMIN), "--model", "whisper-v3", "--required-stake", "10");
        assertThat(model.path("events")).as("one event per partition").hasSize(PARTITIONS);
        JsonNode stranger = refused(RejectReason.UNAUTHORIZED, "model", "set", "--key", "me.key", "--model", "x", "--required-stake", "1");
        assertThat(stranger.path("rejections")).as("refused on every partition").hasSize(PARTITIONS);
        refused(RejectReason.ALREADY_INITIALIZED, "network", "init", "--key", "me.key");

        refused(RejectReason.UNAUTHORIZED, "network", "update", "--key", "me.key", "--max-commission", "6000");
        ok("network", "update", "--key", key(StackKeys.ADMIN), "--max-commission", "6000");
        JsonNode params = ok("status").path("params");
        assertThat(params.path("maxCommissionBps").asInt()).isEqualTo(6000);
        assertThat(params.path("delegatorCooldownSeconds").asLong()).as("the rest kept").isEqualTo(COOLDOWN_SECONDS);
        assertThat(ok("status").path("models").has("whisper-v3")).isTrue();

        refused(RejectReason.UNAUTHORIZED, "network", "authorities", "--key", "me.key", "--role", "HALT", "--account", "me.key");
        ok("network", "authorities", "--key", key(StackKeys.ADMIN), "--role", "HALT", "--account", key(StackKeys.HALTER),
                "--account", "me.key");
        refused(RejectReason.UNAUTHORIZED, "whitelist", "--key", "me.key", "--pool", "atlas-gpu", "--remove");
        ok("whitelist", "--key", key(StackKeys.ADMIN), "--pool", "atlas-gpu");
        refused(RejectReason.UNAUTHORIZED, "halt", "--key", "un.key", "--pool", "atlas-gpu");
        assertThat(ok("halt", "--key", "me.key", "--pool", "atlas-gpu").path("pool").path("halted").asBoolean()).isTrue();
        refused(RejectReason.HALTED, "stake", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "1");
        refused(RejectReason.UNAUTHORIZED, "resume", "--key", "un.key", "--pool", "atlas-gpu");
        assertThat(ok("resume", "--key", key(StackKeys.HALTER), "--pool", "atlas-gpu").path("pool").path("halted").asBoolean()).isFalse();
    }

    @Test
    @Order(7)
    void aSlashWaitsOutItsDisputeWindow() {
        String slasher = key(StackKeys.SLASHER);
        ok("slash", "propose", "--key", slasher, "--pool", "atlas-gpu", "--slash-id", "s1", "--reason", "SLA_BREACH", "--evidence", "sla 0.6");
        refused(RejectReason.UNAUTHORIZED, "slash", "propose", "--key", "me.key", "--pool", "atlas-gpu", "--slash-id", "s9", "--reason",
                "OTHER");
        JsonNode pending = ok("slash", "list");
        assertThat(pending).singleElement().satisfies(s -> {
            assertThat(s.path("slashId").asText()).isEqualTo("s1");
            assertThat(s.path("state").asText()).isEqualTo("PENDING");
            assertThat(s.path("executableEpoch").asLong()).as("the epoch it was proposed in, then one whole epoch").isEqualTo(2);
        });
        refused(RejectReason.SLASH_PROPOSED, "pool", "change-operator-record", "--key", key(StackKeys.OPERATOR), "--pool", "atlas-gpu",
                "--new-operator", "me.key");
        refused(RejectReason.DISPUTE_WINDOW_OPEN, "slash", "execute", "--key", slasher, "--pool", "atlas-gpu", "--slash-id", "s1");

        JsonNode closed = ok("epoch-close", "--key", key(StackKeys.REWARDER), "--epoch", "0");
        assertThat(closed.path("events")).hasSize(PARTITIONS);
        refused(RejectReason.WRONG_EPOCH, "epoch-close", "--key", key(StackKeys.REWARDER), "--epoch", "0");
        refused(RejectReason.DISPUTE_WINDOW_OPEN, "slash", "execute", "--key", slasher, "--pool", "atlas-gpu", "--slash-id", "s1");
        ok("epoch-close", "--key", key(StackKeys.REWARDER), "--epoch", "1");

        JsonNode executed = ok("slash", "execute", "--key", slasher, "--pool", "atlas-gpu", "--slash-id", "s1");
        assertThat(executed.path("command").asText()).isEqualTo("ExecuteSlash");
        ok("slash", "propose", "--key", slasher, "--pool", "atlas-gpu", "--slash-id", "s2", "--reason", "DROPOUT", "--ppm", "1000");
        ok("slash", "cancel", "--key", slasher, "--pool", "atlas-gpu", "--slash-id", "s2", "--why", "appeal upheld");
        refused(RejectReason.UNKNOWN_SLASH, "slash", "cancel", "--key", slasher, "--pool", "atlas-gpu", "--slash-id", "s2");
        assertThat(ok("slash", "list")).isEmpty();
        assertThat(ok("slash", "list", "--all")).extracting(s -> s.path("slashId").asText() + " " + s.path("state").asText())
                .containsExactly("s1 EXECUTED", "s2 CANCELLED");
        assertThat(cli("tail", "slashes", "--from-beginning", "--to-end").out()).contains("slash s1 on atlas-gpu (SLA_BREACH, OPERATOR_ONLY, 10%)");
    }

    @Test
    @Order(8)
    void nodesAttestJobs() {
        JsonNode attested = ok("attest", "--key", key(StackKeys.OPERATOR), "--pool", "atlas-gpu", "--job", "job-1", "--model",
                "llama-3-70b", "--latency", "120", "--usdc-fee", "0.25");
        assertThat(attested.path("command").asText()).isEqualTo("JobAttestation");
        assertThat(attested.path("events").get(0).path("note").asText()).contains("1 job result(s) for epoch 2");
        Run stranger = cli("attest", "--key", "me.key", "--pool", "atlas-gpu", "--job", "job-2", "--model", "llama-3-70b", "--json");
        assertThat(stranger.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(stranger.json().path("command").asText()).isEqualTo("JobAttestation");
    }

    @Test
    @Order(9)
    void theRewardJobCommitsEachClosedEpochAndAnyoneAccruesAPoolItMissedWithItsProof() throws Exception {
        String admin = key(StackKeys.ADMIN);
        // accruals halted network-wide: the job's accruals of epoch 2 are refused, its root and proofs still published
        ok("network", "update", "--key", admin, "--accruals-halted", "on");
        ok("epoch-close", "--key", key(StackKeys.REWARDER), "--epoch", "2");
        JsonNode published = publishedProof("atlas-gpu", 2);
        assertThat(published.path("root").asText()).hasSize(64);
        assertThat(dir.resolve("data/rewards/trees/epoch-2.json")).as("the job's dump, under the data dir").exists();
        HttpResponse<String> tree = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/epochs/2/tree"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tree.statusCode()).as("served by the query API").isEqualTo(200);
        assertThat(JSON.readTree(tree.body()).path("format").asText()).isEqualTo("standard-v1");
        assertThat(cli("tail", "roots", "--from-beginning", "--to-end").out()).contains("epoch 2");
        JsonNode epochs = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/epochs"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(epochs).anySatisfy(e -> {
            assertThat(e.path("epoch").asLong()).isEqualTo(2);
            assertThat(e.path("tree").asText()).isEqualTo("/epochs/2/tree");
        });

        List<String> root = List.of("rewards", "root", "--key", key(StackKeys.REWARDER), "--epoch", "2", "--root",
                published.path("root").asText(), "--leaves", "1", "--tokens", "0");
        List<String> byStranger = new ArrayList<>(root);
        byStranger.set(byStranger.indexOf(key(StackKeys.REWARDER)), "me.key");
        refused(RejectReason.UNAUTHORIZED, byStranger.toArray(String[]::new));
        JsonNode twice = refused(RejectReason.ALREADY_ACCRUED, root.toArray(String[]::new));
        assertThat(twice.path("message").asText()).as("the job committed it first").contains("epoch 2 already has a reward record");

        refused(RejectReason.NETWORK_HALTED, "rewards", "accrue", "--key", "me.key", "--pool", "atlas-gpu", "--epoch", "2");
        ok("network", "update", "--key", admin, "--accruals-halted", "off");
        List<String> proof = new ArrayList<>();
        published.path("proof").forEach(h -> proof.add(h.asText()));
        String tokens = published.path("tokens").asText();
        String usdc = published.path("usdc").asText();
        // a one-leaf tree has no siblings: an empty --proof, as a script passing the published one along would give it
        refused(RejectReason.BAD_PROOF, "rewards", "accrue", "--key", "me.key", "--pool", "atlas-gpu", "--epoch", "2", "--tokens",
                new java.math.BigDecimal(tokens).add(java.math.BigDecimal.ONE).toPlainString(), "--usdc", usdc,
                "--proof", String.join(",", proof));
        JsonNode accrued = ok("rewards", "accrue", "--key", "me.key", "--pool", "atlas-gpu", "--epoch", "2");
        assertThat(accrued.path("command").asText()).as("permissionless, with the published proof").isEqualTo("AccrueReward");
        JsonNode paid = accrued.path("events").get(0);
        assertThat(paid.path("tokenDelta").asText()).as("the leaf's tokens").isEqualTo(tokens);
        assertThat(paid.path("usdcDelta").asText()).as("the leaf's USDC").isEqualTo(usdc);
        refused(RejectReason.ALREADY_ACCRUED, "rewards", "accrue", "--key", "me.key", "--pool", "atlas-gpu", "--epoch", "2");

        Run none = cli("rewards", "proof", "--pool", "nowhere", "--epoch", "2");
        assertThat(none.code()).isEqualTo(ExitCode.FAILED);
        assertThat(none.err()).contains("no proof for nowhere in epoch 2");
        Run claimAll = cli("claim-rewards", "--key", key(StackKeys.OPERATOR), "--pool", "atlas-gpu", "--from-epoch", "0", "--to-epoch", "1");
        assertThat(claimAll.code()).as("claim-rewards sends the published leaf and proof of each pool it operates: %s %s", claimAll.out(),
                claimAll.err()).isZero();
    }

    /** The proof the reward job published for (pool, epoch), once it has: it waits for every partition's close. */
    private static JsonNode publishedProof(String pool, long epoch) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            Run r = cli("rewards", "proof", "--pool", pool, "--epoch", Long.toString(epoch), "--json");
            if (r.code() == ExitCode.OK) {
                return r.json();
            }
            assertThat(System.currentTimeMillis()).as("the job's proof for %s in epoch %d: %s", pool, epoch, r.err()).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @Test
    @Order(10)
    void usdcAndCommissionArePaidOut() {
        // the accrual of epoch 2 paid the pool the USDC its attested job earned
        refused(RejectReason.NOTHING_OWED, "rewards", "accrue", "--key", key(StackKeys.REWARDER), "--pool", "atlas-gpu", "--epoch", "2",
                "--emergency", "--tokens", "1", "--usdc", "0", "--why", "it had its leaf");
        refused(RejectReason.UNAUTHORIZED, "rewards", "accrue", "--key", "me.key", "--pool", "atlas-gpu", "--epoch", "2",
                "--emergency", "--tokens", "1", "--usdc", "0");

        JsonNode usdc = ok("claim-usdc", "--key", "me.key", "--pool", "atlas-gpu");
        assertThat(usdc.path("payouts")).singleElement().satisfies(p -> {
            assertThat(p.path("kind").asText()).isEqualTo("USDC_EARNINGS");
            assertThat(new java.math.BigDecimal(p.path("amount").asText())).isPositive();
        });
        refused(RejectReason.NOTHING_TO_CLAIM, "claim-usdc", "--key", "me.key", "--pool", "atlas-gpu");

        JsonNode dollars = ok("withdraw-commission", "--key", key(StackKeys.OPERATOR), "--pool", "atlas-gpu", "--usdc");
        assertThat(dollars.path("payouts")).singleElement().satisfies(p -> assertThat(p.path("kind").asText()).isEqualTo("USDC_COMMISSION"));
        refused(RejectReason.NOTHING_TO_CLAIM, "withdraw-commission", "--key", key(StackKeys.OPERATOR), "--pool", "atlas-gpu", "--usdc");
        refused(RejectReason.UNAUTHORIZED, "withdraw-commission", "--key", "me.key", "--pool", "atlas-gpu");
    }

    @Test
    @Order(11)
    void tailDecodesEveryOutputTopicOneLineEach() throws Exception {
        Run events = cli("tail", "events", "--from-beginning", "--to-end", "--json");
        assertThat(events.code()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : events.out().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(l -> l.path("value").path("commandId").asText()).contains("genesis-init", "genesis-pool");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.path("topic").asText()).isEqualTo("stakestream.events");
            Instant.parse(l.path("timestamp").asText());
        });

        String eventLines = cli("tail", "events", "--from-beginning", "--to-end").out();
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(eventLines).as("a network-wide command's answer from each partition")
                    .containsPattern("accepted CreatePoolOverview on \\* \\[genesis-init\\].*\\[partition " + p + "\\]");
        }

        Run rejections = cli("tail", "rejections", "--from-beginning", "--to-end");
        assertThat(rejections.out()).contains("refused Stake on atlas-gpu", "ZERO_AMOUNT", "COOLDOWN_NOT_OVER");
        assertThat(rejections.out().lines()).allSatisfy(l -> assertThat(l).contains("refused"));
        Run first = cli("tail", "payouts", "--from-beginning", "--max", "1");
        assertThat(first.out().lines()).singleElement().satisfies(l -> assertThat(l).contains("payout "));
        assertThat(cli("tail", "payouts", "--from-beginning", "--to-end").out()).contains("payout UNSTAKE_CLAIM of 5 tokens",
                "payout USDC_EARNINGS of $");
        assertThat(cli("tail", "summaries", "--from-beginning", "--to-end").out()).contains("epoch 0 closed on partition");
        assertThat(cli("tail", "roots", "--from-beginning", "--to-end").code()).isZero();
        Run bogus = cli("tail", "nope");
        assertThat(bogus.code()).isEqualTo(ExitCode.USAGE);
        assertThat(bogus.err()).contains("events | rejections | slashes | payouts | summaries | roots | proofs");
    }

    @Test
    @Order(12)
    void noWaitReturnsAtOnceAndNoOutcomeInTimeIsExit5() {
        JsonNode sent = ok("stake", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "1", "--no-wait");
        assertThat(sent.path("status").asText()).isEqualTo("sent");
        assertThat(sent.path("commandIds")).hasSize(1);
        Run noRegistry = cli("stake", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "1", "--registry", "http://127.0.0.1:9");
        assertThat(noRegistry.code()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(noRegistry.err().strip()).doesNotContain("\n").contains("no schema registry answers at http://127.0.0.1:9", "--registry");
        Run late = cli("stake", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "1", "--timeout", "0");
        assertThat(late.code()).isEqualTo(ExitCode.NO_OUTCOME);
        assertThat(late.err()).contains("no outcome within 0 s");
    }

    @Test
    @Order(13)
    void topicsPrintsEachFindingOnce() {
        Run r = cli("topics");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).doesNotHaveDuplicates();
        for (String topic : io.stakestream.topics.Topics.ALL) {
            assertThat(lines).as(topic).anyMatch(l -> l.contains(topic));
        }
        JsonNode json = ok("topics");
        assertThat(json.path("created")).as("all there since up").isEmpty();
    }

    @Test
    @Order(14)
    void custodyCreditsEachTransferOncePaysOutAndTheBooksBalance() {
        String custody = key(StackKeys.CUSTODY);
        String tx = "ab".repeat(32);
        refused(RejectReason.UNAUTHORIZED, "deposit", "--key", "me.key", "--pool", "atlas-gpu", "--owner", "me.key", "--amount", "5");
        JsonNode in = ok("deposit", "--key", custody, "--pool", "atlas-gpu", "--owner", "me.key", "--amount", "5", "--tx", tx);
        assertThat(in.path("events").get(0).path("tokenDelta").asText()).isEqualTo("5");
        refused(RejectReason.DUPLICATE_DEPOSIT, "deposit", "--key", custody, "--pool", "atlas-gpu", "--owner", "me.key", "--amount", "5",
                "--tx", tx);
        ok("deposit", "--key", custody, "--pool", "atlas-gpu", "--owner", "me.key", "--amount", "2.5", "--usdc");

        refused(RejectReason.INSUFFICIENT_BALANCE, "withdraw", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "1000000");
        String sent = withdrawn("3");
        refused(RejectReason.UNAUTHORIZED, "payout", "settle", "--key", "me.key", "--payout-id", sent);
        ok("payout", "settle", "--key", custody, "--payout-id", sent);
        refused(RejectReason.PAYOUT_ALREADY_SETTLED, "payout", "settle", "--key", custody, "--payout-id", sent);
        refused(RejectReason.UNKNOWN_PAYOUT, "payout", "fail", "--key", custody, "--payout-id", "atlas-gpu#999999", "--why", "no such");
        assertThat(cli("payout", "settle", "--key", custody, "--payout-id", "no-pool-in-it").code()).isEqualTo(ExitCode.USAGE);
        JsonNode failed = ok("payout", "fail", "--key", custody, "--payout-id", withdrawn("1"), "--why", "the transfer reverted");
        assertThat(failed.path("command").asText()).isEqualTo("PayoutFailed");
        JsonNode usdcOut = ok("withdraw", "--key", "me.key", "--pool", "atlas-gpu", "--amount", "2.5", "--usdc");
        assertThat(usdcOut.path("payouts").get(0).path("amount").asText()).isEqualTo("2.5");

        JsonNode funded = ok("fund-rewards", "--key", custody, "--tokens", "100", "--usdc", "10");
        assertThat(funded.path("events")).as("each partition credits its share").hasSize(PARTITIONS);
        JsonNode stranger = refused(RejectReason.UNAUTHORIZED, "fund-rewards", "--key", "me.key", "--tokens", "1");
        assertThat(stranger.path("rejections")).hasSize(PARTITIONS);

        JsonNode books = ok("reconcile");
        assertThat(books.path("balanced").asBoolean()).isTrue();
        assertThat(books.path("partitions")).hasSize(PARTITIONS);
        assertThat(new java.math.BigDecimal(books.path("assets").path("TOKEN").path("deposited").asText()))
                .as("in tokens: genesis' vault and self-stake, and every credit above").isGreaterThan(new java.math.BigDecimal("1000000"));
        Run text = cli("reconcile");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("balanced: true").contains("TOKEN deposited 1,00"); // in tokens, as the JSON
    }

    /** Withdraws {@code tokens} of me.key's free balance in atlas-gpu; returns the payout's id. */
    private static String withdrawn(String tokens) {
        JsonNode out = ok("withdraw", "--key", "me.key", "--pool", "atlas-gpu", "--amount", tokens);
        JsonNode payout = out.path("payouts").get(0);
        assertThat(payout.path("kind").asText()).isEqualTo("WITHDRAWAL");
        assertThat(payout.path("amount").asText()).isEqualTo(tokens);
        return payout.path("payoutId").asText();
    }

    @Test
    @Order(20)
    void aSecondUpResumesFromTheDataDirectoryWithoutInitializingAgain() throws Exception {
        String admin = account(key(StackKeys.ADMIN));
        stack.close();
        stack = null;
        start();
        assertThat(stack.resumed()).isTrue();
        assertThat(account(key(StackKeys.ADMIN))).as("the same keys").isEqualTo(admin);
        assertThat(ok("status").path("models").has("whisper-v3")).as("state survived").isTrue();
        assertThat(ok("status", "beta-ai").path("status").asText()).isEqualTo("CLOSED");
        credit("op.key", "gamma-ai", "1000");
        assertThat(ok("pool", "create", "--key", "op.key", "--pool", "gamma-ai", "--model", "llama-3-70b", "--url", "https://g.example",
                "--initial-stake", "1000").path("pool").path("totalStake").asText()).as("still taking commands").isEqualTo("1000");
        Run rejections = cli("tail", "rejections", "--from-beginning", "--to-end", "--json");
        List<String> refusedIds = new ArrayList<>();
        for (String line : rejections.out().split("\n")) {
            refusedIds.add(JSON.readTree(line).path("value").path("commandId").asText());
        }
        assertThat(refusedIds).as("genesis ran once, on the first start").noneMatch(id -> id.startsWith("genesis-")).isNotEmpty();
    }
}
