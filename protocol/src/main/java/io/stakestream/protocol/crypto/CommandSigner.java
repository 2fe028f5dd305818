package io.stakestream.protocol.crypto;

import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.SignedCommand;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Signs commands for one account. Producers use the fluent form:
 *
 * <pre>{@code
 * SignedCommand cmd = CommandSigner.of(key).command(commandId, poolId, nonce, new Stake(amount));
 * }</pre>
 */
public final class CommandSigner {

    private final AccountKey key;

    private CommandSigner(AccountKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    public static CommandSigner of(AccountKey key) {
        return new CommandSigner(key);
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
        return sign(payload, key);
    }

    public SignedCommand sign(CommandPayload payload) {
        return sign(payload, key);
    }

    /**
     * Signs the payload as it is. A null actor is filled in with the key's account (on a copy; the
     * caller's payload is not changed).
     *
     * @throws IllegalArgumentException when the actor is another account (the signature could
     *     never verify) or the payload cannot be encoded
     */
    public static SignedCommand sign(CommandPayload payload, AccountKey key) {
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
        byte[] signature = key.sign(CanonicalBytes.command(signed));
        return SignedCommand.newBuilder().setPayload(signed).setSignature(ByteBuffer.wrap(signature)).build();
    }
}
