package io.stakestream.cli;

import java.io.PrintStream;
import java.util.Map;

/** Where a subcommand prints and what environment it sees; tests pass their own. */
public record Console(PrintStream out, PrintStream err, Map<String, String> env) {

    public static final String DEFAULT_BOOTSTRAP = "localhost:19092";
    public static final String DEFAULT_REGISTRY = "http://localhost:8081";
    public static final String DEFAULT_API = "http://localhost:8080";

    public static final Args.Option BOOTSTRAP = new Args.Option("bootstrap", "HOST:PORT",
            "Kafka brokers (default $KAFKA_BOOTSTRAP_SERVERS, else " + DEFAULT_BOOTSTRAP + ", docker compose's host port)");
    public static final Args.Option REGISTRY = new Args.Option("registry", "URL",
            "Schema Registry (default $SCHEMA_REGISTRY_URL, else " + DEFAULT_REGISTRY + ")");
    public static final Args.Option API = new Args.Option("api", "URL",
            "streams-app REST API (default $STAKESTREAM_API, else " + DEFAULT_API + ")");

    public String bootstrap(Args args) {
        return args.value("bootstrap").orElseGet(() -> env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP));
    }

    public String registry(Args args) {
        return args.value("registry").orElseGet(() -> env.getOrDefault("SCHEMA_REGISTRY_URL", DEFAULT_REGISTRY));
    }

    public String api(Args args) {
        String url = args.value("api").orElseGet(() -> env.getOrDefault("STAKESTREAM_API", DEFAULT_API));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
