package io.stakestream.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stakestream.avro.RejectReason;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import org.junit.jupiter.api.Test;

/** The uint256 range, whole base units, and the two rounding directions every rule relies on. */
class AmountsTest {
    static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    static RejectReason refusal(Runnable r) {
        try {
            r.run();
        } catch (Rejected e) {
            return e.reason();
        }
        return null;
    }

    @Test
    void inputAmountsAreWholeBaseUnitsInTheUint256Range() {
        assertThat(Amounts.positive(new BigDecimal(MAX), "stake")).isEqualTo(MAX);
        assertThat(refusal(() -> Amounts.positive(new BigDecimal(MAX.add(BigInteger.ONE)), "stake"))).isEqualTo(RejectReason.OVERFLOW);
        assertThat(Amounts.positive(BigDecimal.ONE, "stake")).isEqualTo(BigInteger.ONE);
        assertThat(refusal(() -> Amounts.positive(BigDecimal.ZERO, "stake"))).isEqualTo(RejectReason.ZERO_AMOUNT);
        assertThat(refusal(() -> Amounts.positive(BigDecimal.valueOf(-1), "stake"))).isEqualTo(RejectReason.NEGATIVE_AMOUNT);
        assertThat(refusal(() -> Amounts.positive(null, "stake"))).isEqualTo(RejectReason.INVALID_ARGUMENT);
        assertThat(Amounts.nonNegative(BigDecimal.ZERO, "fee")).isZero();
        assertThat(refusal(() -> Amounts.nonNegative(BigDecimal.valueOf(-1), "fee"))).isEqualTo(RejectReason.NEGATIVE_AMOUNT);
        assertThat(refusal(() -> Amounts.nonNegative(new BigDecimal(MAX.add(BigInteger.ONE)), "fee"))).isEqualTo(RejectReason.OVERFLOW);
        assertThat(Amounts.nonNegative(new BigDecimal(MAX), "fee")).isEqualTo(MAX);
    }

    @Test
    void aFractionOfABaseUnitIsRefusedNotTruncated() {
        assertThat(refusal(() -> Amounts.positive(new BigDecimal("1.5"), "stake"))).isEqualTo(RejectReason.INVALID_ARGUMENT);
        assertThat(refusal(() -> Amounts.big(new BigDecimal("0.000000000000000001")))).isEqualTo(RejectReason.INVALID_ARGUMENT);
        // the same whole number written with a scale is still that number
        assertThat(Amounts.big(new BigDecimal("2.000"))).isEqualTo(BigInteger.TWO);
        assertThat(Amounts.big(new BigDecimal("1E+3"))).isEqualTo(BigInteger.valueOf(1_000));
        assertThat(Amounts.big(null)).isZero();
    }

    @Test
    void valuesGoingIntoStateStayInRange() {
        assertThat(Amounts.dec(MAX)).isEqualTo(new BigDecimal(MAX));
        assertThat(Amounts.dec(BigInteger.ZERO)).isEqualTo(BigDecimal.ZERO);
        assertThatThrownBy(() -> Amounts.dec(MAX.add(BigInteger.ONE))).isInstanceOf(Rejected.class)
                .extracting(e -> ((Rejected) e).reason()).isEqualTo(RejectReason.OVERFLOW);
        assertThatThrownBy(() -> Amounts.dec(BigInteger.valueOf(-1))).isInstanceOf(Rejected.class)
                .extracting(e -> ((Rejected) e).reason()).isEqualTo(RejectReason.NEGATIVE_AMOUNT);
    }

    @Test
    void indivisibleDivisionsRoundEachWayByExactlyOne() {
        assertThat(Amounts.mulDivDown(BigInteger.TEN, BigInteger.ONE, BigInteger.valueOf(3))).isEqualTo(BigInteger.valueOf(3));
        assertThat(Amounts.mulDivUp(BigInteger.TEN, BigInteger.ONE, BigInteger.valueOf(3))).isEqualTo(BigInteger.valueOf(4));
        assertThat(Amounts.mulDivUp(BigInteger.valueOf(9), BigInteger.ONE, BigInteger.valueOf(3))).isEqualTo(BigInteger.valueOf(3));
        assertThat(Amounts.bps(BigInteger.valueOf(9_999), 2_000)).isEqualTo(BigInteger.valueOf(1_999)); // 1999.8 down
        assertThat(Amounts.ratioPpm(0, 0)).isEqualTo(1_000_000);
        assertThat(Amounts.ratioPpm(2, 3)).isEqualTo(666_666);
        assertThat(Amounts.ratioPpm(3, 3)).isEqualTo(1_000_000);
    }

    @Property(tries = 300)
    void roundingBracketsTheExactQuotient(@ForAll @BigRange(min = "0", max = "1000000000000000000000000000000") BigInteger a,
                                          @ForAll @BigRange(min = "0", max = "1000000000000000000000000000000") BigInteger b,
                                          @ForAll @BigRange(min = "1", max = "1000000000000000000000") BigInteger d) {
        BigInteger down = Amounts.mulDivDown(a, b, d);
        BigInteger up = Amounts.mulDivUp(a, b, d);
        BigInteger product = a.multiply(b);
        assertThat(down.multiply(d)).isLessThanOrEqualTo(product);
        assertThat(down.add(BigInteger.ONE).multiply(d)).isGreaterThan(product);
        assertThat(up.multiply(d)).isGreaterThanOrEqualTo(product);
        assertThat(up.subtract(down)).isEqualTo(product.mod(d).signum() == 0 ? BigInteger.ZERO : BigInteger.ONE);
    }
}
