package io.stakestream.embedded;

/** The in-process stack: always available. */
final class EmbeddedKafkaBackend implements KafkaBackend, AutoCloseable {

    private final EmbeddedStack stack;

    EmbeddedKafkaBackend() {
        // Few partitions: the backends are shared by many tests and start faster this way.
        this.stack = EmbeddedStack.builder().partitions(2).start();
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }

    @Override
    public void close() {
        stack.close();
    }
}
