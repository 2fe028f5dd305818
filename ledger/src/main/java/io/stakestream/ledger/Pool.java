package io.stakestream.ledger;

import static io.stakestream.ledger.Amounts.INDEX;
import static io.stakestream.ledger.Amounts.SCALE;
import static io.stakestream.ledger.Amounts.big;
import static io.stakestream.ledger.Amounts.dec;
import static io.stakestream.ledger.Amounts.mulDivDown;
import static io.stakestream.ledger.Amounts.mulDivUp;

import io.stakestream.avro.Asset;
import io.stakestream.avro.PendingUnstake;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.RejectReason;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * An operator pool and its accounting [Inference.net pool shares, USDC index; Prover scales].
 *
 * <p>T tokens back S shares; a position of s shares is worth s*T/S, so a token reward raises T and
 * every position compounds at once. Pending unstakes are held in units of a pending scale so a
 * pro-rata slash lowers all of them with one multiplication. USDC accrues into a cumulative
 * per-share index that each position checkpoints. Every division rounds in the pool's favour and
 * the difference goes to dust, so the token balance identity holds exactly after every command:
 * tokensIn + returned = T + pending + commission + dust + free + slashed + paidOut. Tokens and USDC
 * enter only through custody deposits (into free balances) and accruals from the reward vault.
 */
public final class Pool {
    private final PoolState s;

    Pool(PoolState state) {
        this.s = state;
    }

    public static Pool wrap(PoolState state) {
        return new Pool(state);
    }

    public PoolState state() {
        return s;
    }

    public String id() {
        return s.getPoolId();
    }

    public BigInteger totalStake() {
        return big(s.getTotalStake());
    }

    public BigInteger totalShares() {
        return big(s.getTotalShares());
    }

    public BigInteger scale() {
        return big(s.getScale());
    }

    public BigInteger pendingScale() {
        return big(s.getPendingScale());
    }

    public BigInteger pendingUnits() {
        return big(s.getPendingUnits());
    }

    public BigInteger tokenCommission() {
        return big(s.getTokenCommission());
    }

    public BigInteger usdcCommission() {
        return big(s.getUsdcCommission());
    }

    public BigInteger usdcIndex() {
        return big(s.getUsdcIndex());
    }

    public BigInteger usdcBalance() {
        return big(s.getUsdcBalance());
    }

    public BigInteger usdcSettled() {
        return big(s.getUsdcSettled());
    }

    public BigInteger minSelfStake() {
        return big(s.getMinSelfStake());
    }

    public ByteBuffer operatorAccount() {
        return s.getOperatorAccount();
    }

    public boolean isOperator(ByteBuffer account) {
        return Accounts.same(account, s.getOperatorAccount());
    }

    public boolean isAdmin(ByteBuffer account) {
        return Accounts.same(account, s.getAdmin());
    }

    public PoolStatus status() {
        return s.getStatus();
    }

    /** Tokens waiting in the pool's pending unstakes, at the current pending scale. */
    public BigInteger pendingValue() {
        return mulDivDown(pendingUnits(), pendingScale(), SCALE);
    }

    /** What s shares are worth now, rounded down. */
    public BigInteger valueOf(BigInteger shares) {
        BigInteger S = totalShares();
        return S.signum() == 0 ? BigInteger.ZERO : mulDivDown(shares, totalStake(), S);
    }

    /** Shares to burn to take out amount tokens, rounded up. */
    public BigInteger sharesFor(BigInteger amount) {
        BigInteger T = totalStake();
        Rejected.unless(T.signum() > 0, RejectReason.INSUFFICIENT_SHARES, "pool '" + id() + "' has no stake to take out");
        return mulDivUp(amount, totalShares(), T);
    }

    /** The pending-unstake value of one entry. */
    public BigInteger pendingValueOf(PendingUnstake e) {
        return mulDivDown(big(e.getUnits()), pendingScale(), SCALE);
    }

    // ---- USDC ----

