package io.stakestream.ledger;

import io.stakestream.avro.RejectReason;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact integer amounts in the uint256 range. Avro carries them as decimal(78,0); the ledger
 * computes with BigInteger and checks the range every time a value goes back into state, so an
 * overflow becomes a rejection instead of a wrong number.
 */
public final class Amounts {
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    /** Fixed point of slash scales [Prover SCALE_FACTOR]. */
    public static final BigInteger SCALE = BigInteger.TEN.pow(18);
    /** Fixed point of the USDC-per-share index: 1e36 keeps precision when shares are 1e18-based. */
    public static final BigInteger INDEX = BigInteger.TEN.pow(36);
    public static final BigInteger BPS = BigInteger.valueOf(10_000);
    public static final BigInteger PPM = BigInteger.valueOf(1_000_000);

    private Amounts() {}

    /** A value read from state or input; null reads as zero. */
    public static BigInteger big(BigDecimal d) {
        if (d == null) return BigInteger.ZERO;
        if (d.scale() > 0 && d.stripTrailingZeros().scale() > 0) {
            throw new Rejected(RejectReason.INVALID_ARGUMENT, "amount " + d.toPlainString() + " is not a whole number of base units");
        }
        return d.toBigInteger();
    }

    /** A value going into state: must be within 0..2^256-1. */
    public static BigDecimal dec(BigInteger v) {
        if (v.signum() < 0) throw new Rejected(RejectReason.NEGATIVE_AMOUNT, "result would be negative: " + v);
        if (v.compareTo(MAX) > 0) throw new Rejected(RejectReason.OVERFLOW, "result exceeds 2^256-1");
        return new BigDecimal(v);
    }

    public static BigDecimal zero() {
        return BigDecimal.ZERO;
    }

    /** An input amount that must be strictly positive and in range. */
    public static BigInteger positive(BigDecimal d, String what) {
        BigInteger v = nonNegative(d, what);
        if (v.signum() == 0) throw new Rejected(RejectReason.ZERO_AMOUNT, what + " must be greater than zero");
        return v;
    }

    /** An input amount that may be zero but must be in range. */
    public static BigInteger nonNegative(BigDecimal d, String what) {
        if (d == null) throw new Rejected(RejectReason.INVALID_ARGUMENT, what + " is missing");
        BigInteger v = big(d);
        if (v.signum() < 0) throw new Rejected(RejectReason.NEGATIVE_AMOUNT, what + " must not be negative: " + v);
        if (v.compareTo(MAX) > 0) throw new Rejected(RejectReason.OVERFLOW, what + " exceeds 2^256-1");
        return v;
    }

    public static BigInteger mulDivDown(BigInteger a, BigInteger b, BigInteger d) {
        return a.multiply(b).divide(d);
    }

    public static BigInteger mulDivUp(BigInteger a, BigInteger b, BigInteger d) {
        BigInteger[] qr = a.multiply(b).divideAndRemainder(d);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** Succeeded over all jobs in parts per million, rounded down; no jobs counts as a full 1e6. */
    public static long ratioPpm(long succeeded, long jobs) {
        return jobs == 0 ? 1_000_000 : succeeded * 1_000_000 / jobs;
    }

    public static BigInteger bps(BigInteger amount, int bps) {
        return mulDivDown(amount, BigInteger.valueOf(bps), BPS);
    }
}
