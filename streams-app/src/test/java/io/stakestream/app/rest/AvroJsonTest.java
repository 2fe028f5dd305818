package io.stakestream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stakestream.app.testkit.TestAccounts;
import io.stakestream.app.testkit.TestParams;
import io.stakestream.avro.Authorities;
import io.stakestream.avro.NetworkState;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

/** Avro to JSON as clients read it: arrays as arrays, bytes as lowercase hex, amounts exact, enums by name. */
class AvroJsonTest {

    @Test
    void arraysOfBytesAreArraysOfHexNotJavaToString() {
        Authorities authorities = TestParams.authorities();
        NetworkState state = NetworkState.newBuilder().setParams(TestParams.defaults().build()).setAuthorities(authorities).build();

        JsonNode json = AvroJson.record(state);

        JsonNode admin = json.path("authorities").path("admin");
        assertThat(admin.isArray()).isTrue();
        assertThat(admin).hasSize(1);
        assertThat(admin.get(0).asText()).isEqualTo(TestAccounts.ADMIN.accountHex()).doesNotContain("HeapByteBuffer");
        JsonNode thresholds = json.path("params").path("tierThresholds");
        assertThat(thresholds.isArray()).isTrue();
        assertThat(thresholds.get(2).asText()).isEqualTo("10000");
        assertThat(json.path("params").path("slashSchedule").get(0).path("reason").asText()).isEqualTo("SLA_BREACH");
    }

    @Test
    void genericArraysFixedAndEnumsToo() {
        Schema fixed = SchemaBuilder.fixed("Hash").size(2);
        Schema color = SchemaBuilder.enumeration("Color").symbols("RED", "GREEN");
        Schema record = SchemaBuilder.record("R").fields()
                .name("hashes").type().array().items(fixed).noDefault()
                .name("color").type(color).noDefault()
                .endRecord();
        GenericData.Array<Object> hashes = new GenericData.Array<>(record.getField("hashes").schema(), java.util.List.of(
                new GenericData.Fixed(fixed, new byte[] {(byte) 0xab, 0x01})));
        GenericData.Record r = new GenericData.Record(record);
        r.put("hashes", hashes);
        r.put("color", new GenericData.EnumSymbol(color, "GREEN"));

        JsonNode json = AvroJson.record(r);

        assertThat(json.path("hashes").get(0).asText()).isEqualTo("ab01");
        assertThat(json.path("color").asText()).isEqualTo("GREEN");
    }
}
