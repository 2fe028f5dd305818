package io.stakestream.app.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.avro.PendingUnstake;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PositionState;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Pool;
import java.math.BigInteger;

/** What the REST API adds to raw state: values at the current share price and unsettled USDC. */
final class Views {

    private Views() {
    }

    static ObjectNode pool(PoolState state) {
        return AvroJson.record(state);
    }

    /**
     * A position with its token value (shares, with those of its converted entries, * T / S), its pending unstakes at today's value
     * (units * pendingScale / 1e18, lowered by pro-rata slashes) and the USDC it is owed, settled
     * plus unsettled: shares * (index - checkpoint) / 1e36.
     */
    static ObjectNode position(PositionState position, PoolState poolState) {
        Pool pool = Pool.wrap(poolState);
        BigInteger shares = Amounts.big(position.getShares());
        BigInteger unsettled = pool.unsettledUsdc(position);
        BigInteger settled = Amounts.big(position.getUsdcOwed());
        ObjectNode out = AvroJson.record(position);
        // shares of entries the pool already minted count as the position's; entries still waiting show as tokens
        out.put("value", pool.valueOf(shares.add(pool.entries().convertedSharesOf(position))).toString());
        out.put("usdcUnsettled", unsettled.toString());
        out.put("usdcOwedTotal", settled.add(unsettled).toString());
        out.put("poolStatus", poolState.getStatus().name());
        ArrayNode pending = out.putArray("pending");
        BigInteger pendingTotal = BigInteger.ZERO;
        for (PendingUnstake e : position.getPending()) {
            BigInteger value = pool.pendingValueOf(e);
            pendingTotal = pendingTotal.add(value);
            ObjectNode p = AvroJson.record(e);
            p.put("value", value.toString());
            pending.add(p);
        }
        out.put("pendingValue", pendingTotal.toString());
        return out;
    }
}
