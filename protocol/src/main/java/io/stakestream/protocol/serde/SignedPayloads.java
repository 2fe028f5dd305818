package io.stakestream.protocol.serde;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.SignedAttestation;
import io.stakestream.avro.SignedCommand;
import io.stakestream.ledger.Accounts;
import io.stakestream.protocol.registry.SchemaRegistryClient;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The payload bytes inside signed envelopes. A payload travels as its writer wrote it, in the
 * Confluent wire format with the id of the writer's own schema (subjects by RecordNameStrategy:
 * the record's full name), and the signature covers exactly those bytes. Reading resolves the
 * writer's schema against ours, so a client whose schema is a compatible version, or whose Avro
 * library writes a decimal in a longer two's-complement form, still signs what it sends and is
 * read as it meant.
 */
public final class SignedPayloads {

    public static final String COMMAND_SUBJECT = CommandPayload.getClassSchema().getFullName();
    public static final String ATTESTATION_SUBJECT = AttestationPayload.getClassSchema().getFullName();

    private final ConfluentAvroSerializer<CommandPayload> commandWriter;
    private final ConfluentAvroDeserializer<CommandPayload> commandReader;
    private final ConfluentAvroSerializer<AttestationPayload> attestationWriter;
    private final ConfluentAvroDeserializer<AttestationPayload> attestationReader;

    public SignedPayloads(SchemaRegistryClient registry, boolean autoRegister) {
        this.commandWriter = new ConfluentAvroSerializer<>(CommandPayload.class, registry, false, autoRegister);
        this.commandReader = new ConfluentAvroDeserializer<>(CommandPayload.class, registry);
        this.attestationWriter = new ConfluentAvroSerializer<>(AttestationPayload.class, registry, false, autoRegister);
        this.attestationReader = new ConfluentAvroDeserializer<>(AttestationPayload.class, registry);
    }

    /** The bytes a command's signature will cover. */
    public byte[] write(CommandPayload payload) {
        return commandWriter.serializeUnder(COMMAND_SUBJECT, payload);
    }

    /** The bytes an attestation's signature will cover. */
    public byte[] write(AttestationPayload payload) {
        return attestationWriter.serializeUnder(ATTESTATION_SUBJECT, payload);
    }

    /**
     * The command an envelope carries, read with its writer's schema.
     *
     * @throws SerializationException when the payload bytes do not decode (the record is undecodable)
     */
    public CommandPayload command(SignedCommand envelope) {
        return commandReader.deserialize(COMMAND_SUBJECT, bytesOf(envelope.getPayload()));
    }

    /** @throws SerializationException when the payload bytes do not decode */
    public AttestationPayload attestation(SignedAttestation envelope) {
        return attestationReader.deserialize(ATTESTATION_SUBJECT, bytesOf(envelope.getPayload()));
    }

    private static byte[] bytesOf(ByteBuffer payload) {
        if (payload == null) {
            throw new SerializationException("the envelope carries no payload");
        }
        return Accounts.bytes(payload);
    }
}