    /**
     * Brings a position's owed USDC up to the index and hands it the shares of its converted
     * entries; must run before its shares change.
     */
    public void settle(Position p) {
        BigInteger delta = usdcIndex().subtract(p.usdcCheckpoint());
        owe(p, mulDivDown(p.shares(), delta, INDEX));
        p.usdcCheckpoint(usdcIndex());
        if (!p.entries().isEmpty()) entries().takeConverted(p);
    }

    void owe(Position p, BigInteger usdc) {
        if (usdc.signum() <= 0) return;
        p.usdcOwed(p.usdcOwed().add(usdc));
        s.setUsdcSettled(dec(usdcSettled().add(usdc)));
    }

    /** USDC a position has earned since its checkpoint and not yet settled (rounded down, as settling would). */
    public BigInteger unsettledUsdc(io.stakestream.avro.PositionState p) {
        return mulDivDown(big(p.getShares()), usdcIndex().subtract(big(p.getUsdcCheckpoint())), INDEX);
    }

    /** Splits a USDC reward at the commission rate of the epoch it was earned in: commission to the operator, the rest into the per-share index. */
    public void accrueUsdc(BigInteger usdc, int commissionBps) {
        if (usdc.signum() == 0) return;
        s.setUsdcIn(dec(big(s.getUsdcIn()).add(usdc)));
        BigInteger S = totalShares();
        if (S.signum() == 0) {
            s.setUsdcCommission(dec(usdcCommission().add(usdc)));
            return;
        }
        BigInteger commission = Amounts.bps(usdc, commissionBps);
        BigInteger delegators = usdc.subtract(commission);
        BigInteger delta = mulDivDown(delegators, INDEX, S);
        s.setUsdcCommission(dec(usdcCommission().add(commission)));
        s.setUsdcIndex(dec(usdcIndex().add(delta)));
        s.setUsdcBalance(dec(usdcBalance().add(delegators)));
        s.setUsdcDust(dec(big(s.getUsdcDust()).add(delegators.subtract(mulDivDown(delta, S, INDEX)))));
    }

    /** Pays a position's owed USDC out of the pool; returns the amount. */
    public BigInteger claimUsdc(Position p) {
        BigInteger owed = takeOwedUsdc(p);
        s.setUsdcPaidOut(dec(big(s.getUsdcPaidOut()).add(owed)));
        return owed;
    }

    /** Settles a position and takes everything it is owed out of the pool's USDC. */
    private BigInteger takeOwedUsdc(Position p) {
        settle(p);
        BigInteger owed = p.usdcOwed();
        p.usdcOwed(BigInteger.ZERO);
        s.setUsdcSettled(dec(usdcSettled().subtract(owed)));
        s.setUsdcBalance(dec(usdcBalance().subtract(owed)));
        return owed;
    }

    public BigInteger takeUsdcCommission() {
        BigInteger c = usdcCommission();
        s.setUsdcCommission(dec(BigInteger.ZERO));
        s.setUsdcPaidOut(dec(big(s.getUsdcPaidOut()).add(c)));
        return c;
    }

    /** USDC no position can claim: what rounding left once every share is gone. */
    public BigInteger usdcDust() {
        return usdcBalance().subtract(usdcSettled());
    }

    public BigInteger sweepUsdcDust() {
        BigInteger dust = usdcDust();
        s.setUsdcBalance(dec(usdcSettled()));
        s.setUsdcDust(dec(BigInteger.ZERO));
        s.setUsdcPaidOut(dec(big(s.getUsdcPaidOut()).add(dust)));
        return dust;
    }

    // ---- custody: free balances and payouts ----

    /** A custody deposit: the asset enters the pool as the position's free balance. */
    public void deposit(Position p, Asset asset, BigInteger amount) {
        if (asset == Asset.TOKEN) s.setTokensIn(dec(big(s.getTokensIn()).add(amount)));
        else s.setUsdcIn(dec(big(s.getUsdcIn()).add(amount)));
        creditFree(p, asset, amount);
    }

