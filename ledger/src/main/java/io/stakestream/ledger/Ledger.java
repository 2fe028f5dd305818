package io.stakestream.ledger;

import io.stakestream.avro.AttestationPayload;
import io.stakestream.avro.CommandPayload;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.instructions.Instructions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool ledger's entry point: one verified command in, one outcome out. Checks the envelope and
 * the nonce, runs the command's instruction inside a {@link Tx}, and keeps the nonce so the same
 * signed command can never apply twice, accepted or not. Signatures are checked before this (the
 * protocol module owns the crypto); everything here is deterministic in the command and the state.
 */
public final class Ledger {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    public static final int MAX_POOL_ID_BYTES = 64;

    private final LedgerStore store;
    private final Map<Class<?>, Instruction<?>> instructions;
    private static final io.stakestream.ledger.instructions.RecordAttestations ATTESTATIONS = new io.stakestream.ledger.instructions.RecordAttestations();
    private final io.stakestream.ledger.instructions.ClaimRewardsClusterLeg clusterLegs;

    public Ledger(LedgerStore store, ProofVerifier proofs) {
        io.stakestream.schemas.AvroTrust.install();
        this.store = store;
        this.instructions = Instructions.all(proofs);
        this.clusterLegs = new io.stakestream.ledger.instructions.ClaimRewardsClusterLeg(proofs);
    }

    public Outcome apply(CommandPayload p, long timestamp, int partition, int partitions) {
        return apply(p, timestamp, partition, partitions, OutcomeWriter.ANY);
    }

    /** Applies the command; {@code out} prepares its outcome before any state changes (see {@link OutcomeWriter}). */
    public Outcome apply(CommandPayload p, long timestamp, int partition, int partitions, OutcomeWriter out) {
        Object body = p.getBody();
        CommandContext ctx = new CommandContext(p.getCommandId(), p.getPoolId(), p.getActor(), p.getNonce(),
                body == null ? "?" : body.getClass().getSimpleName(), timestamp, partition, partitions);
        @SuppressWarnings("unchecked")
        Instruction<Object> instruction = body == null ? null : (Instruction<Object>) instructions.get(body.getClass());
        if (instruction == null) {
            return prepared(Outcome.rejected(RejectReason.INVALID_ARGUMENT, "unknown command body " + ctx.command()
                    + ": upgrade the ledger or the producer"), out);
        }
        if (body instanceof io.stakestream.avro.Deposit) {
            // custody's deposits reach a pool through the deposit gateway, from whichever deposits partition their
            // chain reference hashes to, so not in signing order; the chain reference is what makes each apply once
            return unsequenced(ctx, tx -> instruction.apply(body, tx), out);
        }
        return once(ctx, Keys.nonce(ctx.poolId(), ctx.actor()), tx -> instruction.apply(body, tx), out);
    }

    /** A batch of job attestations from one of the pool's nodes; signature checked before. */
    public Outcome attest(AttestationPayload a, long timestamp, int partition, int partitions) {
        return attest(a, timestamp, partition, partitions, OutcomeWriter.ANY);
    }

    public Outcome attest(AttestationPayload a, long timestamp, int partition, int partitions, OutcomeWriter out) {
        CommandContext ctx = new CommandContext(a.getBatchId(), a.getPoolId(), a.getNode(), a.getNonce(),
                "JobAttestation", timestamp, partition, partitions);
        return once(ctx, Keys.attestationNonce(ctx.poolId(), ctx.actor()), tx -> ATTESTATIONS.apply(a, tx), out);
    }

    /**
     * One leg of a cluster claim, routed here by the partition that accepted the claim: the signed
     * claim as its signer sent it, applied for {@code poolId}, which this partition owns. The
     * claim's nonce was used up where it was accepted; a leg applies once per (pool, claim).
     */
    public Outcome applyClusterLeg(CommandPayload p, String poolId, long timestamp, int partition, int partitions) {
        return applyClusterLeg(p, poolId, timestamp, partition, partitions, OutcomeWriter.ANY);
    }

    public Outcome applyClusterLeg(CommandPayload p, String poolId, long timestamp, int partition, int partitions, OutcomeWriter out) {
        CommandContext ctx = new CommandContext(p.getCommandId(), poolId, p.getActor(), p.getNonce(),
                "ClaimRewardsCluster", timestamp, partition, partitions);
        Outcome bad = checkEnvelope(ctx);
        if (bad != null) return prepared(bad, out);
        if (!(p.getBody() instanceof io.stakestream.avro.ClaimRewardsCluster claim)) {
            return prepared(Outcome.rejected(RejectReason.INVALID_ARGUMENT, "a cluster-claim leg must carry a ClaimRewardsCluster command"), out);
        }
        Tx tx = new Tx(ctx, store);
        Outcome outcome = prepared(run(ctx, tx, t -> clusterLegs.apply(claim, t)), out);
        if (outcome.accepted()) tx.commit();
        return outcome;
    }

