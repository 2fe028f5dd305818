package io.stakestream.ledger.instructions;

import io.stakestream.avro.Asset;
import io.stakestream.avro.PositionState;
import io.stakestream.ledger.Accounts;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/**
 * Deposits made to a pool id before the pool exists [Function Network registerAndStake: the
 * operator's tokens arrive with the registration]. When the pool is created it takes over those
 * free balances; this walks the records deposited ahead, once, at creation.
 */
final class Prefunds {
    private Prefunds() {}

    /** Takes over the pool's prefunded records; returns the creator's own, or null when it deposited nothing. */
    static Position adopt(Pool pool, Network n, Tx tx) {
        String prefix = pool.id() + "/";
        int keyLength = prefix.length() + 2 * Accounts.KEY_BYTES;
        BigInteger tokens = BigInteger.ZERO;
        BigInteger usdc = BigInteger.ZERO;
        Position creator = null;
        long others = 0;
        for (String key : tx.keys(Table.POSITIONS, prefix)) {
            // "gpu/..." also prefixes the records of a pool named "gpu/x": only "<pool>/<64 hex>" is ours
            if (key.length() != keyLength || key.indexOf('/', prefix.length()) >= 0) continue;
            PositionState s = tx.get(Table.POSITIONS, key);
            Position p = Position.restore(s);
            tokens = tokens.add(p.free(Asset.TOKEN));
            usdc = usdc.add(p.free(Asset.USDC));
            if (Accounts.same(s.getAccount(), tx.actor())) creator = p;
            else others++;
        }
        pool.adoptPrefunds(tokens, usdc);
        n.pooled(tokens, usdc);
        pool.state().setPositionCount(pool.state().getPositionCount() + others);
        return creator;
    }

    /** The record a deposit credits in a pool that does not exist yet. */
    static Position find(String poolId, java.nio.ByteBuffer owner, Tx tx) {
        PositionState s = tx.get(Table.POSITIONS, Keys.position(poolId, owner));
        return s == null ? null : Position.restore(s);
    }
}
