package cn.bangfu.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.IncomeItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.facts.PostWork;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.StepAmount;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The engine's promises, over random facts and every built-in rule set that moves money. */
class AllocatorPropertiesTest {
    static final RuleSetCatalog CATALOG = RuleSetCatalog.loadBuiltIn();
    static final LocalDate START = LocalDate.of(2023, 1, 1);
    static final LocalDate END = LocalDate.of(2023, 12, 31);

    @Provide
    Arbitrary<RuleSet> ruleSets() {
        return Arbitraries.of(CATALOG.all().stream().filter(r -> !r.steps().isEmpty()).toList());
    }

    @Provide
    Arbitrary<PeriodFacts> facts() {
        Arbitrary<MemberFacts> member = Combinators.combine(
                Arbitraries.longs().between(1, 200),
                Arbitraries.of(HouseholdStatus.class), Arbitraries.of(LaborCapacity.class),
                Arbitraries.integers().between(0, 9), Arbitraries.longs().between(0, 5_000_000),
                Arbitraries.integers().between(0, 600), Arbitraries.integers().between(0, 500),
                Arbitraries.longs().between(0, 3)).as((id, st, cap, flags, delivery, halfDays, landTenths, seed) -> {
                    Random rnd = new Random(seed * 31 + id);
                    MemberFacts.Builder b = MemberFacts.builder(id).status(st).laborCapacity(cap)
                            .blacklisted(flags == 0).deliveryValueFen(flags == 1 ? 0 : delivery)
                            .laborDays(BigDecimal.valueOf(halfDays, 0).divide(BigDecimal.valueOf(2)))
                            .landMu(BigDecimal.valueOf(landTenths, 1))
                            .exitDate(flags == 2 ? START.minusYears(3).plusDays(rnd.nextInt(300)) : null);
                    for (int i = 0; i < seed; i++) {
                        LocalDate since = START.minusDays(100).plusDays(rnd.nextInt(400));
                        b.share(new ShareHolding(ShareClass.values()[rnd.nextInt(4)],
                                BigDecimal.valueOf(rnd.nextInt(100_000), rnd.nextInt(3)), since,
                                rnd.nextBoolean() ? null : since.plusDays(1 + rnd.nextInt(300))));
                    }
                    if (halfDays % 3 != 0) { // days on welfare posts of different pay, for post_days steps
                        b.postWork(new PostWork("p" + rnd.nextInt(3), "公益岗位", BigDecimal.valueOf(halfDays, 0)
                                .divide(BigDecimal.valueOf(2)), 40_000 + 10_000L * rnd.nextInt(5), 20 + rnd.nextInt(3)));
                    }
                    return b.build();
                });
        return Combinators.combine(member.list().ofMaxSize(25).uniqueElements(MemberFacts::householdId),
                Arbitraries.longs().between(0, 2_000_000_000L), Arbitraries.longs().between(0, 1_000_000_000L))
                .as((ms, revenue, cost) -> PeriodFacts.of(1, START, END, revenue,
                        List.of(new CostItem("OPERATION_MAINTENANCE", cost)), ms)
                        // the same money as the book holds it, for the PV rule sets' book pools
                        .withIncome(List.of(IncomeItem.of("PV_GRID", revenue))));
    }

    @Property(tries = 300)
    void parts_sum_to_the_pool_exactly_and_none_is_negative(@ForAll("ruleSets") RuleSet rule,
                                                             @ForAll("facts") PeriodFacts facts) {
        AllocationResult r = Allocator.allocate(rule, facts);
        assertThat(r.totalLinesFen()).isEqualTo(r.poolFen());
        assertThat(r.lines()).allMatch(l -> l.amountFen() >= 0);
        assertThat(r.liabilities()).allMatch(l -> l.shortfallFen() > 0);
        for (StepAmount s : r.steps()) {
            long children = r.steps().stream().filter(c -> s.stepId().equals(c.parentStepId()))
                    .mapToLong(StepAmount::amountFen).sum();
            long own = r.lines().stream().filter(l -> l.stepId().equals(s.stepId())).mapToLong(AllocationLine::amountFen).sum();
            assertThat(children + own).as(s.stepId()).isGreaterThanOrEqualTo(0);
        }
    }

    @Property(tries = 200)
    void permuting_the_members_changes_nothing(@ForAll("ruleSets") RuleSet rule, @ForAll("facts") PeriodFacts facts,
                                               @ForAll long seed) {
        List<MemberFacts> shuffled = new ArrayList<>(facts.members());
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(project(Allocator.allocate(rule, facts.withMembers(shuffled))))
                .isEqualTo(project(Allocator.allocate(rule, facts)));
    }

    @Property(tries = 200)
    void more_basis_never_gets_less_in_the_same_step(@ForAll("ruleSets") RuleSet rule, @ForAll("facts") PeriodFacts facts) {
        AllocationResult r = Allocator.allocate(rule, facts);
        List<AllocationLine> shares = r.lines().stream().filter(l -> l.kind() == AllocationLine.Kind.SHARE).toList();
        for (AllocationLine a : shares) {
            for (AllocationLine b : shares) {
                if (a.stepId().equals(b.stepId()) && a.basisValue().compareTo(b.basisValue()) > 0) {
                    assertThat(a.amountFen()).as(a + " vs " + b).isGreaterThanOrEqualTo(b.amountFen());
                }
            }
        }
    }

    @Property(tries = 200)
    void a_blacklisted_member_gets_nothing_from_the_pv_posts_and_the_step_total_is_unchanged(
            @ForAll("facts") PeriodFacts facts) {
        RuleSet pv = CATALOG.get("pv-station-welfare-posts");
        // make every poor household able to work and diligent, then blacklist the first one
        List<MemberFacts> ms = facts.members().stream().map(m -> MemberFacts.builder(m.householdId())
                .status(HouseholdStatus.REGISTERED_POOR).laborDays(m.laborDays().add(BigDecimal.valueOf(20)))
                .blacklisted(false).build()).toList();
        if (ms.isEmpty()) {
            return;
        }
        List<MemberFacts> withBlacklisted = new ArrayList<>(ms);
        MemberFacts first = ms.get(0);
        withBlacklisted.set(0, MemberFacts.builder(first.householdId()).status(first.status())
                .laborDays(first.laborDays()).blacklisted(true).build());
        AllocationResult before = Allocator.allocate(pv, facts.withMembers(ms));
        AllocationResult after = Allocator.allocate(pv, facts.withMembers(withBlacklisted));
        assertThat(after.householdTotalFen(first.householdId())).isZero();
        assertThat(after.step("welfare-posts").amountFen()).isEqualTo(before.step("welfare-posts").amountFen());
        long othersBefore = before.totalLinesFen() - before.householdTotalFen(first.householdId());
        assertThat(after.totalLinesFen()).isEqualTo(before.totalLinesFen());
        if (ms.size() > 1) {
            assertThat(after.totalLinesFen() - after.householdTotalFen(first.householdId()))
                    .isGreaterThanOrEqualTo(othersBefore);
        }
    }

    static List<String> project(AllocationResult r) {
        List<String> out = new ArrayList<>();
        r.lines().forEach(l -> out.add(l.recipient() + "|" + l.stepId() + "|" + l.kind() + "|" + l.amountFen() + "|"
                + l.basisValue() + "|" + l.explanationZh()));
        r.warnings().forEach(w -> out.add(w.toString()));
        r.liabilities().forEach(l -> out.add(l.toString()));
        return out;
    }
}
