package io.stakestream.protocol.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.JobResult;
import io.stakestream.embedded.InProcessSchemaRegistry;
import io.stakestream.protocol.registry.RestSchemaRegistryClient;
import io.stakestream.protocol.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A consumer on today's JobResult reads what a producer on yesterday's (no `completed`) wrote. */
class SchemaEvolutionTest {

    private static final String TOPIC = "stakestream.attestations-test";

    /** JobResult before `completed` (default true) was added. */
    private static final Schema OLD_JOB_RESULT = new Schema.Parser().parse("""
            {"type":"record","name":"JobResult","namespace":"io.stakestream.avro","fields":[
              {"name":"epoch","type":"long"},
              {"name":"jobId","type":"string"},
              {"name":"modelId","type":"string"},
              {"name":"success","type":"boolean"},
              {"name":"latencyMs","type":"long"},
              {"name":"proofValid","type":"boolean"},
              {"name":"usdcFee","type":{"type":"bytes","logicalType":"decimal","precision":78,"scale":0}}]}
            """);

    private final InProcessSchemaRegistry registry = new InProcessSchemaRegistry().start();
    private final RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void newerReaderReadsOlderWriterAndFillsTheDefault() throws IOException {
        int oldId = client.register(TOPIC + "-value", OLD_JOB_RESULT);
        GenericRecord old = new GenericData.Record(OLD_JOB_RESULT);
        old.put("epoch", 12L);
        old.put("jobId", "job-1");
        old.put("modelId", "llama");
        old.put("success", true);
        old.put("latencyMs", 340L);
        old.put("proofValid", true);
        old.put("usdcFee", new BigDecimal("2500000"));
        byte[] framed = frame(oldId, old);

        ConfluentAvroSerde<JobResult> serde = ConfluentAvroSerde.forValues(JobResult.class, client);
        JobResult read = serde.deserializer().deserialize(TOPIC, framed);

        assertThat(read.getJobId()).isEqualTo("job-1");
        assertThat(read.getCompleted()).isTrue();
        assertThat(read.getUsdcFee()).isEqualTo(new BigDecimal("2500000"));

        // The new schema is a BACKWARD-compatible next version of the same subject.
        assertThat(client.isCompatible(TOPIC + "-value", JobResult.getClassSchema())).isTrue();
        int newId = serde.serializer().schemaId(TOPIC);
        assertThat(newId).isEqualTo(oldId + 1);
        // and the writer's own bytes still read back
        assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, read))).isEqualTo(read);
    }

    @Test
    void aFieldWithoutDefaultIsRefusedAsIncompatible() {
        client.register("evolving-value", OLD_JOB_RESULT);
        Schema breaking = new Schema.Parser().parse(OLD_JOB_RESULT.toString().replace(
                "{\"name\":\"epoch\",\"type\":\"long\"}",
                "{\"name\":\"epoch\",\"type\":\"long\"},{\"name\":\"region\",\"type\":\"string\"}"));

        assertThat(client.isCompatible("evolving-value", breaking)).isFalse();
        assertThatThrownBy(() -> client.register("evolving-value", breaking))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("incompatible");
    }

    private static byte[] frame(int id, GenericRecord record) throws IOException {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema(), model).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
