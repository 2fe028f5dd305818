package io.stakestream.app.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One record of the commands or attestations topic, raw, with where it came from: what the
 * {@link Sequencer} holds and what the ledger processor applies. Headers are not kept: the
 * topology reads none.
 */
record Input(String topic, int partition, long offset, long timestamp, byte[] rawKey, byte[] rawValue) {

    private static final byte FORMAT = 1;

    /** The record key as the pool id it should be, or null. */
    String key() {
        return rawKey == null ? null : new String(rawKey, StandardCharsets.UTF_8);
    }

    /** A small versioned binary form for the sequencer store: format, topic, partition, offset, timestamp, key, value. */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + length(rawKey) + length(rawValue));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(topic);
            out.writeInt(partition);
            out.writeLong(offset);
            out.writeLong(timestamp);
            writeBytes(out, rawKey);
            writeBytes(out, rawValue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Input decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("sequencer entry of unknown format " + format);
            }
            return new Input(in.readUTF(), in.readInt(), in.readLong(), in.readLong(), readBytes(in), readBytes(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }
}