    /**
     * Checks the envelope and the nonce, runs the body, prepares the outcome's outputs, and only then
     * writes: the command's changes if accepted, and the nonce either way (a refused command uses it up).
     */
    private Outcome once(CommandContext ctx, String nonceKey, java.util.function.Consumer<Tx> body, OutcomeWriter out) {
        Outcome bad = checkEnvelope(ctx);
        if (bad != null) return prepared(bad, out);
        Long last = store.get(Table.NONCES, nonceKey);
        if (last != null && ctx.nonce() <= last) {
            return prepared(Outcome.rejected(RejectReason.REPLAY, "nonce " + ctx.nonce() + " is not above the last one used (" + last
                    + ") by this signer in pool '" + ctx.poolId() + "': sign again with a higher nonce"), out);
        }
        Tx tx = new Tx(ctx, store);
        Outcome outcome = prepared(run(ctx, tx, body), out);
        if (outcome.accepted()) tx.commit();
        store.put(Table.NONCES, nonceKey, ctx.nonce());
        return outcome;
    }

    /** {@link #once} without the nonce: for commands whose own content makes them apply once. */
    private Outcome unsequenced(CommandContext ctx, java.util.function.Consumer<Tx> body, OutcomeWriter out) {
        Outcome bad = checkEnvelope(ctx);
        if (bad != null) return prepared(bad, out);
        Tx tx = new Tx(ctx, store);
        Outcome outcome = prepared(run(ctx, tx, body), out);
        if (outcome.accepted()) tx.commit();
        return outcome;
    }

    /** The outcome once its outputs are prepared; one that can never be written becomes a refusal. */
    private static Outcome prepared(Outcome outcome, OutcomeWriter out) {
        try {
            out.prepare(outcome);
            return outcome;
        } catch (Rejected unwritable) {
            if (!outcome.accepted()) {
                throw new IllegalStateException("even the rejection (" + outcome.rejection() + ") cannot be written: "
                        + unwritable.getMessage(), unwritable);
            }
            log.warn("an outcome that can never be written is refused as {}: {}", unwritable.reason(), unwritable.getMessage());
            Outcome refused = Outcome.rejected(unwritable.reason(), unwritable.getMessage());
            out.prepare(refused);
            return refused;
        }
    }

    private Outcome run(CommandContext ctx, Tx tx, java.util.function.Consumer<Tx> body) {
        try {
            body.accept(tx);
            return tx.outcome();
        } catch (Rejected r) {
            return Outcome.rejected(r.reason(), r.getMessage());
        } catch (Unavailable e) {
            throw e; // not the command's fault: it stays unapplied and is retried
        } catch (RuntimeException e) {
            // a bug must not stop the pipeline: refuse the command, keep state as it was, tell the operator
            log.error("command {} ({}) failed inside the ledger; it is rejected and state is unchanged", ctx.commandId(), ctx.command(), e);
            return Outcome.rejected(RejectReason.INTERNAL_ERROR, "internal error: " + e);
        }
    }

    private static Outcome checkEnvelope(CommandContext ctx) {
        if (ctx.commandId() == null || ctx.commandId().isEmpty()) {
            return Outcome.rejected(RejectReason.INVALID_ARGUMENT, "command id is empty: give every command a unique id");
        }
        if (ctx.poolId() == null || ctx.poolId().isEmpty()
                || ctx.poolId().getBytes(StandardCharsets.UTF_8).length > MAX_POOL_ID_BYTES) {
            return Outcome.rejected(RejectReason.INVALID_ARGUMENT, "pool id must be 1 to " + MAX_POOL_ID_BYTES + " bytes");
        }
        ByteBuffer actor = ctx.actor();
        if (actor == null || actor.remaining() != Accounts.KEY_BYTES) {
            return Outcome.rejected(RejectReason.WRONG_KEY, "actor must be a 32-byte Ed25519 public key");
        }
        if (ctx.nonce() < 0) {
            return Outcome.rejected(RejectReason.INVALID_ARGUMENT, "nonce must not be negative");
        }
        return null;
    }
}
