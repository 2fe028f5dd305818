package io.stakestream.cli;

import io.stakestream.avro.AccrueRewardEmergencyBypass;
import io.stakestream.avro.CancelSlash;
import io.stakestream.avro.CancelUnstake;
import io.stakestream.avro.ClaimUnstake;
import io.stakestream.avro.ClaimUsdcEarnings;
import io.stakestream.avro.CloseOperatorPool;
import io.stakestream.avro.CloseStakingRecord;
import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.CreateStakingRecord;
import io.stakestream.avro.EpochClose;
import io.stakestream.avro.ExecuteSlash;
import io.stakestream.avro.ProposeSlash;
import io.stakestream.avro.RetireOperatorPool;
import io.stakestream.avro.SetHaltStatus;
import io.stakestream.avro.SetModel;
import io.stakestream.avro.SlashReason;
import io.stakestream.avro.Stake;
import io.stakestream.avro.Unstake;
import io.stakestream.avro.UpdateOperatorPool;
import io.stakestream.avro.WithdrawOperatorRewardCommission;
import io.stakestream.avro.WithdrawOperatorUsdcCommission;
import io.stakestream.protocol.crypto.Hex;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** The commands {@code stakestream send} knows: name, options, and how they become an Avro body. */
final class CommandVerbs {

    record Verb(String name, String help, boolean network, List<Args.Option> options, Function<Args, SpecificRecord> body) {
    }

    private static final Args.Option AMOUNT = new Args.Option("amount", "TOKENS", "tokens, e.g. 1500 or 12.5");
    private static final Args.Option SLASH_ID = new Args.Option("slash-id", "ID", "the slash's id");

