package io.stakestream.ledger.instructions;

import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.RejectReason;
import io.stakestream.ledger.Rejected;

/** Commission rates in basis points, capped by the global maximum; absent means the default (20%). */
final class Commission {
    private Commission() {}

    static int check(Integer bps, GlobalParameters params) {
        int v = bps == null ? params.getDefaultCommissionBps() : bps;
        Rejected.unless(v >= 0, RejectReason.INVALID_ARGUMENT, "commission must not be negative");
        Rejected.unless(v <= params.getMaxCommissionBps(), RejectReason.COMMISSION_TOO_HIGH,
                "commission " + v + " bps is above the network maximum of " + params.getMaxCommissionBps() + " bps");
        return v;
    }
}