    /** Free balances deposited before the pool existed, taken over when it is created. */
    public void adoptPrefunds(BigInteger tokens, BigInteger usdc) {
        s.setTokensIn(dec(big(s.getTokensIn()).add(tokens)));
        s.setTokensFree(dec(free(Asset.TOKEN).add(tokens)));
        s.setUsdcIn(dec(big(s.getUsdcIn()).add(usdc)));
        s.setUsdcFree(dec(free(Asset.USDC).add(usdc)));
    }

    /** The sum of the positions' free balances of an asset. */
    public BigInteger free(Asset asset) {
        return big(asset == Asset.TOKEN ? s.getTokensFree() : s.getUsdcFree());
    }

    private void creditFree(Position p, Asset asset, BigInteger amount) {
        p.free(asset, p.free(asset).add(amount));
        if (asset == Asset.TOKEN) s.setTokensFree(dec(free(Asset.TOKEN).add(amount)));
        else s.setUsdcFree(dec(free(Asset.USDC).add(amount)));
    }

    private void debitFree(Position p, Asset asset, BigInteger amount) {
        Rejected.unless(p.free(asset).compareTo(amount) >= 0, RejectReason.INSUFFICIENT_BALANCE,
                "the free " + asset.name().toLowerCase() + " balance is " + p.free(asset) + ", less than the " + amount
                        + " asked: deposit through the custody vault first");
        p.free(asset, p.free(asset).subtract(amount));
        if (asset == Asset.TOKEN) s.setTokensFree(dec(free(Asset.TOKEN).subtract(amount)));
        else s.setUsdcFree(dec(free(Asset.USDC).subtract(amount)));
    }

    /** Moves free balance out of the pool as a payout (Withdraw). */
    public void withdraw(Position p, Asset asset, BigInteger amount) {
        debitFree(p, asset, amount);
        if (asset == Asset.TOKEN) payTokens(amount);
        else s.setUsdcPaidOut(dec(big(s.getUsdcPaidOut()).add(amount)));
    }

    /** Keeps tokens that were due (a finished unstake) in the position's free balance instead of paying them. */
    public void keepFree(Position p, BigInteger tokens) {
        creditFree(p, Asset.TOKEN, tokens);
    }

    /** Books a payout as issued and unsettled; returns its sequence number in this pool. */
    public long issuePayout(Asset asset, BigInteger amount) {
        addUnsettled(asset, amount);
        long seq = s.getNextPayoutSeq();
        s.setNextPayoutSeq(seq + 1);
        return seq;
    }

    public BigInteger unsettled(Asset asset) {
        return big(asset == Asset.TOKEN ? s.getTokensUnsettled() : s.getUsdcUnsettled());
    }

    private void addUnsettled(Asset asset, BigInteger amount) {
        if (asset == Asset.TOKEN) s.setTokensUnsettled(dec(unsettled(Asset.TOKEN).add(amount)));
        else s.setUsdcUnsettled(dec(unsettled(Asset.USDC).add(amount)));
    }

    /** Custody sent the payout: it is no longer a liability. */
    public void settlePayout(Asset asset, BigInteger amount) {
        addUnsettled(asset, amount.negate());
    }

    /** Custody could not send the payout: the amount comes back as the payee's free balance. */
    public void failPayout(Position payee, Asset asset, BigInteger amount) {
        addUnsettled(asset, amount.negate());
        creditFree(payee, asset, amount);
        if (asset == Asset.TOKEN) s.setTokensReturned(dec(big(s.getTokensReturned()).add(amount)));
        else s.setUsdcReturned(dec(big(s.getUsdcReturned()).add(amount)));
    }

    /** What has left the pool as payouts (settled or not), net of failed ones that came back. */
    public BigInteger paidOut(Asset asset) {
        if (asset == Asset.USDC) return big(s.getUsdcPaidOut()).subtract(big(s.getUsdcReturned()));
        // burned and treasury parts of slashes are payouts too; the redistributed part went to the reward vault
        return big(s.getTokensPaidOut()).add(big(s.getTokensSlashed())).subtract(big(s.getTokensRedistributed()))
                .subtract(big(s.getTokensReturned()));
    }