    static final List<Verb> ALL = List.of(
            new Verb("create-record", "open a staking record in the pool", false, List.of(), a -> new CreateStakingRecord()),
            new Verb("close-record", "close an empty staking record", false, List.of(), a -> new CloseStakingRecord()),
            new Verb("stake", "stake tokens into the pool", false, List.of(AMOUNT),
                    a -> new Stake(Units.tokens(a.required("amount", "how many tokens to stake, e.g. --amount 1500")))),
            new Verb("unstake", "start an unstake (cooldown) by token amount or by shares", false,
                    List.of(AMOUNT, new Args.Option("shares", "N", "shares in base units, instead of --amount")), CommandVerbs::unstake),
            new Verb("cancel-unstake", "re-stake a pending unstake", false,
                    List.of(new Args.Option("id", "N", "the pending unstake's id (stakestream query position)")),
                    a -> new CancelUnstake(a.requiredLong("id", "the pending unstake's id, from stakestream query position"))),
            new Verb("claim-unstake", "claim finished unstakes (anyone may claim for the owner)", false,
                    List.of(new Args.Option("owner", "ACCOUNT", "whose unstakes (default: the signer)")), CommandVerbs::claimUnstake),
            new Verb("claim-usdc", "claim the USDC the position earned", false, List.of(), a -> new ClaimUsdcEarnings()),
            new Verb("create-pool", "register an operator pool (the signer becomes its admin)", false, List.of(
                    new Args.Option("model", "ID", "registered model id"),
                    new Args.Option("url", "URL", "the provider's URL (metadata)"),
                    new Args.Option("name", "NAME", "display name (metadata)"),
                    new Args.Option("region", "REGION", "default unknown"),
                    new Args.Option("commission", "BPS", "token commission in basis points (default: the network's)"),
                    new Args.Option("usdc-commission", "BPS", "USDC commission in basis points (default: the network's)"),
                    new Args.Option("cap", "TOKENS", "cap on delegated tokens"),
                    new Args.Option("auto-stake", null, "auto-stake the token commission into the operator's record"),
                    new Args.Option("no-delegation", null, "take no delegations"),
                    new Args.Option("initial-stake", "TOKENS", "the operator's first stake (default 0)"),
                    new Args.Option("fee", "TOKENS", "registration fee, must equal the network's (default 0)"),
                    new Args.Option("node-keys", "HEX,HEX", "accounts of the pool's nodes, up to 5 (the operator may always attest)")),
                    CommandVerbs::createPool),
            new Verb("update-pool", "change commissions, delegation, cap, auto-stake", false, List.of(
                    new Args.Option("commission", "BPS", "token commission from the next epoch"),
                    new Args.Option("usdc-commission", "BPS", "USDC commission from the next epoch"),
                    new Args.Option("delegation", "on|off", "take delegations or not"),
                    new Args.Option("cap", "TOKENS", "cap on delegated tokens"),
                    new Args.Option("clear-cap", null, "remove the cap"),
                    new Args.Option("auto-stake", "on|off", "auto-stake the token commission")), CommandVerbs::updatePool),
            new Verb("withdraw-commission", "withdraw the pool's token commission (or --usdc)", false,
                    List.of(new Args.Option("usdc", null, "the USDC commission instead")),
                    a -> a.flag("usdc") ? new WithdrawOperatorUsdcCommission() : new WithdrawOperatorRewardCommission()),
            new Verb("retire-pool", "stop taking stake; positions wind down", false, List.of(), a -> new RetireOperatorPool()),
            new Verb("close-pool", "close the pool for good", false, List.of(), a -> new CloseOperatorPool()),
            new Verb("halt", "halt the pool (halt authority); --resume lifts it", false,
                    List.of(new Args.Option("resume", null, "resume instead")), a -> new SetHaltStatus(!a.flag("resume"))),
            new Verb("propose-slash", "propose a slash (slashing authority); executes after the dispute window", false, List.of(SLASH_ID,
                    new Args.Option("reason", "REASON", "one of " + Arrays.toString(SlashReason.values())),
                    new Args.Option("ppm", "N", "fraction in parts per million (default: the schedule's for the reason)"),
                    new Args.Option("amount", "TOKENS", "a fixed amount instead of a fraction"),
                    new Args.Option("evidence", "TEXT", "why")), CommandVerbs::proposeSlash),
            new Verb("execute-slash", "execute a proposed slash after its dispute window", false, List.of(SLASH_ID),
                    a -> new ExecuteSlash(a.required("slash-id", "the proposed slash's id"))),
            new Verb("cancel-slash", "cancel a proposed slash", false, List.of(SLASH_ID, new Args.Option("why", "TEXT", "reason")),
                    a -> new CancelSlash(a.required("slash-id", "the proposed slash's id"), a.value("why", ""))),
            new Verb("accrue-emergency", "accrue a pool's epoch reward without a proof (reward authority)", false, List.of(
                    new Args.Option("epoch", "N", "the epoch"), new Args.Option("tokens", "TOKENS", "token reward"),
                    new Args.Option("usdc", "USDC", "USDC reward"), new Args.Option("why", "TEXT", "reason")),
                    a -> new AccrueRewardEmergencyBypass(a.requiredLong("epoch", "the epoch the reward is for"),
                            Units.tokens(a.value("tokens", "0")), Units.usdc(a.value("usdc", "0")), a.value("why", "cli"))),
            new Verb("epoch-close", "close epoch N on every partition (reward authority)", true,
                    List.of(new Args.Option("epoch", "N", "the epoch to close (the ledger's current one)")),
                    a -> new EpochClose(a.requiredLong("epoch", "the epoch to close, e.g. --epoch 0"))),
            new Verb("set-model", "register or update a model and its required stake (admin)", true, List.of(
                    new Args.Option("model", "ID", "model id"), new Args.Option("required-stake", "TOKENS", "stake its providers need"),
                    new Args.Option("disabled", null, "register it disabled")),
                    a -> new SetModel(a.required("model", "the model id"), Units.tokens(a.value("required-stake", "0")), !a.flag("disabled"))));

    private CommandVerbs() {
    }

    static Verb find(String name) {
        return ALL.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(() -> new UsageException(
                "no command '" + name + "' to send; the commands: " + String.join(", ", ALL.stream().map(Verb::name).toList())));
    }

