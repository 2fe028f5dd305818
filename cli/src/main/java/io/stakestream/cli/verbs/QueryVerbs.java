package io.stakestream.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.cli.Api;
import io.stakestream.cli.ConnectedCommand;
import io.stakestream.cli.ExitCode;
import io.stakestream.cli.KeyFiles;
import io.stakestream.cli.UsageException;
import io.stakestream.cli.format.HumanJson;
import io.stakestream.cli.format.Lines;
import io.stakestream.protocol.crypto.Hex;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Reading the ledger through the query API: the network or a pool, an account's positions, the ranking. */
public final class QueryVerbs {

    private QueryVerbs() {
    }

    /** Prints the answer as JSON (amounts in tokens, or base units) or as {@code text}. */
    abstract static class Query extends ConnectedCommand {
        Api api() {
            return new Api(services.api(console));
        }

        int print(JsonNode answer, java.util.function.Function<JsonNode, List<String>> text) {
            if (output.json()) {
                console.out().println(new HumanJson(output.baseUnits()).humanize(answer.deepCopy()));
            } else {
                text.apply(answer).forEach(console.out()::println);
            }
            return ExitCode.OK;
        }

        Lines lines() {
            return new Lines(output.baseUnits());
        }
    }

    @Command(name = "status", description = "The network (epoch, parameters, authorities, models), or one pool with POOL.")
    public static final class Status extends Query {
        @Parameters(arity = "0..1", paramLabel = "POOL", description = "a pool id")
        String pool;

        @Override
        protected int run() throws InterruptedException {
            if (pool != null) {
                JsonNode p = api().get("/pools/" + Api.enc(pool), "the pools: stakestream ranking");
                return print(p, j -> List.of(lines().pool(j)));
            }
            JsonNode n = api().get("/network", "initialize the network: stakestream network init (stakestream up does it)");
            return print(n, this::network);
        }

        private List<String> network(JsonNode n) {
            JsonNode p = n.path("params");
            List<String> out = new ArrayList<>();
            out.add("epoch " + n.path("currentEpoch").asLong() + "; slash policy " + p.path("slashPolicy").asText() + ", dispute window "
                    + p.path("disputeWindowEpochs").asInt() + " epoch(s); cooldown " + p.path("delegatorCooldownSeconds").asLong()
                    + " s (operators " + p.path("operatorCooldownSeconds").asLong() + " s); minimum operator stake "
                    + lines().tokens(new BigInteger(p.path("minOperatorStake").asText("0"))) + " tokens; commission default "
                    + p.path("defaultCommissionBps").asInt() + " bps, max " + p.path("maxCommissionBps").asInt() + " bps"
                    + (p.path("stakingHalted").asBoolean() ? "; STAKING HALTED" : ""));
            JsonNode a = n.path("authorities");
            for (String role : List.of("admin", "slashing", "halt", "reward", "custody")) {
                List<String> keys = new ArrayList<>();
                a.path(role).forEach(k -> keys.add(k.asText()));
                out.add("  " + role + " authority: " + (a.path(role).isArray() ? String.join(", ", keys)
                        : "(this query API does not list the keys readably; --json shows what it sent)"));
            }
            n.path("models").fields().forEachRemaining((Map.Entry<String, JsonNode> m) -> out.add("  model " + m.getKey() + ": required stake "
                    + lines().tokens(new BigInteger(m.getValue().path("requiredStake").asText("0"))) + " tokens, "
                    + (m.getValue().path("enabled").asBoolean() ? "enabled" : "disabled")));
            return out;
        }
    }

    @Command(name = "positions", description = "An account's positions across pools: value, pending unstakes, USDC owed.")
    public static final class Positions extends Query {
        @Option(names = {"--account", "--key"}, paramLabel = "ACCOUNT", required = true, description = "hex or a key file")
        String account;
        @Option(names = "--pool", paramLabel = "ID", description = "only this pool")
        String pool;

