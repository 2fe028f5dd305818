package io.stakestream.ledger;

/** One command's rules, in its own class [Inference.net: one instruction per file]. */
public interface Instruction<T> {
    void apply(T body, Tx tx);
}
