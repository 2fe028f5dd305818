package io.stakestream.ledger.instructions;

import io.stakestream.avro.CreateOperatorPool;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.ModelInfo;
import io.stakestream.avro.PoolState;
import io.stakestream.avro.PoolStatus;
import io.stakestream.avro.RejectReason;
import io.stakestream.avro.WhitelistMode;
import io.stakestream.ledger.Amounts;
import io.stakestream.ledger.Guards;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.Keys;
import io.stakestream.ledger.Network;
import io.stakestream.ledger.Pool;
import io.stakestream.ledger.Position;
import io.stakestream.ledger.Rejected;
import io.stakestream.ledger.Table;
import io.stakestream.ledger.Tx;
import java.math.BigInteger;
import java.util.ArrayList;

/**
 * Registers a provider or gateway pool [Inference.net CreateOperatorPool, Function Network
 * register/registerAndStake]: the pool id is the provider id (at most 64 bytes), linked to a
 * registered model; the signer becomes admin and owner of the operator's staking record. The
 * initial stake comes from the operator's free balance, deposited to the pool id before it existed.
 */
final class CreateOperatorPoolInstruction implements Instruction<CreateOperatorPool> {
    @Override
    public void apply(CreateOperatorPool body, Tx tx) {
        Guards.poolCommand(tx);
        Network n = tx.initializedNetwork();
        GlobalParameters params = n.params();
        String poolId = tx.ctx().poolId();
        Rejected.unless(params.getPoolCreationAllowed(), RejectReason.POOL_CREATION_DISABLED,
                "pool creation is switched off by the admin");
        Rejected.unless(tx.get(Table.POOLS, poolId) == null, RejectReason.POOL_EXISTS, "pool '" + poolId + "' already exists");
        ModelInfo model = n.model(body.getModelId());
        Rejected.unless(model.getEnabled(), RejectReason.MODEL_DISABLED, "model '" + model.getModelId() + "' is disabled");
        Metadata.check(body.getMetadataJson());
        AuthorityKeys.operatorKeys(body.getOperatorAuthKeys());
        int tokenBps = Commission.check(body.getTokenCommissionBps(), params);
        int usdcBps = Commission.check(body.getUsdcCommissionBps(), params);
        BigInteger fee = Amounts.nonNegative(body.getRegistrationFee(), "registrationFee");
        Rejected.unless(fee.equals(Amounts.big(params.getRegistrationFee())), RejectReason.WRONG_FEE,
                "the registration fee is " + params.getRegistrationFee().toPlainString() + ": pay exactly that");
        BigInteger cap = body.getDelegationCap() == null ? null : Amounts.nonNegative(body.getDelegationCap(), "delegationCap");
        BigInteger initial = Amounts.nonNegative(body.getInitialStake(), "initialStake");
        Long mark = tx.get(Table.MARKS, Keys.whitelist(poolId));
        boolean whitelisted = params.getWhitelistMode() == WhitelistMode.AUTO ? (mark == null || mark != 0) : (mark != null && mark != 0);

        PoolState s = PoolState.newBuilder()
                .setPoolId(poolId).setAdmin(tx.actor()).setOperatorAccount(tx.actor())
                .setModelId(body.getModelId()).setKind(body.getKind()).setRegion(body.getRegion())
                .setMetadataJson(body.getMetadataJson()).setOperatorAuthKeys(new ArrayList<>(body.getOperatorAuthKeys()))
                .setStatus(PoolStatus.ACTIVE).setHalted(false)
                .setTokenCommissionBps(tokenBps).setUsdcCommissionBps(usdcBps)
                .setDelegationEnabled(body.getDelegationEnabled())
                .setDelegationCap(cap == null ? null : Amounts.dec(cap))
                .setAutoStakeCommission(body.getAutoStakeCommission())
                .setMinSelfStake(Amounts.zero())
                .setTotalStake(Amounts.zero()).setTotalShares(Amounts.zero())
                .setScale(Amounts.dec(Amounts.SCALE)).setPendingScale(Amounts.dec(Amounts.SCALE)).setPendingUnits(Amounts.zero())
                .setTokenCommission(Amounts.zero()).setTokenDust(Amounts.zero())
                .setUsdcIndex(Amounts.zero()).setUsdcBalance(Amounts.zero()).setUsdcCommission(Amounts.zero()).setUsdcDust(Amounts.zero())
                .setTokensIn(Amounts.zero()).setTokensPaidOut(Amounts.zero()).setTokensSlashed(Amounts.zero())
                .setUsdcIn(Amounts.zero()).setUsdcPaidOut(Amounts.zero()).setRegistrationFeePaid(Amounts.dec(fee))
                .setUsdcSettled(Amounts.zero()).setRedistributable(Amounts.zero()).setWhitelisted(whitelisted)
                .setPositionCount(1).setNextUnstakeId(1).setCreatedAt(tx.now()).setCreatedEpoch(n.epoch())
                .build();
        Pool pool = Pool.wrap(s);
        Position operator = Prefunds.adopt(pool, n, tx);
        if (operator == null) operator = Position.open(poolId, tx.actor(), tx.now());
        BigInteger minted = BigInteger.ZERO;
        if (initial.signum() > 0) {
            minted = pool.stake(operator, initial);
            operator.state().setLockedUntilEpoch(n.epoch() + params.getMinEpochsLocked());
        }
        tx.save(pool);
        tx.save(operator);
        tx.saveNetwork();
        tx.event(pool, operator, initial, minted, null, "pool created for model " + body.getModelId());
    }
}
