package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.model.RuleParameters;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.Liability;
import cn.bangfu.rules.result.StepAmount;
import cn.bangfu.rules.result.Warning;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The state of one allocation: the facts in canonical order and what has been decided so far. */
final class Run {
    final PeriodFacts facts;
    final RuleParameters parameters;
    /** Sorted by household id: every tie-break and every output order follows from this. */
    final MemberFacts[] members;
    final LocalDate start;
    final LocalDate endExclusive;
    final long periodYearNumerator;
    final List<StepAmount> steps = new ArrayList<>();
    final List<AllocationLine> lines;
    final List<Warning> warnings = new ArrayList<>();
    final List<Liability> liabilities = new ArrayList<>();

    Run(PeriodFacts facts, RuleParameters parameters) {
        this.facts = facts;
        this.parameters = parameters;
        this.members = facts.members().toArray(new MemberFacts[0]);
        if (!isSortedUnique(members)) {
            sortById(members);
            if (!isSortedUnique(members)) {
                throw new IllegalArgumentException("period facts list a household more than once");
            }
        }
        this.start = facts.periodStart();
        this.endExclusive = facts.periodEnd().plusDays(1);
        this.periodYearNumerator = DayCount.yearFractionNumerator(start, endExclusive);
        this.lines = new ArrayList<>(Math.max(16, members.length * 2));
    }

    /**
     * LSD radix sort on the household id (16 bits per pass): a comparison sort of a million objects chases
     * pointers for every comparison and was the slowest part of a shuffled run.
     */
    static void sortById(MemberFacts[] ms) {
        int n = ms.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ms[i].householdId() ^ Long.MIN_VALUE; // signed order as unsigned
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        int[] count = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (keys[idx[i]] >>> shift) & 0xFFFF]++;
            }
            if (count[(int) (keys[idx[0]] >>> shift) & 0xFFFF] == n) {
                continue; // every key has the same digit here
            }
            for (int d = 0, sum = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                tmp[count[(int) (keys[idx[i]] >>> shift) & 0xFFFF]++] = idx[i];
            }
            int[] t = idx;
            idx = tmp;
            tmp = t;
        }
        MemberFacts[] copy = ms.clone();
        for (int i = 0; i < n; i++) {
            ms[i] = copy[idx[i]];
        }
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