    // ---- tokens ----

    /** Stakes tokens from a position's free balance; returns the shares minted (rounded down, never zero). */
    public BigInteger stake(Position p, BigInteger amount) {
        debitFree(p, Asset.TOKEN, amount);
        return mint(p, amount);
    }

    /**
     * Stakes new tokens, or holds them as an entry of epoch {@code epoch} while the pool still owes
     * a closed epoch's reward (they must earn nothing from it); returns the shares minted now (0 if held).
     */
    public BigInteger stakeOrHold(Position p, BigInteger amount, long epoch, int maxEntries) {
        if (!owesReward()) return stake(p, amount);
        requireMintable(amount);
        debitFree(p, Asset.TOKEN, amount);
        entries().hold(p, amount, epoch, maxEntries);
        return BigInteger.ZERO;
    }

    /** Mints shares for tokens already counted in the pool (re-stake, auto-staked commission). */
    private BigInteger mint(Position p, BigInteger amount) {
        settle(p);
        BigInteger T = totalStake();
        BigInteger S = totalShares();
        if (S.signum() == 0 && T.signum() > 0) {
            // what rounding left behind belongs to nobody; it must not go to whoever stakes next
            addTokenDust(T);
            T = BigInteger.ZERO;
        }
        Rejected.unless(S.signum() == 0 || T.signum() > 0, RejectReason.POOL_NOT_ACTIVE,
                "pool '" + id() + "' has shares but no stake left: it cannot take new stake");
        BigInteger minted = S.signum() == 0 ? amount : mulDivDown(amount, S, T);
        Rejected.unless(minted.signum() > 0, RejectReason.ZERO_SHARES,
                "staking " + amount + " would mint zero shares at the current price: stake more");
        s.setTotalStake(dec(T.add(amount)));
        s.setTotalShares(dec(S.add(minted)));
        p.shares(p.shares().add(minted));
        return minted;
    }

    /** Burns shares of a position at the current price; returns the tokens they were worth (rounded down). */
    public BigInteger burn(Position p, BigInteger shares) {
        Rejected.unless(shares.signum() > 0, RejectReason.ZERO_AMOUNT, "unstake at least one share");
        Rejected.unless(p.shares().compareTo(shares) >= 0, RejectReason.INSUFFICIENT_SHARES,
                "position holds " + p.shares() + " shares, fewer than the " + shares + " asked");
        settle(p);
        BigInteger amount = valueOf(shares);
        s.setTotalStake(dec(totalStake().subtract(amount)));
        s.setTotalShares(dec(totalShares().subtract(shares)));
        p.shares(p.shares().subtract(shares));
        return amount;
    }

    /** Burns the shares worth exactly amount, rounded up, so the pool keeps any fraction. */
    public BigInteger burnForAmount(Position p, BigInteger amount) {
        BigInteger shares = sharesFor(amount);
        Rejected.unless(p.shares().compareTo(shares) >= 0, RejectReason.INSUFFICIENT_SHARES,
                "position is worth " + valueOf(p.shares()) + ", less than the " + amount + " asked");
        settle(p);
        s.setTotalStake(dec(totalStake().subtract(amount)));
        s.setTotalShares(dec(totalShares().subtract(shares)));
        p.shares(p.shares().subtract(shares));
        return shares;
    }

    /** Moves tokens into a pending unstake; the units' value never exceeds amount, the rest is dust. */
    public PendingUnstake queueUnstake(Position p, BigInteger amount, long now, long availableAt) {
        BigInteger before = pendingValue();
        BigInteger ps = pendingScale();
        BigInteger units = ps.equals(SCALE) ? amount : mulDivDown(amount, SCALE, ps);
        s.setPendingUnits(dec(pendingUnits().add(units)));
        addTokenDust(amount.subtract(pendingValue().subtract(before)));
        long id = s.getNextUnstakeId();
        s.setNextUnstakeId(id + 1);
        PendingUnstake e = PendingUnstake.newBuilder().setId(id).setUnits(dec(units))
                .setRequestedAt(now).setAvailableAt(availableAt).build();
        p.pending().add(e);
        return e;
    }

