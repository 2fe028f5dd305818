package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.SetWhitelist;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;

/** Whitelists a provider id, before or after its pool exists [Prime Intellect, Function Network]. */
final class SetWhitelistInstruction implements Instruction<SetWhitelist> {
    @Override
    public void apply(SetWhitelist body, Tx tx) {
        Guards.poolCommand(tx);
        tx.initializedNetwork().requireRole(AuthorityRole.ADMIN, tx.actor());
        String poolId = tx.ctx().poolId();
        tx.put(Table.MARKS, Keys.whitelist(poolId), body.getWhitelisted() ? 1L : 0L);
        PoolState s = tx.get(Table.POOLS, poolId);
        Pool pool = null;
        if (s != null) {
            pool = tx.pool();
            pool.state().setWhitelisted(body.getWhitelisted());
            tx.save(pool);
        }
        tx.event(pool, null, null, null, null, body.getWhitelisted() ? "whitelisted" : "removed from whitelist");
    }
}
