/**
 * Keccak256, Solidity ABI encoding and OpenZeppelin-compatible merkle trees of reward leaves, so
 * an epoch's reward root can be checked on an EVM chain with MerkleProof.
 */
package io.stakestream.protocol.merkle;