    /** Takes an entry out of the pending pool; returns its value (rounded down, remainder to dust). */
    public BigInteger releasePending(Position p, PendingUnstake e) {
        BigInteger before = pendingValue();
        BigInteger value = pendingValueOf(e);
        s.setPendingUnits(dec(pendingUnits().subtract(big(e.getUnits()))));
        addTokenDust(before.subtract(pendingValue()).subtract(value));
        p.pending().remove(e);
        return value;
    }

    /** Re-stakes a cancelled pending unstake at the current price, or holds it as an entry while a reward is owed. */
    public BigInteger restake(Position p, PendingUnstake e, long epoch, int maxEntries) {
        BigInteger value = releasePending(p, e);
        Rejected.unless(value.signum() > 0, RejectReason.ZERO_AMOUNT, "the pending unstake is worth nothing after slashing");
        if (!owesReward()) return mint(p, value);
        requireMintable(value);
        entries().hold(p, value, epoch, maxEntries);
        return BigInteger.ZERO;
    }

    /** Refuses an entry that would mint zero shares at today's price. */
    private void requireMintable(BigInteger amount) {
        Rejected.unless(wouldMint(amount), RejectReason.ZERO_SHARES,
                "staking " + amount + " would mint zero shares at the current price: stake more");
    }

    /** Mints shares for a whole entry bucket at today's price; returns them (0 when the price leaves none: the tokens become dust). */
    BigInteger mintForEntries(BigInteger amount) {
        BigInteger T = totalStake();
        BigInteger S = totalShares();
        if (S.signum() == 0 && T.signum() > 0) {
            addTokenDust(T);
            T = BigInteger.ZERO;
        }
        BigInteger minted = S.signum() == 0 ? amount : T.signum() == 0 ? BigInteger.ZERO : mulDivDown(amount, S, T);
        if (minted.signum() == 0) {
            addTokenDust(amount);
            return minted;
        }
        s.setTotalStake(dec(T.add(amount)));
        s.setTotalShares(dec(S.add(minted)));
        return minted;
    }

    public void payTokens(BigInteger amount) {
        s.setTokensPaidOut(dec(big(s.getTokensPaidOut()).add(amount)));
    }

    /**
     * Splits a token reward at the commission rate of the epoch it was earned in: commission to the
     * operator (auto-staked into the operator's position when the pool says so, as an entry of
     * {@code epoch} while a reward is still owed), the rest raises T. With no shares the whole
     * reward is the operator's.
     */
    public void accrueTokens(BigInteger reward, Position operator, int commissionBps, long epoch) {
        if (reward.signum() == 0) return;
        s.setTokensIn(dec(big(s.getTokensIn()).add(reward)));
        BigInteger commission;
        if (totalShares().signum() == 0) {
            commission = reward;
        } else {
            commission = Amounts.bps(reward, commissionBps);
            s.setTotalStake(dec(totalStake().add(reward.subtract(commission))));
        }
        if (commission.signum() == 0) return;
        if (s.getAutoStakeCommission() && operator != null && wouldMint(commission)) {
            if (owesReward()) entries().hold(operator, commission, epoch, Integer.MAX_VALUE);
            else mint(operator, commission);
        } else {
            s.setTokenCommission(dec(tokenCommission().add(commission)));
        }
    }

    private boolean wouldMint(BigInteger amount) {
        BigInteger S = totalShares();
        return S.signum() == 0 || mulDivDown(amount, S, totalStake()).signum() > 0;
    }

    public BigInteger takeTokenCommission() {
        BigInteger c = tokenCommission();
        s.setTokenCommission(dec(BigInteger.ZERO));
        payTokens(c);
        return c;
    }

