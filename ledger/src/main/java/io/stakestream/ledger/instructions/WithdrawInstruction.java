package io.stakestream.ledger.instructions;

import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.Withdraw;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/** Moves the signer's free balance out as a payout custody sends on chain; INSUFFICIENT_BALANCE beyond it. */
final class WithdrawInstruction implements Instruction<Withdraw> {
    @Override
    public void apply(Withdraw body, Tx tx) {
        Guards.poolCommand(tx);
        Guards.withdrawalsOpen(tx);
        Pool pool = tx.pool();
        Guards.notHaltedOperator(pool, tx);
        Position position = tx.position(pool, tx.actor());
        BigInteger amount = Amounts.positive(body.getAmount(), "withdrawal amount");
        pool.withdraw(position, body.getAsset(), amount);
        tx.payout(position.account(), pool.id(), body.getAsset(), PayoutKind.WITHDRAWAL, amount);
        tx.save(pool);
        tx.save(position);
        boolean token = body.getAsset() == io.stakestream.avro.Asset.TOKEN;
        tx.event(pool, position, token ? amount : null, null, token ? null : amount, "withdrawn from the free balance");
    }
}
