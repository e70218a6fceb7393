package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.Money;
import cn.bangfu.rules.result.StepAmount;
import cn.bangfu.rules.result.Warning;
import java.util.ArrayList;
import java.util.List;

/**
 * Earlier guarantee shortfalls are debts of the operator to households: they are the first claim on a later
 * run's pool, before any step of the rule set. A pool smaller than the debts repays them in proportion to
 * what is owed (largest remainder) and says what is still owed.
 */
final class LiabilityRepayment {
    static final String STEP_ID = "liability-repayment";

    private LiabilityRepayment() {
    }

    /** @return the fen taken from the pool */
    static long pay(long poolFen, Run run) {
        List<MemberFacts> owedTo = new ArrayList<>();
        long owed = 0;
        for (MemberFacts m : run.members) {
            if (m.outstandingLiabilityFen() > 0) {
                owedTo.add(m);
                owed = Math.addExact(owed, m.outstandingLiabilityFen());
            }
        }
        if (owed == 0) {
            return 0;
        }
        long take = Math.min(owed, poolFen);
        long[] outstanding = owedTo.stream().mapToLong(MemberFacts::outstandingLiabilityFen).toArray();
        long[] paid = take == owed ? outstanding : LargestRemainder.split(take, outstanding);
        StepAmount info = new StepAmount(STEP_ID, null, "偿还往期保底欠款", "Repayment of earlier guarantee shortfalls",
                null, take, null, owedTo.size());
        run.steps.add(info);
        for (int i = 0; i < paid.length; i++) {
            run.lines.add(AllocationLine.repayment(info, owedTo.get(i), paid[i], outstanding[i]));
        }
        if (take < owed) {
            long left = owed - take;
            run.warn(Warning.Kind.LIABILITY_OUTSTANDING, STEP_ID, null, left,
                    "往期保底欠款共 " + Money.yuan(owed) + " 元，本期可分配仅够偿还 " + Money.yuan(take) + " 元，仍欠 "
                            + Money.yuan(left) + " 元，下期继续优先偿还",
                    "Earlier guarantee shortfalls of " + Money.yuan(owed) + " yuan; this pool repays " + Money.yuan(take)
                            + " yuan, " + Money.yuan(left) + " yuan is still owed and comes first next period");
        }
        return take;
    }
}
