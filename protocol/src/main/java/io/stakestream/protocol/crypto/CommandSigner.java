package io.stakestream.protocol.crypto;

import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.serde.SignedPayloads;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Signs commands for one account. The payload is written once, in the Confluent wire format with
 * its schema id, and the signature covers those bytes, which travel untouched in the envelope.
 * Producers use the fluent form:
 *
 * <pre>{@code
 * SignedCommand cmd = CommandSigner.of(key, serdes.payloads()).command(commandId, poolId, nonce, new Stake(amount));
 * }</pre>
 */
public final class CommandSigner {

    private final AccountKey key;
    private final SignedPayloads payloads;

    private CommandSigner(AccountKey key, SignedPayloads payloads) {
        this.key = Objects.requireNonNull(key, "key");
        this.payloads = Objects.requireNonNull(payloads, "payloads");
    }

    /** @param payloads writes payloads with schema ids of the registry the ledger reads them with */
    public static CommandSigner of(AccountKey key, SignedPayloads payloads) {
        return new CommandSigner(key, payloads);
    }

    /** Builds the payload with this signer's account as the actor and signs it. */
    public SignedCommand command(String commandId, String poolId, long nonce, SpecificRecord body) {
        CommandPayload payload = CommandPayload.newBuilder()
                .setCommandId(commandId)
                .setPoolId(poolId)
                .setActor(key.accountBuffer())
                .setNonce(nonce)
                .setBody(body)
                .build();
        return sign(payload);
    }

    /**
     * Signs the payload as it is. A null actor is filled in with the key's account (on a copy; the
     * caller's payload is not changed).
     *
     * @throws IllegalArgumentException when the actor is another account (the signature could
     *     never verify)
     * @throws org.apache.kafka.common.errors.SerializationException when the payload cannot be
     *     encoded (a missing field, an amount with a fraction or over 78 digits)
     */
    public SignedCommand sign(CommandPayload payload) {
        Objects.requireNonNull(payload, "payload");
        CommandPayload signed = payload;
        if (payload.getActor() == null) {
            // The all-fields constructor, not newBuilder(payload): the builder's deep copy goes
            // through Avro's class allow-list, which may not trust our generated classes.
            signed = new CommandPayload(payload.getCommandId(), payload.getPoolId(), key.accountBuffer(),
                    payload.getNonce(), payload.getBody());
        } else if (!payload.getActor().equals(ByteBuffer.wrap(key.account()))) {
            throw new IllegalArgumentException("payload actor " + Hex.encode(payload.getActor())
                    + " is not the signing account " + key.accountHex());
        }
        return signBytes(payloads.write(signed), key);
    }

    /**
     * Signs payload bytes some writer produced (Confluent-framed CommandPayload, any compatible
     * writer schema): what a client in another language does. The bytes are not checked here.
     */
    public static SignedCommand signBytes(byte[] payload, AccountKey key) {
        ByteBuffer bytes = Bytes.wrapCopy(payload);
        byte[] signature = key.sign(CanonicalBytes.command(bytes));
        return SignedCommand.newBuilder().setPayload(bytes).setSignature(ByteBuffer.wrap(signature)).build();
    }
}
