package io.stakestream.cli.format;

import io.stakestream.avro.RejectReason;

/** What a user can do about a refusal. Nothing changed in the ledger; the nonce is used up, so a retry signs anew. */
public final class Hints {

    private Hints() {
    }

    public static String forReason(RejectReason reason) {
        return switch (reason) {
            case UNDECODABLE -> "the bytes are not a stakestream command: produce them with this CLI or the published schemas";
            case BAD_SIGNATURE -> "sign the payload with the actor's own key (--key FILE)";
            case REPLAY -> "the nonce was not above the last one of this signer in this pool: leave --nonce out to use the clock";
            case UNAUTHORIZED -> "sign with a key that holds the role (stakestream status shows the authorities; `up` wrote them to its keys directory)";
            case NOT_INITIALIZED -> "initialize the network first: stakestream network init --key ADMIN_KEY (stakestream up does it)";
            case ALREADY_INITIALIZED -> "the network is set up already: change it with stakestream network update";
            case UNKNOWN_POOL -> "check the pool id with stakestream ranking";
            case POOL_EXISTS -> "choose another pool id";
            case UNKNOWN_POSITION -> "open a position first: stakestream delegate --pool POOL --amount TOKENS opens and stakes";
            case POSITION_EXISTS -> "the staking record is open already: stake into it";
            case POSITION_NOT_EMPTY -> "unstake and claim everything before closing the record";
            case HALTED, NETWORK_HALTED -> "wait until the halt authority resumes it (stakestream resume); unstake and claims still work";
            case POOL_NOT_ACTIVE, POOL_CLOSED -> "the pool takes no new stake: choose another with stakestream ranking";
            case POOL_NOT_CLOSED -> "close the pool first: stakestream pool close";
            case POOL_CREATION_DISABLED -> "the admin has switched pool creation off (network update)";
            case DELEGATION_DISABLED -> "the operator takes no delegations: choose another pool";
            case DELEGATION_CAP_EXCEEDED -> "stake less: the pool's delegation cap is almost full (stakestream status POOL)";
            case BELOW_MINIMUM_STAKE -> "stake at least the minimum (the network's or the model's required stake)";
            case INSUFFICIENT_SHARES -> "ask for less: stakestream positions shows what you hold";
            case INSUFFICIENT_BALANCE -> "tokens enter through custody: a deposit (stakestream deposit, signed with the custody key) credits"
                    + " your free balance in the pool; then stake or withdraw at most that";
            case ZERO_SHARES -> "stake more: this amount would mint zero shares at the pool's price";
            case COOLDOWN_NOT_OVER -> "wait until the unstake's available time (stakestream positions), then claim";
            case LOCKED -> "the stake is locked for the network's minimum epochs: wait for a later epoch";
            case TOO_MANY_PENDING -> "claim or cancel a pending unstake first (at most 10 per position)";
            case UNKNOWN_UNSTAKE -> "use an unstake id from stakestream positions";
            case NOTHING_TO_CLAIM -> "nothing is due yet: stakestream positions shows pending unstakes and USDC owed";
            case ZERO_AMOUNT, NEGATIVE_AMOUNT, OVERFLOW, INVALID_ARGUMENT -> "fix the value the message names";
            case INVALID_METADATA -> "give a URL (--url) and at most a name; ids are at most 64 bytes";
            case UNKNOWN_MODEL -> "register the model first: stakestream model set --model ID --required-stake TOKENS";
            case MODEL_DISABLED -> "the model is disabled: choose another or ask the admin to enable it";
            case NOT_WHITELISTED -> "ask the admin to whitelist the pool: stakestream whitelist --pool POOL";
            case COMMISSION_TOO_HIGH -> "stay at or under the network's maximum commission";
            case WRONG_FEE -> "pay exactly the network's registration fee (--fee)";
            case WRONG_KEY -> "sign with the key the message names";
            case UNKNOWN_SLASH -> "check the slash id with stakestream slash list";
            case SLASH_EXISTS -> "choose another slash id";
            case DISPUTE_WINDOW_OPEN -> "wait until the dispute window ends (stakestream slash list shows when), then execute";
            case HALT_DELAY_NOT_OVER -> "halt the pool and wait out the slashing delay before executing";
            case SLASH_TOO_LARGE -> "slash at most the network's maximum fraction";
            case BAD_PROOF -> "take the proof from the reward-proofs topic: stakestream rewards proof --pool POOL --epoch N";
            case UNKNOWN_EPOCH -> "commit the epoch's reward record first (stakestream rewards root)";
            case ALREADY_ACCRUED -> "nothing to do: this pool's reward for the epoch is in";
            case SLASH_PROPOSED -> "a slash against the pool is proposed: wait until it is executed or cancelled (stakestream slash list)";
            case OUTPUT_TOO_LARGE -> "the outcome would not fit the topic's record size: send less at once (fewer results, shorter metadata)";
            case LATE_ATTESTATION -> "the epoch is closed: attest jobs for the current epoch (stakestream status)";
            case WRONG_EPOCH -> "use the ledger's current epoch (stakestream status)";
            case DUPLICATE_DEPOSIT -> "nothing to do: this chain transfer was credited already (each is credited once)";
            case UNKNOWN_PAYOUT -> "use a payout id the ledger issued: stakestream tail payouts";
            case PAYOUT_ALREADY_SETTLED -> "nothing to do: custody reported this payout already";
            case INSUFFICIENT_REWARD_FUNDS -> "custody must fund the reward vault first: stakestream fund-rewards";
            default -> "read the message above; nothing changed in the ledger";
        };
    }
}
