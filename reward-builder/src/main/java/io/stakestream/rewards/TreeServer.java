package io.stakestream.rewards;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reward-builder's own HTTP endpoint: {@code GET /epochs/{n}/tree} answers the epoch's
 * standard-v1 dump from the builder's data directory, which is where it lives (the streams-app has
 * the committed root, not the tree).
 */
public final class TreeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TreeServer.class);
    private static final Pattern TREE = Pattern.compile("/epochs/(\\d{1,18})/tree");

    private final HttpServer server;
    private final Path dataDir;

    public TreeServer(int port, Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", this::handle);
    }

    public TreeServer start() {
        server.start();
        log.info("reward trees on http://localhost:{}/epochs/{{n}}/tree", port());
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = TREE.matcher(exchange.getRequestURI().getPath());
            if (!"GET".equals(exchange.getRequestMethod()) || !m.matches()) {
                reply(exchange, 404, "{\"error\": \"the routes are GET /epochs/{n}/tree\"}");
                return;
            }
            Path file = RewardJob.treeFile(dataDir, Long.parseLong(m.group(1)));
            if (!Files.exists(file)) {
                reply(exchange, 404, "{\"error\": \"no tree for epoch " + m.group(1)
                        + ": not computed yet, or no pool earned anything in it (see its root on stakestream.reward-roots)\"}");
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
