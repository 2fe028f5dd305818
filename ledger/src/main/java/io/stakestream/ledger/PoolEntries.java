package io.stakestream.ledger;

import static io.stakestream.ledger.Amounts.INDEX;
import static io.stakestream.ledger.Amounts.big;
import static io.stakestream.ledger.Amounts.dec;
import static io.stakestream.ledger.Amounts.mulDivDown;

import io.stakestream.avro.EntryBucket;
import io.stakestream.avro.PendingEntry;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.RejectReason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * No reward sniping: stake that enters while a closed epoch's reward is still owed waits in the
 * bucket of the epoch it entered in, out of T, so it cannot share that reward. When the last
 * owed epoch before the bucket's pays, the whole bucket is minted into shares at once, at the
 * price that reward left, in O(1) whatever the number of entrants; each entrant takes its part of
 * the shares (pro rata to its tokens, the last one takes the rest, so nothing is lost to
 * rounding) and the USDC they earned since, on its next touch.
 */
public final class PoolEntries {
    private final Pool pool;
    private final PoolState s;

    PoolEntries(Pool pool) {
        this.pool = pool;
        this.s = pool.state();
    }

    private List<EntryBucket> buckets() {
        if (!(s.getEntryBuckets() instanceof ArrayList)) s.setEntryBuckets(new ArrayList<>(s.getEntryBuckets()));
        return s.getEntryBuckets();
    }

    /** Tokens waiting in buckets not yet converted; counted in the pool's token balance. */
    public BigInteger heldTokens() {
        BigInteger held = BigInteger.ZERO;
        for (EntryBucket b : s.getEntryBuckets()) {
            if (!b.getConverted()) held = held.add(big(b.getTokens()));
        }
        return held;
    }

    /** Shares minted for entrants and not yet taken by them; counted in S. */
    public BigInteger unclaimedShares() {
        BigInteger shares = BigInteger.ZERO;
        for (EntryBucket b : s.getEntryBuckets()) shares = shares.add(big(b.getShares()));
        return shares;
    }

    /** USDC the unclaimed shares earned since they were minted (rounded down, as taking them would). */
    public BigInteger unclaimedUsdc() {
        BigInteger usdc = BigInteger.ZERO;
        for (EntryBucket b : s.getEntryBuckets()) {
            usdc = usdc.add(mulDivDown(big(b.getShares()), pool.usdcIndex().subtract(big(b.getUsdcCheckpoint())), INDEX));
        }
        return usdc;
    }

    /** The shares a position would take from its converted entries now (what its next touch hands it). */
    public BigInteger convertedSharesOf(io.stakestream.avro.PositionState p) {
        BigInteger shares = BigInteger.ZERO;
        for (PendingEntry e : p.getEntries()) {
            EntryBucket b = bucket(e.getEpoch());
            if (b == null || !b.getConverted()) continue;
            BigInteger tokens = big(e.getTokens());
            shares = shares.add(tokens.equals(big(b.getTokens())) ? big(b.getShares()) : mulDivDown(tokens, big(b.getShares()), big(b.getTokens())));
        }
        return shares;
    }

    /** Puts tokens (already counted in tokensIn) into the position's entry of this epoch. */
    void hold(Position p, BigInteger amount, long epoch, int maxEntries) {
        EntryBucket bucket = bucket(epoch);
        if (bucket == null) {
            bucket = EntryBucket.newBuilder().setEpoch(epoch).setTokens(Amounts.zero()).setShares(Amounts.zero())
                    .setUsdcCheckpoint(Amounts.zero()).build();
            buckets().add(bucket);
        }
        PendingEntry entry = p.entries().stream().filter(e -> e.getEpoch() == epoch).findFirst().orElse(null);
        if (entry == null) {
            Rejected.unless(p.entries().size() < maxEntries, RejectReason.TOO_MANY_PENDING,
                    "this position already waits with " + p.entries().size() + " entries for owed rewards: stake again once they land");
            entry = PendingEntry.newBuilder().setEpoch(epoch).setTokens(Amounts.zero()).build();
            p.entries().add(entry);
        }
        entry.setTokens(dec(big(entry.getTokens()).add(amount)));
        bucket.setTokens(dec(big(bucket.getTokens()).add(amount)));
    }

    /** Mints every bucket no owed epoch precedes: called after an owed epoch's reward landed. */
    public void convertDue() {
        long oldest = pool.rewards().oldestOwed();
        for (EntryBucket b : s.getEntryBuckets()) {
            if (b.getConverted() || (oldest >= 0 && b.getEpoch() > oldest)) continue;
            b.setShares(dec(pool.mintForEntries(big(b.getTokens()))));
            b.setUsdcCheckpoint(dec(pool.usdcIndex()));
            b.setConverted(true);
        }
    }

    /** Hands a position the shares of its converted entries, with the USDC they earned since minting. */
    void takeConverted(Position p) {
        for (Iterator<PendingEntry> it = p.entries().iterator(); it.hasNext(); ) {
            PendingEntry e = it.next();
            EntryBucket b = bucket(e.getEpoch());
            if (b == null || !b.getConverted()) continue;
            BigInteger tokens = big(e.getTokens());
            BigInteger left = big(b.getTokens());
            BigInteger sharesLeft = big(b.getShares());
            BigInteger shares = tokens.equals(left) ? sharesLeft : mulDivDown(tokens, sharesLeft, left);
            pool.owe(p, mulDivDown(shares, pool.usdcIndex().subtract(big(b.getUsdcCheckpoint())), INDEX));
            p.shares(p.shares().add(shares));
            b.setTokens(dec(left.subtract(tokens)));
            b.setShares(dec(sharesLeft.subtract(shares)));
            if (b.getTokens().signum() == 0) buckets().remove(b);
            it.remove();
        }
    }

    private EntryBucket bucket(long epoch) {
        for (EntryBucket b : s.getEntryBuckets()) {
            if (b.getEpoch() == epoch) return b;
        }
        return null;
    }
}
