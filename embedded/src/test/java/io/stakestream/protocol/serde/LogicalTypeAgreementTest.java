package io.stakestream.protocol.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Where a writer's logical type can hide from Avro's resolution: a field, a union branch on
 * either side, an array item, a map value, a field found by its alias, and a recursive record.
 * Each disagreement is found and named by its path; agreeing schemas, and differences Avro's own
 * resolution decides (promotions, unrelated branches), are not this check's business.
 */
class LogicalTypeAgreementTest {
    static final String DECIMAL_0 = "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":78,\"scale\":0}";
    static final String DECIMAL_1 = "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":78,\"scale\":1}";

    static Schema record(String fieldType) {
        return record("R", "amount", fieldType, "");
    }

    static Schema record(String name, String field, String fieldType, String aliases) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"t\",\"fields\":[{\"name\":\""
                + field + "\",\"type\":" + fieldType + aliases + "}]}");
    }

    static String mismatch(String writerField, String readerField) {
        return LogicalTypeAgreement.firstMismatch(record(writerField), record(readerField));
    }

    @Test
    void aFieldWithAnotherScaleIsNamedWithBothTypes() {
        assertThat(mismatch(DECIMAL_1, DECIMAL_0))
                .isEqualTo("R.amount is decimal(78,1) in the writer's schema but decimal(78,0) in the reader's");
        assertThat(mismatch(DECIMAL_0, DECIMAL_0)).isNull();
    }

    @Test
    void aPlainTypeAgainstALogicalOneIsADisagreementEitherWay() {
        assertThat(mismatch("\"bytes\"", DECIMAL_0)).isEqualTo("R.amount is plain bytes in the writer's schema but decimal(78,0) in the reader's");
        assertThat(mismatch("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", "\"long\""))
                .isEqualTo("R.amount is timestamp-millis in the writer's schema but plain long in the reader's");
    }

    @Test
    void unionBranchesAreComparedOnWhicheverSideTheUnionIs() {
        String writerUnion = "[\"null\"," + DECIMAL_1 + "]";
        String readerUnion = "[\"null\"," + DECIMAL_0 + "]";
        assertThat(mismatch(writerUnion, readerUnion)).startsWith("R.amount is decimal(78,1)");
        // a union written where the reader has the bare type is refused too (the logical types differ at the field)
        assertThat(mismatch(writerUnion, DECIMAL_0)).startsWith("R.amount is plain union");
        assertThat(mismatch(DECIMAL_1, readerUnion)).startsWith("R.amount is decimal(78,1)");
        assertThat(mismatch(writerUnion, "[\"null\"," + DECIMAL_1 + "]")).isNull();
        // a writer branch the reader's union has no counterpart for is Avro's to refuse
        assertThat(mismatch("[\"null\",\"string\"]", readerUnion)).isNull();
        assertThat(mismatch("\"string\"", readerUnion)).isNull();
    }

    @Test
    void namedBranchesMatchByFullName() {
        String a = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":" + DECIMAL_1 + "}]}";
        String a0 = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":" + DECIMAL_0 + "}]}";
        String b0 = "{\"type\":\"record\",\"name\":\"B\",\"fields\":[{\"name\":\"x\",\"type\":" + DECIMAL_0 + "}]}";
        assertThat(mismatch("[\"null\"," + a + "]", "[\"null\"," + a0 + "]")).isEqualTo(
                "R.amount.x is decimal(78,1) in the writer's schema but decimal(78,0) in the reader's");
        assertThat(mismatch("[\"null\"," + a + "]", "[\"null\"," + b0 + "]")).isNull();
        // fixed types too: the writer's F2 is the reader's F2, not the first fixed of the union
        String f1 = "{\"type\":\"fixed\",\"name\":\"F1\",\"size\":16,\"logicalType\":\"decimal\",\"precision\":10,\"scale\":0}";
        String f2 = "{\"type\":\"fixed\",\"name\":\"F2\",\"size\":16,\"logicalType\":\"decimal\",\"precision\":10,\"scale\":1}";
        assertThat(mismatch("[\"null\"," + f2 + "]", "[\"null\"," + f1 + "," + f2 + "]")).isNull();
    }

    @Test
    void arrayItemsAndMapValuesAreLookedInto() {
        assertThat(mismatch("{\"type\":\"array\",\"items\":" + DECIMAL_1 + "}", "{\"type\":\"array\",\"items\":" + DECIMAL_0 + "}"))
                .startsWith("R.amount[] is decimal(78,1)");
        assertThat(mismatch("{\"type\":\"map\",\"values\":" + DECIMAL_1 + "}", "{\"type\":\"map\",\"values\":" + DECIMAL_0 + "}"))
                .startsWith("R.amount{} is decimal(78,1)");
    }

    @Test
    void aReaderFieldFindsItsWriterFieldByAlias() {
        Schema writer = record("R", "oldAmount", DECIMAL_1, "");
        Schema reader = record("R", "amount", DECIMAL_0, ",\"aliases\":[\"other\",\"oldAmount\"]");
        assertThat(LogicalTypeAgreement.firstMismatch(writer, reader)).startsWith("R.amount is decimal(78,1)");
        Schema unaliased = record("R", "amount", DECIMAL_0, "");
        assertThat(LogicalTypeAgreement.firstMismatch(writer, unaliased)).as("a field the writer lacks takes its default").isNull();
    }

    @Test
    void promotionsAreAvrosToDecideAndRecursionEnds() {
        assertThat(mismatch("\"int\"", "\"long\"")).isNull();
        Schema list = new Schema.Parser().parse("""
                {"type":"record","name":"Node","namespace":"t","fields":[
                  {"name":"value","type":"long"},
                  {"name":"next","type":["null","Node"]}]}""");
        assertThat(LogicalTypeAgreement.firstMismatch(list, list)).isNull();
    }
}
