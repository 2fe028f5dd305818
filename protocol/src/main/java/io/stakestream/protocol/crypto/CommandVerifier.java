package io.stakestream.protocol.crypto;

import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.SignedCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a command was signed by its actor. Garbage in gives false (or a reason), never an
 * exception: a bad record must become a rejection, not stop the stream thread.
 *
 * <p>The signature is checked over the envelope's payload bytes as they arrived; the decoded
 * payload only names the actor whose key must have signed them. Nonces and authority are the
 * ledger's business; this only answers "did the actor sign exactly these bytes".
 */
public final class CommandVerifier {

    private static final Logger log = LoggerFactory.getLogger(CommandVerifier.class);

    private CommandVerifier() {
    }

    public static boolean verify(SignedCommand command, CommandPayload decoded) {
        return check(command, decoded).isValid();
    }

    /** @param decoded the payload read from {@code command}'s payload bytes (see SignedPayloads) */
    public static SignatureCheck check(SignedCommand command, CommandPayload decoded) {
        if (command == null || command.getPayload() == null || decoded == null) {
            return SignatureCheck.MISSING_FIELD;
        }
        SignatureCheck result = EnvelopeCheck.check(decoded.getActor(), command.getSignature(),
                () -> CanonicalBytes.command(command.getPayload()));
        if (!result.isValid() && log.isDebugEnabled()) {
            log.debug("command {} of pool {} failed its signature check: {}",
                    decoded.getCommandId(), decoded.getPoolId(), result);
        }
        return result;
    }
}
