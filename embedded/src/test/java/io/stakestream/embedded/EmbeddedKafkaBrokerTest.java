package io.stakestream.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKafkaBrokerTest {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBrokerTest.class);

    @Test
    @Order(1) // first in its fresh JVM, so the time logged is a cold start
    void startsARealBrokerAndDeletesItsTempDirOnClose() throws Exception {
        long t0 = System.nanoTime();
        Path dir;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startDefault()) {
            long coldStartMs = (System.nanoTime() - t0) / 1_000_000;
            log.info("broker cold start: {} ms (broker's own measure {} ms)", coldStartMs, broker.startupMillis());
            dir = broker.dataDir();
            assertThat(dir).isDirectory();
            try (Admin admin = broker.admin()) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
                assertThat(admin.describeCluster().controller().get().port()).isEqualTo(broker.brokerPort());
            }
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void fixedDataDirKeepsRecordsAcrossRestarts(@TempDir Path dataDir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start();
                Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "pool-1", "before restart")).get();
            }
        }
        assertThat(Files.list(dataDir)).isNotEmpty(); // not deleted: it was given, not made

        long t0 = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start()) {
            log.info("broker warm restart on an existing data dir: {} ms", (System.nanoTime() - t0) / 1_000_000);
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-check");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("kept"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                long deadline = System.currentTimeMillis() + 30_000;
                while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                    records = consumer.poll(Duration.ofMillis(200));
                }
                assertThat(records.count()).isEqualTo(1);
                assertThat(records.iterator().next().value()).isEqualTo("before restart");
                assertThat(new String(records.iterator().next().key().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .isEqualTo("pool-1");
            }
        }
    }

    @Test
    void aTakenFixedPortFailsWithAHint() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
                ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            int controllerPort = free.getLocalPort();
            free.close();
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                    .brokerPort(taken.getLocalPort()).controllerPort(controllerPort).build();
            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " or " + controllerPort + " is taken");
        }
    }
}
