package io.stakestream.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Human amounts and base units: a token has 18 decimals, USDC 6. The ledger only ever sees
 * whole base units; people type and read "1500.25".
 */
public final class Units {

    public static final int TOKEN_DECIMALS = 18;
    public static final int USDC_DECIMALS = 6;

    private Units() {
    }

    public static BigDecimal tokens(String human) {
        return parse(human, TOKEN_DECIMALS, "tokens");
    }

    public static BigDecimal usdc(String human) {
        return parse(human, USDC_DECIMALS, "USDC");
    }

    public static BigDecimal tokens(long whole) {
        return BigDecimal.valueOf(whole).movePointRight(TOKEN_DECIMALS);
    }

    /** Whole cents, so no binary fraction ever comes near an amount. */
    public static BigDecimal usdcCents(long cents) {
        return BigDecimal.valueOf(cents).movePointRight(USDC_DECIMALS - 2);
    }

    static BigDecimal parse(String human, int decimals, String what) {
        BigDecimal v;
        try {
            v = new BigDecimal(human.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("'" + human + "' is not an amount of " + what + " (e.g. 1500 or 12.5)");
        }
        if (v.signum() < 0) {
            throw new UsageException("amounts are not negative: " + human);
        }
        BigDecimal base = v.movePointRight(decimals);
        if (base.stripTrailingZeros().scale() > 0) {
            throw new UsageException(what + " have " + decimals + " decimals; '" + human + "' has more");
        }
        return base.setScale(0, RoundingMode.UNNECESSARY);
    }

    /** "12,345.6789" with at most {@code shown} decimals (cut, never rounded up). */
    public static String format(BigInteger baseUnits, int decimals, int shown) {
        BigDecimal v = new BigDecimal(baseUnits).movePointLeft(decimals).setScale(shown, RoundingMode.DOWN);
        String s = String.format("%,." + shown + "f", v);
        if (shown > 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        if (s.equals("0") && baseUnits.signum() != 0) {
            return baseUnits + " base unit" + (baseUnits.equals(BigInteger.ONE) ? "" : "s"); // dust, not nothing
        }
        return s;
    }

    public static String tokens(BigInteger baseUnits) {
        return format(baseUnits, TOKEN_DECIMALS, 4);
    }

    public static String usdc(BigInteger baseUnits) {
        return format(baseUnits, USDC_DECIMALS, 2);
    }

    public static String tokens(BigDecimal baseUnits) {
        return tokens(baseUnits.toBigInteger());
    }

    public static String usdc(BigDecimal baseUnits) {
        return usdc(baseUnits.toBigInteger());
    }
}
