package io.stakestream.app.outputs;

import io.stakestream.protocol.registry.SchemaRegistryClient;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * What a pool's history needs from one LedgerEvent, decoded by Avro schema resolution against a
 * reader schema of just those fields: the writer's other fields (the position, most of the pool
 * state) are skipped, never built. Every instance reads every event, so this keeps the output log
 * cheap.
 *
 * @param totalStake null when the event carries no pool state
 */
record EventDigest(String poolId, String command, long epoch, BigInteger tokenDelta, BigInteger usdcDelta,
                   BigInteger totalStake, BigInteger totalShares) {

    private static final String AMOUNT = "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":78,\"scale\":0}";
    /** The fields of io.stakestream.avro.LedgerEvent (and of its PoolState) the history reads. */
    static final Schema READER = new Schema.Parser().parse("""
            {"type":"record","name":"LedgerEvent","namespace":"io.stakestream.avro","fields":[
              {"name":"poolId","type":"string"},{"name":"command","type":"string"},{"name":"epoch","type":"long"},
              {"name":"tokenDelta","type":["null",%1$s],"default":null},
              {"name":"usdcDelta","type":["null",%1$s],"default":null},
              {"name":"pool","type":["null",{"type":"record","name":"PoolState","fields":[
                {"name":"totalStake","type":%1$s},{"name":"totalShares","type":%1$s}]}],"default":null}]}
            """.formatted(AMOUNT));

    /** Decodes Confluent-framed LedgerEvent bytes; one resolving reader per writer schema id. */
    static final class Decoder {
        private final SchemaRegistryClient registry;
        private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();

        Decoder(SchemaRegistryClient registry) {
            this.registry = registry;
        }

        EventDigest decode(byte[] wire) throws IOException {
            if (wire.length < 5 || wire[0] != 0) {
                throw new IOException("not the Confluent wire format");
            }
            int id = ByteBuffer.wrap(wire, 1, 4).getInt();
            GenericDatumReader<GenericRecord> reader = readers.computeIfAbsent(id,
                    k -> new GenericDatumReader<>(registry.schemaById(k), READER));
            GenericRecord e = reader.read(null, DecoderFactory.get().binaryDecoder(wire, 5, wire.length - 5, null));
            GenericRecord pool = (GenericRecord) e.get("pool");
            return new EventDigest(e.get("poolId").toString(), e.get("command").toString(), (Long) e.get("epoch"),
                    amount(e.get("tokenDelta")), amount(e.get("usdcDelta")),
                    pool == null ? null : amount(pool.get("totalStake")), pool == null ? null : amount(pool.get("totalShares")));
        }

        /** decimal(78,0) bytes: the unscaled value, big-endian two's complement. */
        private static BigInteger amount(Object bytes) {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ((ByteBuffer) bytes).duplicate();
            byte[] raw = new byte[b.remaining()];
            b.get(raw);
            return new BigInteger(raw);
        }
    }
}
