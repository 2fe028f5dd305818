package io.stakestream.cli.verbs;

import io.stakestream.avro.Asset;
import io.stakestream.avro.ChainRef;
import io.stakestream.avro.Deposit;
import io.stakestream.avro.FundRewards;
import io.stakestream.avro.PayoutFailed;
import io.stakestream.avro.PayoutSettled;
import io.stakestream.avro.Withdraw;
import io.stakestream.cli.KeyFiles;
import io.stakestream.cli.NetworkVerb;
import io.stakestream.cli.PoolVerb;
import io.stakestream.cli.SignedVerb;
import io.stakestream.cli.UsageException;
import io.stakestream.protocol.crypto.AccountKey;
import java.nio.ByteBuffer;
import java.math.BigDecimal;
import java.security.SecureRandom;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Money in and out through custody (DESIGN §3, custody authority): the chain indexer's deposits,
 * reward funding and payout settlements, and an owner's withdrawal of its free balance.
 */
public final class CustodyVerbs {

    /** The chain of local transfers (Hardhat's and Anvil's chain id): `up`'s genesis and transfers typed without --chain-id. */
    public static final long LOCAL_CHAIN_ID = 31_337L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CustodyVerbs() {
    }

    /** Where a transfer happened on chain: --chain-id, --tx, --log-index; without --tx a fresh local transfer. */
    static final class Transfer {
        @Option(names = "--chain-id", paramLabel = "N", defaultValue = "31337", description = "the chain of the transfer (default 31337, local)")
        long chainId = LOCAL_CHAIN_ID;
        @Option(names = "--tx", paramLabel = "HASH", description = "the transfer's transaction hash, 32 bytes (default: a new random one,"
                + " standing in for a transfer you made locally)")
        String tx;
        @Option(names = "--log-index", paramLabel = "N", defaultValue = "0", description = "the transfer's log index in its transaction")
        long logIndex;

        ChainRef ref() {
            byte[] hash = new byte[32];
            if (tx == null) {
                RANDOM.nextBytes(hash);
            } else {
                hash = RewardVerbs.bytes32(tx, "--tx").array();
            }
            return new ChainRef(chainId, ByteBuffer.wrap(hash), logIndex);
        }
    }

    static Asset asset(boolean usdc) {
        return usdc ? Asset.USDC : Asset.TOKEN;
    }

    @Command(name = "deposit", description = {"Credit a transfer seen on chain to an owner's free balance in a pool (custody key).",
            "Each chain transfer (chain id, tx hash, log index) is credited once; a second time is refused DUPLICATE_DEPOSIT."})
    public static final class DepositVerb extends PoolVerb {
        @Option(names = "--owner", paramLabel = "ACCOUNT", required = true, description = "whose transfer it is: 64 hex characters or a key file")
        String owner;
        @Option(names = "--amount", paramLabel = "AMOUNT", required = true, description = "tokens (or dollars with --usdc), e.g. 100 or 12.5")
        String amount;
        @Option(names = "--usdc", description = "the transfer is USDC, not tokens")
        boolean usdc;
        @Option(names = "--stake", description = "stake it at once (the owner needs a staking record in the pool)")
        boolean stake;
        @picocli.CommandLine.Mixin
        Transfer transfer;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            BigDecimal units = usdc ? output.usdc(amount) : output.tokens(amount);
            return new Deposit(KeyFiles.account(console, owner), asset(usdc), units, transfer.ref(), stake);
        }
    }

    @Command(name = "withdraw", description = "Move free balance out of a pool: a payout custody sends on chain.")
    public static final class WithdrawVerb extends PoolVerb {
        @Option(names = "--amount", paramLabel = "AMOUNT", required = true, description = "tokens (or dollars with --usdc)")
        String amount;
        @Option(names = "--usdc", description = "withdraw USDC, not tokens")
        boolean usdc;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new Withdraw(asset(usdc), usdc ? output.usdc(amount) : output.tokens(amount));
        }
    }

    @Command(name = "fund-rewards", description = "Credit emission and USDC revenue that arrived in the reward vault (custody key; every partition).")
    public static final class FundRewardsVerb extends NetworkVerb {
        @Option(names = "--tokens", paramLabel = "TOKENS", required = true, description = "tokens, split evenly over the partitions")
        String tokens;
        @Option(names = "--usdc", paramLabel = "USDC", defaultValue = "0", description = "dollars, split evenly over the partitions")
        String usdc;
        @picocli.CommandLine.Mixin
        Transfer transfer;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new FundRewards(output.tokens(tokens), output.usdc(usdc), transfer.ref());
        }
    }

    /** `payout settle | fail`: custody reports what became of a payout the ledger issued. */
    @Command(name = "payout", description = "Report a payout as sent on chain, or as failed (custody key).",
            subcommands = {Settle.class, Fail.class})
    public static final class PayoutVerbs {
    }

    /** A command about one payout; its pool is the part of the payout id before '#'. */
    abstract static class PayoutVerb extends SignedVerb {
        @Option(names = "--payout-id", paramLabel = "ID", required = true, description = "the payout's id, POOL#SEQ (stakestream tail payouts)")
        String payoutId;

        @Override
        protected String pool() {
            int hash = payoutId.lastIndexOf('#');
            if (hash <= 0) {
                throw new UsageException("a payout id is POOL#SEQ, as stakestream tail payouts prints it; got '" + payoutId + "'");
            }
            return payoutId.substring(0, hash);
        }
    }

    @Command(name = "settle", description = "The payout was sent on chain.")
    public static final class Settle extends PayoutVerb {
        @picocli.CommandLine.Mixin
        Transfer transfer;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new PayoutSettled(payoutId, transfer.ref());
        }
    }

    @Command(name = "fail", description = "The payout could not be sent: its amount returns to the payee's free balance in the pool.")
    public static final class Fail extends PayoutVerb {
        @Option(names = "--why", paramLabel = "TEXT", required = true, description = "what went wrong, for the record")
        String why;

        @Override
        protected SpecificRecord body(AccountKey signer) {
            return new PayoutFailed(payoutId, why);
        }
    }
}
