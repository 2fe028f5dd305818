package io.stakestream.cli;

import picocli.CommandLine.Option;

/** Where the broker, the schema registry and the query API are; defaults from the environment, then `stakestream up`'s. */
public final class ServiceOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka brokers (default $KAFKA_BOOTSTRAP_SERVERS, else " + Console.DEFAULT_BOOTSTRAP + ")")
    String bootstrap;

    @Option(names = "--registry", paramLabel = "URL",
            description = "Schema Registry (default $SCHEMA_REGISTRY_URL, else " + Console.DEFAULT_REGISTRY + ")")
    String registry;

    @Option(names = "--api", paramLabel = "URL",
            description = "the streams-app query API (default $STAKESTREAM_API, else " + Console.DEFAULT_API + ")")
    String api;

    public String bootstrap(Console console) {
        return console.bootstrap(bootstrap);
    }

    public String registry(Console console) {
        return console.registry(registry);
    }

    public String api(Console console) {
        return console.api(api);
    }
}
