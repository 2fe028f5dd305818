package io.stakestream.ledger.instructions;

import io.stakestream.avro.*;
import io.stakestream.ledger.Instruction;
import io.stakestream.ledger.ProofVerifier;
import java.util.HashMap;
import java.util.Map;

/** The command body types and the instruction that applies each. */
public final class Instructions {
    private Instructions() {}

    public static Map<Class<?>, Instruction<?>> all(ProofVerifier proofs) {
        Map<Class<?>, Instruction<?>> m = new HashMap<>();
        m.put(CreatePoolOverview.class, new CreatePoolOverviewInstruction());
        m.put(UpdatePoolOverview.class, new UpdatePoolOverviewInstruction());
        m.put(UpdatePoolOverviewAuthorities.class, new UpdatePoolOverviewAuthoritiesInstruction());
        m.put(SetModel.class, new SetModelInstruction());
        m.put(SetWhitelist.class, new SetWhitelistInstruction());
        m.put(ProposeSlash.class, new ProposeSlashInstruction());
        m.put(ExecuteSlash.class, new ExecuteSlashInstruction());
        m.put(CancelSlash.class, new CancelSlashInstruction());
        m.put(SetHaltStatus.class, new SetHaltStatusInstruction());
        m.put(CreateRewardRecord.class, new CreateRewardRecordInstruction());
        m.put(AccrueRewardEmergencyBypass.class, new AccrueRewardEmergencyBypassInstruction());
        m.put(EpochClose.class, new EpochCloseInstruction());
        m.put(CreateOperatorPool.class, new CreateOperatorPoolInstruction());
        m.put(UpdateOperatorPool.class, new UpdateOperatorPoolInstruction());
        m.put(ChangeOperatorPoolAdmin.class, new ChangeOperatorPoolAdminInstruction());
        m.put(ChangeOperatorStakingRecord.class, new ChangeOperatorStakingRecordInstruction());
        m.put(WithdrawOperatorRewardCommission.class, new WithdrawOperatorRewardCommissionInstruction());
        m.put(WithdrawOperatorUsdcCommission.class, new WithdrawOperatorUsdcCommissionInstruction());
        m.put(RetireOperatorPool.class, new RetireOperatorPoolInstruction());
        m.put(CloseOperatorPool.class, new CloseOperatorPoolInstruction());
        m.put(SweepClosedPoolUsdcDust.class, new SweepClosedPoolUsdcDustInstruction());
        m.put(CreateStakingRecord.class, new CreateStakingRecordInstruction());
        m.put(CloseStakingRecord.class, new CloseStakingRecordInstruction());
        m.put(Stake.class, new StakeInstruction());
        m.put(Unstake.class, new UnstakeInstruction());
        m.put(CancelUnstake.class, new CancelUnstakeInstruction());
        m.put(ClaimUnstake.class, new ClaimUnstakeInstruction());
        m.put(ClaimUsdcEarnings.class, new ClaimUsdcEarningsInstruction());
        m.put(ClaimRewardsCluster.class, new ClaimRewardsClusterInstruction());
        m.put(AccrueReward.class, new AccrueRewardInstruction(proofs));
        m.put(AcceptOperatorStakingRecord.class, new AcceptOperatorStakingRecordInstruction());
        m.put(Deposit.class, new DepositInstruction());
        m.put(Withdraw.class, new WithdrawInstruction());
        m.put(PayoutSettled.class, new PayoutSettledInstruction());
        m.put(PayoutFailed.class, new PayoutFailedInstruction());
        m.put(FundRewards.class, new FundRewardsInstruction());
        m.put(ClaimUnstakeToFreeBalance.class, new ClaimUnstakeToFreeBalanceInstruction());
        m.put(StartTrainingRun.class, new StartTrainingRunInstruction());
        m.put(JoinTrainingRun.class, new JoinTrainingRunInstruction());
        m.put(EndTrainingRun.class, new EndTrainingRunInstruction());
        return Map.copyOf(m);
    }
}
