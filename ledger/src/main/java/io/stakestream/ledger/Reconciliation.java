package io.stakestream.ledger;

import io.stakestream.avro.Asset;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.PoolState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The custody identity of one asset: everything deposited (into pools, ahead of pools, into the
 * reward vault) is held by the ledger or was paid out, settled or not. Each partition balances on
 * its own (its vault holds its share of every funding), so partitions and instances add up with
 * {@link #plus}. Held parts, by name: stake, entries, pending, commission, dust, free, positions (USDC the
 * positions own, claimed or not), vault.
 */
public record Reconciliation(Asset asset, BigInteger deposited, Map<String, BigInteger> held,
                             BigInteger paidSettled, BigInteger paidUnsettled) {

    public static final List<String> TOKEN_PARTS = List.of("stake", "entries", "pending", "commission", "dust", "free", "vault");
    public static final List<String> USDC_PARTS = List.of("positions", "commission", "free", "vault");

    public static Reconciliation empty(Asset asset) {
        Map<String, BigInteger> held = new LinkedHashMap<>();
        (asset == Asset.TOKEN ? TOKEN_PARTS : USDC_PARTS).forEach(k -> held.put(k, BigInteger.ZERO));
        return new Reconciliation(asset, BigInteger.ZERO, held, BigInteger.ZERO, BigInteger.ZERO);
    }

    /** One partition's books: its network state (null before initialization) and its pools. */
    public static Reconciliation of(Asset asset, NetworkState network, Iterable<PoolState> pools) {
        Reconciliation r = empty(asset);
        Map<String, BigInteger> held = new LinkedHashMap<>(r.held());
        BigInteger deposited = BigInteger.ZERO;
        BigInteger paid = BigInteger.ZERO;
        BigInteger unsettled = BigInteger.ZERO;
        if (network != null) {
            Network n = new Network(network);
            boolean token = asset == Asset.TOKEN;
            deposited = Amounts.big(token ? network.getTokensDeposited() : network.getUsdcDeposited())
                    .add(Amounts.big(token ? network.getTokensFunded() : network.getUsdcFunded()));
            held.merge("free", n.unpooled(asset), BigInteger::add);
            held.merge("vault", n.vault(asset).add(n.reserved(asset)), BigInteger::add);
        }
        for (PoolState s : pools) {
            Pool p = Pool.wrap(s);
            if (asset == Asset.TOKEN) {
                held.merge("stake", p.totalStake(), BigInteger::add);
                // stake that entered after a close and waits for that epoch's reward before it becomes shares
                held.merge("entries", p.entries().heldTokens(), BigInteger::add);
                held.merge("pending", p.pendingValue(), BigInteger::add);
                held.merge("commission", p.tokenCommission(), BigInteger::add);
                held.merge("dust", p.tokenDust(), BigInteger::add);
            } else {
                held.merge("positions", p.usdcBalance(), BigInteger::add);
                held.merge("commission", p.usdcCommission(), BigInteger::add);
            }
            held.merge("free", p.free(asset), BigInteger::add);
            paid = paid.add(p.paidOut(asset));
            unsettled = unsettled.add(p.unsettled(asset));
        }
        return new Reconciliation(asset, deposited, held, paid.subtract(unsettled), unsettled);
    }

    public Reconciliation plus(Reconciliation o) {
        Map<String, BigInteger> sum = new LinkedHashMap<>(held);
        o.held.forEach((k, v) -> sum.merge(k, v, BigInteger::add));
        return new Reconciliation(asset, deposited.add(o.deposited), sum, paidSettled.add(o.paidSettled), paidUnsettled.add(o.paidUnsettled));
    }

    /** The books less another's, part by part (what a command's writes moved them by). */
    public Reconciliation minus(Reconciliation o) {
        Map<String, BigInteger> diff = new LinkedHashMap<>(held);
        o.held.forEach((k, v) -> diff.merge(k, v.negate(), BigInteger::add));
        return new Reconciliation(asset, deposited.subtract(o.deposited), diff, paidSettled.subtract(o.paidSettled),
                paidUnsettled.subtract(o.paidUnsettled));
    }

    /** Every amount zero: nothing deposited, held or paid. */
    public boolean isZero() {
        return deposited.signum() == 0 && paidSettled.signum() == 0 && paidUnsettled.signum() == 0
                && held.values().stream().allMatch(v -> v.signum() == 0);
    }

    public BigInteger heldTotal() {
        return held.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** deposited - (held + paid out); zero when the books balance. */
    public BigInteger difference() {
        return deposited.subtract(heldTotal()).subtract(paidSettled).subtract(paidUnsettled);
    }

    public boolean balanced() {
        return difference().signum() == 0;
    }

    /** Both assets of one partition. */
    public static List<Reconciliation> both(NetworkState network, Iterable<PoolState> pools) {
        List<Reconciliation> out = new ArrayList<>();
        for (Asset a : Asset.values()) out.add(of(a, network, pools));
        return out;
    }
}
