package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.Liability;
import cn.bangfu.rules.result.StepAmount;
import cn.bangfu.rules.result.Warning;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The state of one allocation: the facts in canonical order and what has been decided so far. */
final class Run {
    final PeriodFacts facts;
    /** Sorted by household id: every tie-break and every output order follows from this. */
    final MemberFacts[] members;
    final LocalDate start;
    final LocalDate endExclusive;
    final long periodYearNumerator;
    final List<StepAmount> steps = new ArrayList<>();
    final List<AllocationLine> lines;
    final List<Warning> warnings = new ArrayList<>();
    final List<Liability> liabilities = new ArrayList<>();

    Run(PeriodFacts facts) {
        this.facts = facts;
        this.members = facts.members().toArray(new MemberFacts[0]);
        if (!isSortedUnique(members)) {
            Arrays.sort(members, Comparator.comparingLong(MemberFacts::householdId));
            if (!isSortedUnique(members)) {
                throw new IllegalArgumentException("period facts list a household more than once");
            }
        }
        this.start = facts.periodStart();
        this.endExclusive = facts.periodEnd().plusDays(1);
        this.periodYearNumerator = DayCount.yearFractionNumerator(start, endExclusive);
        this.lines = new ArrayList<>(Math.max(16, members.length * 2));
    }

    private static boolean isSortedUnique(MemberFacts[] ms) {
        for (int i = 1; i < ms.length; i++) {
            if (ms[i - 1].householdId() >= ms[i].householdId()) {
                return false;
            }
        }
        return true;
    }

    void warn(Warning.Kind kind, String stepId, Long householdId, long fen, String zh, String en) {
        warnings.add(new Warning(kind, stepId, householdId, fen, zh, en));
    }
}
