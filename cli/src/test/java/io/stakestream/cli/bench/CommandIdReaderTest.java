package io.stakestream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.LedgerEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class CommandIdReaderTest {

    @Test
    void readsTheIdOfAWholeEventAfterTheWireHeader() throws IOException {
        LedgerEvent event = LedgerEvent.newBuilder()
                .setCommandId("c-42").setPoolId("gpu-1").setActor(ByteBuffer.wrap(new byte[32])).setNonce(7)
                .setCommand("Stake").setTimestamp(1).setEpoch(2).setPartition(0).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, 0, 0, 0, 9});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(LedgerEvent.class).write(event, encoder);
        encoder.flush();

        CommandIdReader reader = new CommandIdReader();
        assertThat(reader.commandId(out.toByteArray())).isEqualTo("c-42");
        // the decoder is reused: a second, shorter id must not keep the first one's bytes
        assertThat(reader.commandId(new byte[] {0, 0, 0, 0, 9, 2, 'x'})).isEqualTo("x");
    }

    @Test
    void refusesWhatIsNotConfluentFramed() {
        CommandIdReader reader = new CommandIdReader();
        assertThatThrownBy(() -> reader.commandId(new byte[] {1, 0, 0, 0, 9, 2, 'x'})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.commandId(new byte[] {0, 0, 0})).isInstanceOf(IllegalArgumentException.class);
    }
}
