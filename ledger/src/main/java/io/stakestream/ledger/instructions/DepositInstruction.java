package io.stakestream.ledger.instructions;

import io.stakestream.avro.Asset;
import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Accounts;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/**
 * A transfer the custody service saw arrive in the staking vault [Inference.net vaults custody
 * delegated tokens]: credits the owner's free balance in the pool, opening its record if needed,
 * and with {@code stake} stakes it in the same command. Only a custody key may sign it, and a
 * chain transfer is credited once: here on this partition, across partitions by the deposit
 * gateway ahead of the ledger. A deposit to a pool id not created yet waits for the pool (registerAndStake).
 */
final class DepositInstruction implements Instruction<Deposit> {
    @Override
    public void apply(Deposit body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.CUSTODY, tx.actor());
        Rejected.unless(body.getOwner() != null && body.getOwner().remaining() == Accounts.KEY_BYTES, RejectReason.WRONG_KEY,
                "the deposit's owner must be a 32-byte Ed25519 public key");
        Rejected.unless(!Accounts.same(body.getOwner(), Accounts.BURN), RejectReason.WRONG_KEY, "nothing can be deposited to the burn address");
        ChainRefs.check(body.getChainRef());
        // one mark per partition, whatever the pool: the deposit gateway catches what lands on another partition
        String mark = Keys.deposit(Keys.NETWORK, body.getChainRef());
        Rejected.unless(tx.get(Table.MARKS, mark) == null, RejectReason.DUPLICATE_DEPOSIT,
                "chain transfer " + Keys.chainRef(body.getChainRef()) + " was credited already: a transfer is credited once");
        BigInteger amount = Amounts.positive(body.getAmount(), "deposit amount");
        tx.put(Table.MARKS, mark, tx.now());
        PoolState existing = tx.get(Table.POOLS, tx.ctx().poolId());
        if (existing == null) {
            unpooled(body, amount, n, tx);
            return;
        }
        Pool pool = tx.pool();
        Position position = tx.findPosition(pool, body.getOwner());
        if (position == null) {
            // even in a closed pool: the money arrived, and a free balance can always be withdrawn
            position = Position.open(pool.id(), body.getOwner(), tx.now());
            pool.settle(position);
            pool.state().setPositionCount(pool.state().getPositionCount() + 1);
        }
        pool.deposit(position, body.getAsset(), amount);
        n.deposited(body.getAsset(), amount, false);
        String note = "deposited " + body.getAsset().name().toLowerCase() + " from " + Keys.chainRef(body.getChainRef());
        BigInteger minted = null;
        if (body.getStake()) {
            Rejected.unless(body.getAsset() == Asset.TOKEN, RejectReason.INVALID_ARGUMENT, "only tokens can be staked; deposit USDC without stake");
            // the money arrived whatever the pool's rules say: a refused stake leaves it free, never uncredited
            PoolState poolBefore = PoolState.newBuilder(pool.state()).build();
            PositionState positionBefore = PositionState.newBuilder(position.state()).build();
            try {
                minted = StakeInstruction.stake(pool, position, body.getOwner(), amount, n, tx);
                note += " and staked";
            } catch (Rejected r) {
                pool = Pool.wrap(poolBefore);
                position = Position.restore(positionBefore);
                note += "; kept free, not staked (" + r.reason() + "): " + r.getMessage();
            }
        }
        tx.save(pool);
        tx.save(position);
        tx.saveNetwork();
        tx.event(pool, position, amount, minted, null, note);
    }

    /** The pool does not exist yet: the free balance waits for its creation (nothing to stake into yet). */
    private static void unpooled(Deposit body, BigInteger amount, Network n, Tx tx) {
        Position position = Prefunds.find(tx.ctx().poolId(), body.getOwner(), tx);
        if (position == null) position = Position.open(tx.ctx().poolId(), body.getOwner(), tx.now());
        position.creditUnpooled(body.getAsset(), amount);
        n.deposited(body.getAsset(), amount, true);
        tx.save(position);
        tx.saveNetwork();
        tx.event(null, position, amount, null, null, "deposited ahead of pool '" + tx.ctx().poolId() + "' from "
                + Keys.chainRef(body.getChainRef()) + (body.getStake() ? "; kept free, not staked (the pool does not exist yet)" : ""));
    }
}