    void addTokenDust(BigInteger amount) {
        s.setTokenDust(dec(big(s.getTokenDust()).add(amount)));
    }

    public BigInteger tokenDust() {
        return big(s.getTokenDust());
    }

    /** Takes the pool's token rounding dust out as a payout (to the treasury, at each epoch close) [Prover]. */
    public BigInteger takeTokenDust() {
        BigInteger dust = tokenDust();
        s.setTokenDust(dec(BigInteger.ZERO));
        payTokens(dust);
        return dust;
    }

    // ---- slashing ----

    /** A slash against the pool is proposed and neither executed nor cancelled yet. */
    public boolean slashProposed() {
        return s.getProposedSlashes() > 0;
    }

    public void slashOpened() {
        s.setProposedSlashes(s.getProposedSlashes() + 1);
    }

    public void slashClosed() {
        s.setProposedSlashes(s.getProposedSlashes() - 1);
    }

    /** What backs the pool's shares and pending unstakes: the value a slash scale measures. */
    public BigInteger stakedValue() {
        return totalStake().add(pendingValue());
    }

    /** What a position has waiting in its pending unstakes (at most 10 entries). */
    public BigInteger pendingValueOf(Position p) {
        BigInteger v = BigInteger.ZERO;
        for (PendingUnstake e : p.pending()) v = v.add(pendingValueOf(e));
        return v;
    }

    /** What an OPERATOR_ONLY slash measures its fraction against: active, pending and unwithdrawn commission. */
    public BigInteger operatorAtStake(Position operator) {
        return valueOf(operator.shares()).add(pendingValueOf(operator)).add(tokenCommission());
    }

    /**
     * What a slash took, before it is split. kept is the part returned to the stakers, already back
     * where it belongs; the rest leaves the pool.
     */
    public record Cut(BigInteger fromActive, BigInteger fromPending, BigInteger fromCommission, BigInteger sharesBurned, BigInteger kept) {
        public BigInteger total() {
            return fromActive.add(fromPending).add(fromCommission);
        }
    }

    /** How the tokens that left the pool are split; with the returned part they add up to the slash. */
    public record Split(BigInteger burned, BigInteger redistributed, BigInteger returned, BigInteger treasury) {}

    /**
     * PRO_RATA [Prover]: every stake and every pending unstake loses the same fraction through one
     * change of T and of the pending scale; no position is touched, whatever their number. The
     * returned part is never taken: the net fraction, ppm less its returned share, applies to active
     * and pending alike, so returning it cannot move value from pending unstakes to active stake.
     * The gross parts say what the full fraction would have taken; kept is the difference.
     */
    public Cut slashProRata(int ppm, int returnBps) {
        BigInteger grossKeep = Amounts.PPM.subtract(BigInteger.valueOf(ppm));
        BigInteger den = Amounts.PPM.multiply(Amounts.BPS);
        BigInteger netKeep = den.subtract(BigInteger.valueOf(ppm).multiply(Amounts.BPS.subtract(BigInteger.valueOf(returnBps))));
        BigInteger T = totalStake();
        BigInteger ps = pendingScale();
        BigInteger pendingBefore = pendingValue();
        BigInteger grossActive = T.subtract(mulDivUp(T, grossKeep, Amounts.PPM));
        BigInteger grossPending = pendingBefore.subtract(mulDivDown(pendingUnits(), mulDivDown(ps, grossKeep, Amounts.PPM), SCALE));
        // stakers keep the rounding of T (up); pending entries round down with the scale, never above what the pool holds
        s.setTotalStake(dec(mulDivUp(T, netKeep, den)));
        s.setPendingScale(dec(mulDivDown(ps, netKeep, den)));
        BigInteger taken = T.subtract(totalStake()).add(pendingBefore.subtract(pendingValue()));
        BigInteger gross = grossActive.add(grossPending);
        return new Cut(grossActive, grossPending, BigInteger.ZERO, BigInteger.ZERO, gross.subtract(taken));
    }

