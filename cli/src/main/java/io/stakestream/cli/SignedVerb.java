package io.stakestream.cli;

import io.stakestream.avro.SignedCommand;
import io.stakestream.protocol.crypto.AccountKey;
import io.stakestream.protocol.crypto.CommandSigner;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** A verb that is one signed command: it only says which pool and which body. */
public abstract class SignedVerb extends SignedInput {

    /** The pool the command is about; {@code "*"} for a network-wide one. */
    protected abstract String pool();

    protected abstract SpecificRecord body(AccountKey signer) throws Exception;

    /** The commands to write, in one transaction; one by default. */
    protected List<SignedCommand> commands(AccountKey signer) throws Exception {
        return List.of(sign(signer, pool(), body(signer)));
    }

    protected final SignedCommand sign(AccountKey signer, String pool, SpecificRecord body) {
        return CommandSigner.of(signer, payloads()).command(nextId(), pool, nextNonce(), body);
    }

    @Override
    protected final Inputs inputs(AccountKey signer) throws Exception {
        return new Inputs(commands(signer), List.of());
    }
}
