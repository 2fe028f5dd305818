package io.stakestream.app.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.app.AppConfig;
import io.stakestream.app.PoolLedgerApp;
import io.stakestream.app.testkit.Actor;
import io.stakestream.app.testkit.Program;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.avro.Rejection;
import io.stakestream.avro.SignedCommand;
import io.stakestream.embedded.EmbeddedStack;
import io.stakestream.ledger.Keys;
import io.stakestream.topics.Topics;
import io.stakestream.protocol.clients.CommittedReader;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/**
 * A client written the way one in another language would be: the published .avsc files (not our
 * generated classes), GenericRecords, a plain BouncyCastle Ed25519 signature over the documented
 * bytes, the registry's REST API by hand, and a plain KafkaProducer with the default partitioner.
 * The real pipeline accepts its commands. This is the README's "Clients in any language" recipe.
 */
class ForeignClientIT {

    private static final Path AVSC = Path.of("..", "schemas", "avsc");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCommandBuiltFromThePublishedSchemasIsAccepted() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.builder().partitions(2).start();
             PoolLedgerApp app = new PoolLedgerApp(AppConfig.local(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                     Files.createTempDirectory("foreign"), 2)).start()) {
            assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();
            // set-up with the project's own tools: a network and a pool to stake into
            Program program = new Program(stack.serdes().payloads());
            Actor alice = Actor.named("alice-foreign", stack.serdes().payloads());
            try (KafkaProducer<String, SignedCommand> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                    stack.serdes().commands().keySerde().serializer(), stack.serdes().commands().valueSerde().serializer())) {
                for (SignedCommand c : program.init()) {
                    for (int p = 0; p < 2; p++) {
                        producer.send(new ProducerRecord<>(stack.serdes().commands().name(), p, Keys.NETWORK, c));
                    }
                }
                // custody credits alice's self-stake before she opens the pool
                SignedCommand deposit = program.deposit(alice, "alice", 1_000, false);
                producer.send(new ProducerRecord<>(Topics.DEPOSITS, Program.depositKey(stack.serdes().payloads(), deposit), deposit));
                awaitEvent(stack, e -> e.getNote() != null && e.getNote().startsWith("deposited"), 1);
                producer.send(new ProducerRecord<>(stack.serdes().commands().name(), "alice", program.createPool(alice, "alice", 1_000)));
            }

            // the foreign client: a key from a 32-byte seed, nonces from 1 up per (pool, key)
            PlainClient zed = new PlainClient(stack.schemaRegistryUrl(), stack.bootstrapServers(),
                    MessageDigest.getInstance("SHA-256").digest("zed".getBytes(StandardCharsets.UTF_8)));
            zed.send("zed-1", "alice", 1, zed.body("CreateStakingRecord"));
            awaitEvent(stack, e -> "zed-1".equals(e.getCommandId()), 1);
            // the tokens zed stakes arrived on chain: custody credits them to zed's free balance
            try (KafkaProducer<String, SignedCommand> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                    stack.serdes().commands().keySerde().serializer(), stack.serdes().commands().valueSerde().serializer())) {
                SignedCommand deposit = program.custody.sign("alice", new io.stakestream.avro.Deposit(ByteBuffer.wrap(HexFormat.of().parseHex(zed.accountHex())),
                        io.stakestream.avro.Asset.TOKEN, new java.math.BigDecimal(250), program.nextChainRef(), false));
                producer.send(new ProducerRecord<>(Topics.DEPOSITS, Program.depositKey(stack.serdes().payloads(), deposit), deposit));
            }
            awaitEvent(stack, e -> e.getNote() != null && e.getNote().startsWith("deposited"), 2);
            GenericRecord stake = zed.body("Stake");
            stake.put("amount", PlainClient.decimal(BigInteger.valueOf(250)));
            zed.send("zed-2", "alice", 2, stake);
            // the same nonce again is a replay: the pipeline answers it, so the client can see it
            zed.send("zed-3", "alice", 2, stake);

            try (CommittedReader<LedgerEvent> events = new CommittedReader<>(stack.bootstrapServers(), stack.serdes().events());
                 CommittedReader<Rejection> rejections = new CommittedReader<>(stack.bootstrapServers(), stack.serdes().rejections())) {
                List<String> accepted = events.readUntil(r -> r.stream().filter(e -> e.value().getCommandId().startsWith("zed-")).count() >= 2,
                        Duration.ofSeconds(60)).stream().map(e -> e.value().getCommandId()).filter(id -> id.startsWith("zed-")).toList();
                assertThat(accepted).containsExactly("zed-1", "zed-2");
                var refused = rejections.readUntil(r -> r.stream().anyMatch(x -> "zed-3".equals(x.value().getCommandId())),
                        Duration.ofSeconds(60));
                assertThat(refused.stream().filter(x -> "zed-3".equals(x.value().getCommandId())).findFirst().orElseThrow()
                        .value().getReason().name()).isEqualTo("REPLAY");
            }
            HttpResponse<String> position = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(app.restUrl() + "/pools/alice/positions/" + zed.accountHex())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(position.statusCode()).as(position.body()).isEqualTo(200);
            JsonNode p = JSON.readTree(position.body());
            assertThat(p.path("shares").asText()).isEqualTo("250");
        }
    }

    private static void awaitEvent(EmbeddedStack stack, java.util.function.Predicate<LedgerEvent> which, int count) {
        try (CommittedReader<LedgerEvent> events = new CommittedReader<>(stack.bootstrapServers(), stack.serdes().events())) {
            events.readUntil(r -> r.stream().filter(e -> which.test(e.value())).count() >= count, Duration.ofSeconds(60));
        }
    }

    /** What a client in any language does, with nothing of stakestream's but its .avsc files. */
    static final class PlainClient {
        private static final byte[] DOMAIN = "stakestream/command/v1".getBytes(StandardCharsets.UTF_8);
        private static final String TOPIC = "stakestream.commands";

        private final Schema signedCommand;
        private final Schema payload;
        private final Ed25519PrivateKeyParameters key;
        private final int schemaId;
        private final int payloadSchemaId;
        private final KafkaProducer<String, byte[]> producer;

        PlainClient(String registryUrl, String bootstrap, byte[] seed) throws Exception {
            signedCommand = new Schema.Parser().parse(AVSC.resolve("io.stakestream.avro.SignedCommand.avsc").toFile());
            payload = new Schema.Parser().parse(AVSC.resolve("io.stakestream.avro.CommandPayload.avsc").toFile());
            key = new Ed25519PrivateKeyParameters(seed, 0);
            schemaId = register(registryUrl, TOPIC + "-value", signedCommand);
            // the payload travels as bytes framed with its own schema id, subject = its full name
            payloadSchemaId = register(registryUrl, payload.getFullName(), payload);
            // key: the pool id as UTF-8; partition: Kafka's default (murmur2 of those bytes)
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
        }

        String accountHex() {
            return HexFormat.of().formatHex(key.generatePublicKey().getEncoded());
        }

        /** An empty record of the body union's type {@code name}. */
        GenericRecord body(String name) {
            Schema body = payload.getField("body").schema().getTypes().stream()
                    .filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
            return new GenericData.Record(body);
        }

        void send(String commandId, String poolId, long nonce, GenericRecord body) throws Exception {
            GenericRecord p = new GenericData.Record(payload);
            p.put("commandId", commandId);
            p.put("poolId", poolId);
            p.put("actor", ByteBuffer.wrap(key.generatePublicKey().getEncoded()));
            p.put("nonce", nonce);
            p.put("body", body);
            // the payload's bytes as they travel: Confluent framing with the payload schema's id
            byte[] payloadBytes = confluent(payloadSchemaId, avro(payload, p));
            // the signature covers the domain tag, then exactly those bytes
            ByteArrayOutputStream signed = new ByteArrayOutputStream();
            signed.writeBytes(DOMAIN);
            signed.writeBytes(payloadBytes);
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            byte[] message = signed.toByteArray();
            signer.update(message, 0, message.length);
            GenericRecord envelope = new GenericData.Record(signedCommand);
            envelope.put("payload", ByteBuffer.wrap(payloadBytes));
            envelope.put("signature", ByteBuffer.wrap(signer.generateSignature()));
            producer.send(new ProducerRecord<>(TOPIC, poolId, confluent(schemaId, avro(signedCommand, envelope)))).get();
        }

        /** Confluent wire format: magic 0, the schema id (4 bytes, big-endian), Avro binary. */
        private static byte[] confluent(int schemaId, byte[] avro) {
            return ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(schemaId).put(avro).array();
        }

        /** decimal(78,0): the unscaled value as big-endian two's complement bytes. */
        static ByteBuffer decimal(BigInteger amount) {
            return ByteBuffer.wrap(amount.toByteArray());
        }

        private static byte[] avro(Schema schema, GenericRecord record) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        }

        private static int register(String registryUrl, String subject, Schema schema) throws Exception {
            String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(registryUrl + "/subjects/" + subject + "/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            return JSON.readTree(res.body()).path("id").asInt();
        }
    }
}
