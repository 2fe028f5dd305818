package io.stakestream.app.attack;

import io.stakestream.app.testkit.Actor;
import java.util.EnumSet;
import java.util.Set;

/** Who can sign in an {@link AttackWorld}: the four network authorities, the pool's operator, a delegator, a stranger. */
enum Roles {
    ADMIN, SLASHING, HALT, REWARD, OPERATOR, DELEGATOR, STRANGER;

    Actor in(AttackWorld w) {
        return switch (this) {
            case ADMIN -> w.admin;
            case SLASHING -> w.slasher;
            case HALT -> w.halter;
            case REWARD -> w.rewarder;
            case OPERATOR -> w.operator;
            case DELEGATOR -> w.delegator;
            case STRANGER -> w.stranger;
        };
    }

    /** Every role but these. */
    static Set<Roles> except(Roles first, Roles... rest) {
        return EnumSet.complementOf(EnumSet.of(first, rest));
    }
}
