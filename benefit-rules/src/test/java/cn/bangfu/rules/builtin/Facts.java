package cn.bangfu.rules.builtin;

import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.RuleSet;
import java.time.LocalDate;
import java.util.List;

/** Small helpers so the worked examples read like the policy text. */
final class Facts {
    static final RuleSetCatalog CATALOG = RuleSetCatalog.loadBuiltIn();
    static final LocalDate Y2023_START = LocalDate.of(2023, 1, 1);
    static final LocalDate Y2023_END = LocalDate.of(2023, 12, 31);

    private Facts() {
    }

    static RuleSet rule(String id) {
        return CATALOG.get(id);
    }

    static long yuan(long yuan) {
        return yuan * 100;
    }

    static PeriodFacts year2023(long revenueFen, List<CostItem> costs, MemberFacts... members) {
        return PeriodFacts.of(1L, Y2023_START, Y2023_END, revenueFen, costs, List.of(members));
    }
}
