package io.stakestream.ledger;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Checks a reward leaf against a committed merkle root. The hashing (keccak, OpenZeppelin's
 * StandardMerkleTree) lives in the protocol module; the ledger only asks yes or no.
 */
public interface ProofVerifier {
    boolean verify(ByteBuffer root, long epoch, String poolId, BigInteger tokens, BigInteger usdc, List<ByteBuffer> proof);
}
