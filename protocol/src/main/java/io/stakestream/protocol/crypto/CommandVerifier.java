package io.stakestream.protocol.crypto;

import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.SignedCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a command was signed by its actor. Garbage in gives false (or a reason), never an
 * exception: a bad record must become a rejection, not stop the stream thread.
 *
 * <p>Nonces and authority are the ledger's business; this only answers "did the actor sign
 * exactly these bytes".
 */
public final class CommandVerifier {

    private static final Logger log = LoggerFactory.getLogger(CommandVerifier.class);

    private CommandVerifier() {
    }

    public static boolean verify(SignedCommand command) {
        return check(command).isValid();
    }

    public static SignatureCheck check(SignedCommand command) {
        if (command == null || command.getPayload() == null) {
            return SignatureCheck.MISSING_FIELD;
        }
        CommandPayload payload = command.getPayload();
        SignatureCheck result = EnvelopeCheck.check(payload.getActor(), command.getSignature(),
                () -> CanonicalBytes.command(payload));
        if (!result.isValid() && log.isDebugEnabled()) {
            log.debug("command {} of pool {} failed its signature check: {}",
                    payload.getCommandId(), payload.getPoolId(), result);
        }
        return result;
    }
}