    /**
     * OPERATOR_ONLY [Inference.net]: the same fraction of each thing the operator has at stake, its
     * shares (burned at the current price, rounded so the price cannot fall), its pending unstakes
     * until claimed [Prover] and its unwithdrawn token commission; each part rounds down, so one
     * slash never takes more than its fraction. Delegators keep their value. The returned part goes
     * back to T, shared by every remaining share. O(1): at most 10 pending entries.
     */
    public Cut slashOperator(Position operator, int ppm, int returnBps) {
        BigInteger fraction = BigInteger.valueOf(ppm);
        BigInteger fromActive = mulDivDown(valueOf(operator.shares()), fraction, Amounts.PPM);
        BigInteger burned = fromActive.signum() == 0 ? BigInteger.ZERO : burnForAmount(operator, fromActive);
        BigInteger pendingBefore = pendingValue();
        for (PendingUnstake e : operator.pending()) {
            BigInteger cut = mulDivDown(big(e.getUnits()), fraction, Amounts.PPM);
            e.setUnits(dec(big(e.getUnits()).subtract(cut)));
            s.setPendingUnits(dec(pendingUnits().subtract(cut)));
        }
        BigInteger fromPending = pendingBefore.subtract(pendingValue());
        BigInteger fromCommission = mulDivDown(tokenCommission(), fraction, Amounts.PPM);
        s.setTokenCommission(dec(tokenCommission().subtract(fromCommission)));
        BigInteger total = fromActive.add(fromPending).add(fromCommission);
        BigInteger returned = totalShares().signum() > 0 ? Amounts.bps(total, returnBps) : BigInteger.ZERO;
        s.setTotalStake(dec(totalStake().add(returned)));
        return new Cut(fromActive, fromPending, fromCommission, burned, returned);
    }

    /** Takes the operator's owed USDC and the pool's USDC commission [Inference.net]; returns the total. */
    public BigInteger confiscateUsdc(Position operator) {
        BigInteger total = takeOwedUsdc(operator).add(usdcCommission());
        s.setUsdcCommission(dec(BigInteger.ZERO));
        s.setUsdcPaidOut(dec(big(s.getUsdcPaidOut()).add(total)));
        return total;
    }

    /**
     * Books a slash: what left the pool is split burn / redistribute / treasury by the configured
     * shares of the whole slash, the treasury taking what rounding leaves, and the slash scale falls
     * by what the pool is worth now against before, after the returned part [Prover 20% floor].
     */
    public Split bookSlash(Cut cut, io.stakestream.avro.SlashSplit split, BigInteger valueBefore) {
        BigInteger total = cut.total();
        BigInteger leaving = total.subtract(cut.kept());
        BigInteger burned = Amounts.bps(total, split.getBurnBps()).min(leaving);
        BigInteger redistributed = Amounts.bps(total, split.getRedistributeBps()).min(leaving.subtract(burned));
        s.setTokensSlashed(dec(big(s.getTokensSlashed()).add(leaving)));
        s.setRedistributable(dec(big(s.getRedistributable()).add(redistributed)));
        s.setTokensRedistributed(dec(big(s.getTokensRedistributed()).add(redistributed)));
        // never up: under OPERATOR_ONLY the returned share of seized commission can raise the stake
        if (valueBefore.signum() > 0) s.setScale(dec(mulDivDown(scale(), stakedValue().min(valueBefore), valueBefore)));
        return new Split(burned, redistributed, cut.kept(), leaving.subtract(burned).subtract(redistributed));
    }

    // ---- lifecycle ----