        @Override
        protected int run() throws InterruptedException {
            String hex = Hex.encode(KeyFiles.account(console, account));
            JsonNode answer = pool == null ? api().get("/accounts/" + hex + "/positions", "")
                    : api().get("/pools/" + Api.enc(pool) + "/positions/" + hex, "open one with stakestream delegate");
            return print(answer, j -> {
                List<String> out = new ArrayList<>();
                if (j.isArray() && j.isEmpty()) {
                    out.add("no positions for " + hex + ": stake with stakestream delegate --pool POOL --amount TOKENS");
                }
                (j.isArray() ? j : List.of(j)).forEach(p -> out.add(position(p)));
                return out;
            });
        }

        private String position(JsonNode p) {
            Lines l = lines();
            StringBuilder sb = new StringBuilder(p.path("poolId").asText() + " (" + p.path("poolStatus").asText() + "): "
                    + l.tokens(big(p, "shares")) + " shares worth " + l.tokens(big(p, "value")) + " tokens, USDC owed "
                    + l.usdc(big(p, "usdcOwedTotal")));
            p.path("pending").forEach(u -> sb.append("; unstake #").append(u.path("id").asLong()).append(' ')
                    .append(l.tokens(big(u, "value"))).append(" tokens available at ").append(Lines.time(u.path("availableAt").asLong())));
            return sb.toString();
        }
    }

    @Command(name = "ranking", description = "Pools ranked, largest stake first (or by performance where the API serves it).")
    public static final class Ranking extends Query {
        @Option(names = "--by", paramLabel = "stake|performance", defaultValue = "stake", description = "default stake")
        String by;

        @Override
        protected int run() throws InterruptedException {
            if (!by.equals("stake") && !by.equals("performance")) {
                throw new UsageException("--by is stake or performance");
            }
            JsonNode pools = api().get("/pools?sort=" + by, "");
            return print(pools, j -> {
                List<String> out = new ArrayList<>();
                out.add(String.format("%4s  %-20s %-12s %18s %18s %10s %8s", "rank", "pool", "status", "stake", "shares", "price", "comm"));
                int rank = 0;
                for (JsonNode p : j) {
                    BigInteger t = big(p, "totalStake");
                    BigInteger s = big(p, "totalShares");
                    String price = s.signum() == 0 ? "-" : new BigDecimal(t).divide(new BigDecimal(s), 6, RoundingMode.DOWN).toPlainString();
                    out.add(String.format("%4d  %-20s %-12s %18s %18s %10s %7.2f%%", ++rank, p.path("poolId").asText(),
                            p.path("status").asText() + (p.path("halted").asBoolean() ? "/H" : ""), lines().tokens(t), lines().tokens(s),
                            price, p.path("tokenCommissionBps").asInt() / 100.0));
                }
                if (rank == 0) out.add("no pools yet: stakestream pool create --help");
                return out;
            });
        }
    }

    @Command(name = "query", description = "Any query of the API as JSON: pools | pool POOL | position POOL ACCOUNT | account ACCOUNT | network")
    public static final class Raw extends Query {
        @Parameters(arity = "1..3", paramLabel = "WHAT", description = "pools | pool POOL | position POOL ACCOUNT | account ACCOUNT | network")
        List<String> what;

        @Override
        protected int run() throws InterruptedException {
            String path = switch (what.get(0)) {
                case "pools" -> need(1, "pools", "/pools?sort=stake");
                case "network" -> need(1, "network", "/network");
                case "pool" -> need(2, "pool POOL_ID", "/pools/" + Api.enc(arg(1)));
                case "position" -> need(3, "position POOL_ID ACCOUNT", "/pools/" + Api.enc(arg(1)) + "/positions/"
                        + Hex.encode(KeyFiles.account(console, arg(2))));
                case "account" -> need(2, "account ACCOUNT", "/accounts/" + Hex.encode(KeyFiles.account(console, arg(1))) + "/positions");
                default -> throw new UsageException("cannot query '" + what.get(0) + "': pools | pool | position | account | network");
            };
            JsonNode answer = api().get(path, "");
            console.out().println(new HumanJson(output.baseUnits()).humanize(answer.deepCopy()).toPrettyString());
            return ExitCode.OK;
        }

        private String arg(int i) {
            return i < what.size() ? what.get(i) : "";
        }

        private String need(int n, String usage, String path) {
            if (what.size() != n) {
                throw new UsageException("usage: stakestream query " + usage);
            }
            return path;
        }
    }

    static BigInteger big(JsonNode node, String field) {
        return Lines.big(node, field);
    }
}
