package io.stakestream.app.attack;

import io.stakestream.app.testkit.LedgerDriver;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One attack: what it tries, the reason code the ledger must answer, and how to stage it. The
 * stage function builds whatever the attack needs in the world (those commands must all be
 * accepted) and returns the one input that is the attack.
 *
 * @param expected a RejectReason name
 * @param world the world it runs in, fresh for each attack
 */
record Attack(String name, String expected, Supplier<AttackWorld> world, Function<AttackWorld, Consumer<LedgerDriver>> stage) {

    @Override
    public String toString() {
        return name;
    }
}
