package io.stakestream.cli.bench;

import io.stakestream.avro.LedgerEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads only the command id of a LedgerEvent in the Confluent wire format (magic byte, 4-byte
 * schema id, Avro body whose first field is the id), so the latency probe does not spend the cores
 * under test decoding whole events it throws away.
 */
final class CommandIdReader {
    private static final int HEADER = 5;
    private BinaryDecoder decoder;

    CommandIdReader() {
        Schema.Field first = LedgerEvent.getClassSchema().getFields().get(0);
        if (!first.name().equals("commandId") || first.schema().getType() != Schema.Type.STRING) {
            throw new IllegalStateException("LedgerEvent no longer starts with its commandId string: read it whole instead");
        }
    }

    String commandId(byte[] value) {
        if (value == null || value.length <= HEADER || value[0] != 0) {
            throw new IllegalArgumentException("not a Confluent-framed LedgerEvent");
        }
        decoder = DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, decoder);
        try {
            return decoder.readString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