    private static SpecificRecord unstake(Args a) {
        if (a.value("amount").isPresent() == a.value("shares").isPresent()) {
            throw new UsageException("give exactly one of --amount TOKENS or --shares N");
        }
        return a.value("amount").isPresent() ? new Unstake(null, Units.tokens(a.value("amount").get()))
                : new Unstake(new BigDecimal(a.value("shares").get().trim()), null);
    }

    private static SpecificRecord claimUnstake(Args a) {
        // the owner is filled in by SendCommand when absent: the signer's own account
        return new ClaimUnstake(a.value("owner").map(CommandVerbs::account).orElse(null));
    }

    private static SpecificRecord createPool(Args a) {
        String url = a.required("url", "the provider's URL, e.g. --url https://gpu.example");
        String name = a.value("name", null);
        String metadata = "{\"url\":" + quote(url) + (name == null ? "" : ",\"name\":" + quote(name)) + "}";
        List<ByteBuffer> nodes = new ArrayList<>();
        a.value("node-keys").ifPresent(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> nodes.add(account(s))));
        return CreateOperatorPool.newBuilder()
                .setModelId(a.required("model", "the registered model the pool serves, e.g. --model llama-3-70b"))
                .setRegion(a.value("region", "unknown"))
                .setMetadataJson(metadata)
                .setOperatorAuthKeys(nodes)
                .setTokenCommissionBps(a.value("commission").map(v -> a.intValue("commission", 0)).orElse(null))
                .setUsdcCommissionBps(a.value("usdc-commission").map(v -> a.intValue("usdc-commission", 0)).orElse(null))
                .setDelegationEnabled(!a.flag("no-delegation"))
                .setDelegationCap(a.value("cap").map(Units::tokens).orElse(null))
                .setAutoStakeCommission(a.flag("auto-stake"))
                .setRegistrationFee(Units.tokens(a.value("fee", "0")))
                .setInitialStake(Units.tokens(a.value("initial-stake", "0")))
                .build();
    }

    private static SpecificRecord updatePool(Args a) {
        return UpdateOperatorPool.newBuilder()
                .setTokenCommissionBps(a.value("commission").map(v -> a.intValue("commission", 0)).orElse(null))
                .setUsdcCommissionBps(a.value("usdc-commission").map(v -> a.intValue("usdc-commission", 0)).orElse(null))
                .setDelegationEnabled(a.value("delegation").map(v -> onOff("delegation", v)).orElse(null))
                .setDelegationCap(a.value("cap").map(Units::tokens).orElse(null))
                .setClearDelegationCap(a.flag("clear-cap"))
                .setAutoStakeCommission(a.value("auto-stake").map(v -> onOff("auto-stake", v)).orElse(null))
                .build();
    }

    private static SpecificRecord proposeSlash(Args a) {
        String reason = a.required("reason", "one of " + Arrays.toString(SlashReason.values()));
        SlashReason r;
        try {
            r = SlashReason.valueOf(reason.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--reason must be one of " + Arrays.toString(SlashReason.values()) + ", got '" + reason + "'");
        }
        if (a.value("ppm").isPresent() && a.value("amount").isPresent()) {
            throw new UsageException("give --ppm or --amount, not both");
        }
        return ProposeSlash.newBuilder()
                .setSlashId(a.required("slash-id", "an id for the slash, e.g. --slash-id sla-2024-07"))
                .setReason(r)
                .setFractionPpm(a.value("ppm").map(v -> a.intValue("ppm", 0)).orElse(null))
                .setAmount(a.value("amount").map(Units::tokens).orElse(null))
                .setEvidence(a.value("evidence", ""))
                .build();
    }

    static ByteBuffer account(String hex) {
        try {
            byte[] b = Hex.decode(hex);
            if (b.length != 32) {
                throw new IllegalArgumentException("length");
            }
            return ByteBuffer.wrap(b);
        } catch (IllegalArgumentException e) {
            throw new UsageException("an account is 64 hex characters (stakestream account --key FILE prints it), got '" + hex + "'");
        }
    }

    private static boolean onOff(String name, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new UsageException("--" + name + " is on or off, got '" + v + "'");
        };
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