    /**
     * Commission and minimum-stake changes wait for their epoch or delay; they apply on first touch
     * after it. The rates they replace are kept for the earlier epochs whose reward is still owed.
     */
    void applyDueChanges(long epoch, long now) {
        if (epoch >= s.getCommissionEffectiveEpoch()) {
            if (s.getNextTokenCommissionBps() != null || s.getNextUsdcCommissionBps() != null) {
                rewards().keepRates(s.getCommissionEffectiveEpoch() - 1, s.getTokenCommissionBps(), s.getUsdcCommissionBps());
            }
            if (s.getNextTokenCommissionBps() != null) {
                s.setTokenCommissionBps(s.getNextTokenCommissionBps());
                s.setNextTokenCommissionBps(null);
            }
            if (s.getNextUsdcCommissionBps() != null) {
                s.setUsdcCommissionBps(s.getNextUsdcCommissionBps());
                s.setNextUsdcCommissionBps(null);
            }
        }
        if (s.getNextMinSelfStake() != null && now >= s.getMinSelfStakeEffectiveAt()) {
            s.setMinSelfStake(s.getNextMinSelfStake());
            s.setNextMinSelfStake(null);
        }
    }

    /** A lower network maximum caps the pool's rates, and those due next, at once. */
    void capCommission(int maxBps) {
        if (s.getTokenCommissionBps() > maxBps) s.setTokenCommissionBps(maxBps);
        if (s.getUsdcCommissionBps() > maxBps) s.setUsdcCommissionBps(maxBps);
        if (s.getNextTokenCommissionBps() != null && s.getNextTokenCommissionBps() > maxBps) s.setNextTokenCommissionBps(maxBps);
        if (s.getNextUsdcCommissionBps() != null && s.getNextUsdcCommissionBps() > maxBps) s.setNextUsdcCommissionBps(maxBps);
        // and the rates kept for epochs whose reward is still owed
        for (io.stakestream.avro.PastCommission c : s.getPastCommissions()) {
            if (c.getTokenCommissionBps() > maxBps) c.setTokenCommissionBps(maxBps);
            if (c.getUsdcCommissionBps() > maxBps) c.setUsdcCommissionBps(maxBps);
        }
    }

    /** Open for new stake: active, not halted (the halt check is the caller's, it depends on the actor). */
    public boolean open() {
        return s.getStatus() == PoolStatus.ACTIVE;
    }

    /** Tokens the pool holds: stake, pending unstakes, commission, dust, free balances and entries waiting for shares. */
    public BigInteger tokensHeld() {
        return totalStake().add(pendingValue()).add(tokenCommission()).add(tokenDust()).add(free(Asset.TOKEN))
                .add(entries().heldTokens());
    }

    /** USDC the pool holds: for positions (settled or not, and dust), commission and free balances. */
    public BigInteger usdcHeld() {
        return usdcBalance().add(usdcCommission()).add(free(Asset.USDC));
    }

    // ---- epoch rewards and entries ----

    /** The pool's owed epochs and rates by epoch. */
    public PoolRewards rewards() {
        return new PoolRewards(s);
    }

    /** The pool's entry buckets. */
    public PoolEntries entries() {
        return new PoolEntries(this);
    }

    /** True while a closed epoch's reward is still owed: new stake must wait for it. */
    public boolean owesReward() {
        return !s.getOwedEpochs().isEmpty();
    }

    /** Tokens that earn from the open epoch on: T plus the entries waiting to become shares. */
    public BigInteger stakeIncludingEntries() {
        return totalStake().add(entries().heldTokens());
    }

    /** The exact token balance identity; true after every command. */
    public boolean tokensBalance() {
        BigInteger held = tokensHeld().add(big(s.getTokensSlashed())).add(big(s.getTokensPaidOut()));
        return big(s.getTokensIn()).add(big(s.getTokensReturned())).equals(held)
                && unsettled(Asset.TOKEN).compareTo(paidOut(Asset.TOKEN)) <= 0;
    }

    /** The exact USDC balance identity. */
    public boolean usdcBalances() {
        BigInteger held = usdcHeld().add(big(s.getUsdcPaidOut()));
        return big(s.getUsdcIn()).add(big(s.getUsdcReturned())).equals(held) && usdcBalance().compareTo(usdcSettled()) >= 0
                && unsettled(Asset.USDC).compareTo(paidOut(Asset.USDC)) <= 0;
    }
}
