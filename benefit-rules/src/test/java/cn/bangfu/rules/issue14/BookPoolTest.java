package cn.bangfu.rules.issue14;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.IncomeItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.load.Drafts;
import cn.bangfu.rules.load.RuleProblem;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.load.RuleSetParser;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.Warning;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 point 6: the PV rule sets take their pool from the cooperative's book (grid income and the PV price
 * subsidy, less O&M, by the categories and accounts the book holds them under), not from platform orders, and
 * every cost of the period the pool did not place is a warning in the draft. Seed 001: a 60 kW village station
 * in each of Dingnan's 25 poor villages, 60% of its yearly income to the village's poor households.
 */
class BookPoolTest {
    static final RuleSetCatalog CATALOG = RuleSetCatalog.loadBuiltIn();

    /** One village's station year: what the accountant booked. */
    static PeriodFacts stationYear() {
        List<MemberFacts> village = List.of(
                MemberFacts.builder(1).status(HouseholdStatus.REGISTERED_POOR).laborCapacity(LaborCapacity.NONE).build(),
                MemberFacts.builder(2).status(HouseholdStatus.REGISTERED_POOR).laborDays(150).build(),
                MemberFacts.builder(3).status(HouseholdStatus.MONITORED).laborDays(90).build());
        return new PeriodFacts(9, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
                // platform orders of the cooperative's oil tea: not the station's money
                50_000_000,
                List.of(new CostItem("OPERATION_MAINTENANCE", 480_000),   // 运维 4,800 元
                        new CostItem("MATERIALS", 125_000),               // 1,250 元 booked as materials
                        new CostItem("ADMIN", 30_000)),                   // 300 元 administration
                village, java.util.Map.of(), null,
                List.of(new IncomeItem("PV_GRID", "501", "经营收入", 5_280_000),      // 并网电费 52,800 元
                        new IncomeItem("PV_SUBSIDY", "511", "其他收入", 1_200_000),   // 电价补贴 12,000 元
                        new IncomeItem("OFF_PLATFORM_SALES", "501", "经营收入", 800_000)));
    }

    @Test
    void the_village_station_pool_is_grid_income_and_subsidy_less_om_from_the_book() {
        AllocationResult r = Allocator.allocate(CATALOG.get("pv-station-welfare-posts"), stationYear());
        // pool = 5,280,000 + 1,200,000 − 480,000 = 6,000,000 fen (60,000 元); the 500,000 元 of orders and the
        // 8,000 元 of other sales are not the station's
        assertThat(r.poolFen()).isEqualTo(6_000_000);
        assertThat(r.poolExplanationZh()).contains("PV_GRID 501 经营收入").contains("PV_SUBSIDY 511 其他收入")
                .contains("64,800.00 − 4,800.00 = 60,000.00 元");
        // 60% = 3,600,000 fen to the poor households, 40% = 2,400,000 to the village collective
        assertThat(r.step("poor-households").amountFen()).isEqualTo(3_600_000);
        assertThat(r.step("village-collective").amountFen()).isEqualTo(2_400_000);
        assertThat(r.totalLinesFen()).isEqualTo(6_000_000);
    }

    @Test
    void costs_the_pool_did_not_place_are_warned_one_by_one_with_their_amounts() {
        AllocationResult r = Allocator.allocate(CATALOG.get("pv-station-welfare-posts"), stationYear());
        // on main the pool matched only OPERATION_MAINTENANCE and dropped the rest without a word
        assertThat(r.warnings()).filteredOn(w -> w.kind() == Warning.Kind.COST_NOT_PLACED)
                .extracting(Warning::amountFen).containsExactly(125_000L, 30_000L);
        assertThat(r.warnings()).filteredOn(w -> w.kind() == Warning.Kind.COST_NOT_PLACED).first()
                .extracting(Warning::messageZh).asString()
                .contains("1,250.00 元").contains("MATERIALS").contains("OPERATION_MAINTENANCE");
    }

    @Test
    void household_rooftop_pv_reads_the_same_book() {
        // 669 households × 4,800 元 = 3,211,200 元 guaranteed; the book: grid 3,500,000 元 + subsidy 100,000 元 − O&M
        // 200,000 元 = 3,400,000 元 → 188,800 元 to the enterprise
        List<MemberFacts> households = new java.util.ArrayList<>();
        for (int id = 1; id <= 669; id++) {
            households.add(MemberFacts.builder(id).status(HouseholdStatus.REGISTERED_POOR).build());
        }
        PeriodFacts f = PeriodFacts.of(1, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 0,
                List.of(new CostItem("OPERATION_MAINTENANCE", 20_000_000)), households)
                .withIncome(List.of(IncomeItem.of("PV_GRID", 350_000_000), IncomeItem.of("PV_SUBSIDY", 10_000_000)));
        AllocationResult r = Allocator.allocate(CATALOG.get("household-rooftop-pv"), f);
        assertThat(r.poolFen()).isEqualTo(340_000_000);
        assertThat(r.step("household-guarantee").amountFen()).isEqualTo(321_120_000);
        assertThat(r.step("operator-share").amountFen()).isEqualTo(18_880_000);
        assertThat(r.warnings()).extracting(Warning::kind).doesNotContain(Warning.Kind.COST_NOT_PLACED);
    }

    @Test
    void a_book_pool_names_its_income_and_only_a_book_pool_reads_income() {
        String steps = """
                steps:
                  - {id: a, nameZh: 甲, nameEn: A, remaining: true, recipient: operator}
                """;
        List<RuleProblem> missing = RuleSetParser.parse("draft.yaml",
                Drafts.HEAD.replace("pool: {kind: surplus}", "pool: {kind: book, costCategories: [OPERATION_MAINTENANCE]}")
                        + steps).problems();
        assertThat(missing).extracting(RuleProblem::field).containsExactly("pool.incomeCategories");
        List<RuleProblem> misplaced = RuleSetParser.parse("draft.yaml",
                Drafts.HEAD.replace("pool: {kind: surplus}", "pool: {kind: surplus, incomeCategories: [PV_GRID]}")
                        + steps).problems();
        assertThat(misplaced).extracting(RuleProblem::field).containsExactly("pool.incomeCategories");
    }
}
