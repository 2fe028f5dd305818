package io.stakestream.ledger;

import io.stakestream.avro.Asset;
import io.stakestream.avro.NetworkState;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.RewardRecordState;
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

    /** One partition's books: its network state (null before initialization), its pools and its reward records. */
    public static Reconciliation of(Asset asset, NetworkState network, Iterable<PoolState> pools, Iterable<RewardRecordState> records) {
        return Books.view(Books.count(network, pools, records), asset);
    }

    public Reconciliation plus(Reconciliation o) {
        Map<String, BigInteger> sum = new LinkedHashMap<>(held);
        o.held.forEach((k, v) -> sum.merge(k, v, BigInteger::add));
        return new Reconciliation(asset, deposited.add(o.deposited), sum, paidSettled.add(o.paidSettled), paidUnsettled.add(o.paidUnsettled));
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
    public static List<Reconciliation> both(NetworkState network, Iterable<PoolState> pools, Iterable<RewardRecordState> records) {
        return Books.views(Books.count(network, pools, records));
    }
}
