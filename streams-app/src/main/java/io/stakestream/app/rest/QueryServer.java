package io.stakestream.app.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stakestream.app.metrics.LedgerMetrics;
import io.stakestream.app.outputs.OutputLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API of one instance (JDK HTTP server, JSON by Jackson):
 *
 * <pre>
 * GET /health                                  200 when RUNNING, else 503
 * GET /metrics                                 Prometheus text: the ledger's counters, then Kafka Streams' (Micrometer)
 * GET /pools[?sort=stake|performance]          every pool, ranked
 * GET /pools/{poolId}                          one pool, with tier, share price, reward status, performance
 * GET /pools/{poolId}/positions/{accountHex}   a position, its pending unstakes and owed USDC
 * GET /pools/{poolId}/slashes                  its pending slash proposals and their dispute windows
 * GET /pools/{poolId}/history                  per epoch: stake, shares, share price, rewards
 * GET /accounts/{accountHex}/positions         every position of an account
 * GET /slashes, /slashes/executed              pending proposals of every pool; executed slashes
 * GET /rejections                              refused inputs by reason
 * GET /epochs, /epochs/{n}/root                published reward roots
 * GET /epochs/{n}/proofs/{poolId}              a pool's proof; /epochs/{n}/tree the whole tree dump
 * GET /openapi.json, /dashboard/               this API described; the dashboard
 * </pre>
 * The full list, with answers, is {@code openapi.json} beside this class's resources.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
    private static final Pattern ACCOUNT = Pattern.compile("[0-9a-fA-F]{64}");

    private final HttpServer server;
    private final LedgerQueries queries;
    private final OutputQueries outputs;
    private final LedgerMetrics metrics;
    private final Supplier<String> streamsMetrics;
    private final ExecutorService executor;

    /**
     * @param server bound but not started, so its port could go into {@code application.server} first
     * @param dumpDir the reward-builder's tree dump directory, null when this instance cannot see it
     * @param streamsMetrics Prometheus text of the Kafka Streams clients (Micrometer's binder)
     */
    public QueryServer(HttpServer server, LedgerQueries queries, OutputLog outputs, Path dumpDir, LedgerMetrics metrics,
                       Supplier<String> streamsMetrics) {
        this.server = server;
        this.queries = queries;
        this.outputs = new OutputQueries(outputs, dumpDir);
        this.metrics = metrics;
        this.streamsMetrics = streamsMetrics;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "ledger-rest");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public QueryServer start() {
        server.start();
        log.info("REST queries on port {}", port());
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        Reply reply;
        try {
            reply = route(ex);
        } catch (Unavailable e) {
            reply = Reply.unavailable(e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            reply = Reply.error(500, "internal error: " + e.getClass().getSimpleName(), false);
        }
        ex.getResponseHeaders().set("Content-Type", reply.contentType());
        if (reply.status() == 503) {
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private Reply route(HttpExchange ex) {
        if (!"GET".equals(ex.getRequestMethod())) {
            return Reply.error(405, "only GET is served", false);
        }
        List<String> p = segments(ex.getRequestURI().getRawPath());
        String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        LedgerQueries.Scope scope = LedgerQueries.Scope.of(query);
        boolean forwarded = ex.getRequestHeaders().getFirst(LedgerQueries.FORWARDED_HEADER) != null;
        if (p.equals(List.of("health"))) {
            return health();
        }
        if (p.equals(List.of("metrics"))) {
            return Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.prometheus(queries.state()) + streamsMetrics.get());
        }
        if (p.equals(List.of("network"))) {
            return queries.network(forwarded);
        }
        if (p.isEmpty() || p.equals(List.of("openapi.json")) || p.get(0).equals("dashboard")) {
            return StaticFiles.get(p);
        }
        if (p.equals(List.of("slashes"))) {
            return queries.slashes(scope);
        }
        if (p.equals(List.of("slashes", "executed"))) {
            return outputs.executedSlashes();
        }
        if (p.equals(List.of("rejections"))) {
            return outputs.rejections();
        }
        if (p.equals(List.of("epochs"))) {
            return outputs.roots();
        }
        if (p.size() >= 3 && p.get(0).equals("epochs") && !p.get(2).equals("reward-record")) {
            Long epoch = epoch(p.get(1));
            if (epoch == null) {
                return Reply.error(400, "epoch must be a whole number, got '" + p.get(1) + "'", false);
            }
            if (p.size() == 3 && p.get(2).equals("root")) {
                return outputs.root(epoch);
            }
            if (p.size() == 3 && p.get(2).equals("tree")) {
                return outputs.tree(epoch);
            }
            if (p.size() == 4 && p.get(2).equals("proofs")) {
                return outputs.proof(epoch, p.get(3));
            }
        }
        if (p.equals(List.of("reconciliation"))) {
            return queries.reconciliation(scope);
        }
        if (p.size() == 3 && p.get(0).equals("epochs") && p.get(2).equals("reward-record")) {
            try {
                return queries.rewardRecord(Long.parseLong(p.get(1)), forwarded);
            } catch (NumberFormatException e) {
                return Reply.error(400, "epoch must be a whole number, got '" + p.get(1) + "'", false);
            }
        }
        if (p.size() == 1 && p.get(0).equals("pools")) {
            LedgerQueries.Ranking ranking = ranking(query);
            if (ranking == null) {
                return Reply.error(400, "pools are ranked by stake or performance: ?sort=stake or ?sort=performance", false);
            }
            return queries.pools(ranking, scope);
        }
        if (p.size() == 2 && p.get(0).equals("pools")) {
            return queries.pool(p.get(1), forwarded);
        }
        if (p.size() == 3 && p.get(0).equals("pools") && p.get(2).equals("slashes")) {
            return queries.poolSlashes(p.get(1), forwarded);
        }
        if (p.size() == 3 && p.get(0).equals("pools") && p.get(2).equals("history")) {
            return outputs.history(p.get(1));
        }
        if (p.size() == 4 && p.get(0).equals("pools") && p.get(2).equals("positions")) {
            if (!ACCOUNT.matcher(p.get(3)).matches()) {
                return badAccount(p.get(3));
            }
            return queries.position(p.get(1), p.get(3).toLowerCase(Locale.ROOT), forwarded);
        }
        if (p.size() == 3 && p.get(0).equals("accounts") && p.get(2).equals("positions")) {
            if (!ACCOUNT.matcher(p.get(1)).matches()) {
                return badAccount(p.get(1));
            }
            return queries.accountPositions(p.get(1).toLowerCase(Locale.ROOT), scope);
        }
        return Reply.error(404, "no such route: " + ex.getRequestURI().getPath(), false);
    }

    private Reply health() {
        ObjectNode o = Reply.JSON.createObjectNode();
        boolean up = queries.running();
        o.put("status", up ? "UP" : "DOWN");
        o.put("state", queries.state());
        if (!up) {
            o.put("retryable", true);
        }
        return Reply.json(up ? 200 : 503, o);
    }

    /** {@code sort=} of the query string, STAKE when absent, null when unknown. */
    private static LedgerQueries.Ranking ranking(String query) {
        String sort = param(query, "sort");
        if (sort == null) return LedgerQueries.Ranking.STAKE;
        try {
            return LedgerQueries.Ranking.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The first value of {@code name} in a raw query string, or null. */
    static String param(String query, String name) {
        String prefix = name + "=";
        for (String part : query.split("&")) {
            if (part.startsWith(prefix)) return part.substring(prefix.length());
        }
        return null;
    }

    private static Long epoch(String given) {
        try {
            long epoch = Long.parseLong(given);
            return epoch < 0 ? null : epoch;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Reply badAccount(String given) {
        return Reply.error(400, "an account is 64 hex characters (a 32-byte Ed25519 public key), got '" + given + "'", false);
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
