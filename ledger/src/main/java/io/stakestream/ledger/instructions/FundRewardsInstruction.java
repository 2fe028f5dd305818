package io.stakestream.ledger.instructions;

import io.stakestream.avro.AuthorityRole;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;

/**
 * Emission and USDC revenue arriving in the reward vault, seen on chain by custody. Network-wide
 * (pool "*", on every partition): each partition credits its share (see {@link Network#share}),
 * so the shares add up to the transfer once. Every partition sees every FundRewards, so the
 * chain reference is deduplicated right here.
 */
final class FundRewardsInstruction implements Instruction<FundRewards> {
    @Override
    public void apply(FundRewards body, Tx tx) {
        Guards.networkCommand(tx);
        Network n = tx.initializedNetwork();
        n.requireRole(AuthorityRole.CUSTODY, tx.actor());
        ChainRefs.check(body.getChainRef());
        BigInteger tokens = Amounts.nonNegative(body.getTokens(), "tokens");
        BigInteger usdc = Amounts.nonNegative(body.getUsdc(), "usdc");
        Rejected.unless(tokens.signum() > 0 || usdc.signum() > 0, RejectReason.ZERO_AMOUNT, "fund some tokens or USDC");
        String mark = Keys.deposit(Keys.NETWORK, body.getChainRef());
        Rejected.unless(tx.get(Table.MARKS, mark) == null, RejectReason.DUPLICATE_DEPOSIT,
                "chain transfer " + Keys.chainRef(body.getChainRef()) + " funded the reward vault already");
        // the epoch, not the time: every partition holds this mark and its copies must agree
        tx.put(Table.MARKS, mark, n.epoch());
        int p = tx.ctx().partition();
        int partitions = tx.ctx().partitions();
        BigInteger tokenShare = Network.share(tokens, p, partitions);
        BigInteger usdcShare = Network.share(usdc, p, partitions);
        n.fund(tokenShare, usdcShare);
        tx.saveNetwork();
        tx.event(null, null, tokenShare, null, usdcShare, "reward vault funded from " + Keys.chainRef(body.getChainRef())
                + " (this partition's share of " + tokens + " tokens, " + usdc + " USDC)");
    }
}
