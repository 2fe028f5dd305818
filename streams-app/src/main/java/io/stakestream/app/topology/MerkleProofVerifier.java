package io.stakestream.app.topology;

import io.stakestream.ledger.ProofVerifier;
import io.stakestream.protocol.crypto.Bytes;
import io.stakestream.protocol.merkle.RewardLeaf;
import io.stakestream.protocol.merkle.StandardMerkleTree;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

/** The ledger's proof check, answered by the protocol's OpenZeppelin-compatible merkle code. */
public final class MerkleProofVerifier implements ProofVerifier {

    @Override
    public boolean verify(ByteBuffer root, long epoch, String poolId, BigInteger tokens, BigInteger usdc, List<ByteBuffer> proof) {
        if (root == null || proof == null) {
            return false;
        }
        try {
            RewardLeaf leaf = new RewardLeaf(epoch, poolId, tokens, usdc);
            return StandardMerkleTree.verify(Bytes.of(root), leaf, proof.stream().map(Bytes::of).toList());
        } catch (RuntimeException outOfRange) {
            // a negative epoch or an amount above uint256 cannot be a leaf of any tree
            return false;
        }
    }
}
