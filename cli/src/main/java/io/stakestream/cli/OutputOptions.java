package io.stakestream.cli;

import java.math.BigDecimal;
import picocli.CommandLine.Option;

/** How amounts are typed and printed: tokens and dollars with decimals, or base units; text or JSON. */
public final class OutputOptions {

    @Option(names = "--json", description = "print JSON (one object; `tail` prints one per line)")
    boolean json;

    @Option(names = "--base-units", description = "amounts in and out are base units (tokens have 18 decimals, USDC 6)")
    boolean baseUnits;

    public boolean json() {
        return json;
    }

    public boolean baseUnits() {
        return baseUnits;
    }

    /** A token amount as typed: "12.5" tokens, or base units with --base-units. */
    public BigDecimal tokens(String typed) {
        return baseUnits ? Units.parse(typed, 0, "token base units") : Units.tokens(typed);
    }

    public BigDecimal usdc(String typed) {
        return baseUnits ? Units.parse(typed, 0, "USDC base units") : Units.usdc(typed);
    }
}
