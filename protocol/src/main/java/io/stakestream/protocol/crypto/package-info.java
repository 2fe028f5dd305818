/**
 * Ed25519 account keys and the signing of commands and attestations over their canonical bytes
 * (a domain tag followed by the Avro binary encoding of the payload).
 */
package io.stakestream.protocol.crypto;
