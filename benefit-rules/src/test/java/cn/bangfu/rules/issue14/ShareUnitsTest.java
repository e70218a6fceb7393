package cn.bangfu.rules.issue14;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.load.ParseResult;
import cn.bangfu.rules.load.RuleProblem;
import cn.bangfu.rules.load.Drafts;
import cn.bangfu.rules.load.RuleSetCatalog;
import cn.bangfu.rules.load.RuleSetParser;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.result.AllocationResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 1: land in 亩 is not added to shares in 元. The demo cooperative (岑丰村葡萄合作社): 36
 * households, household 1 with 30 亩 of land shares, the others 12.5 亩; the 32 poor households (1..32) also
 * hold 3,000 元 of fiscal shares each; 33..36 are ordinary members. All shares held the whole of 2026.
 */
class ShareUnitsTest {
    static final LocalDate JAN1 = LocalDate.of(2026, 1, 1);

    static List<MemberFacts> demoMembers() {
        List<MemberFacts> ms = new ArrayList<>();
        for (int id = 1; id <= 36; id++) {
            boolean poor = id <= 32;
            MemberFacts.Builder b = MemberFacts.builder(id)
                    .status(poor ? HouseholdStatus.REGISTERED_POOR : HouseholdStatus.ORDINARY)
                    .deliveryValueFen(100_000)
                    .share(new ShareHolding(ShareClass.LAND, new BigDecimal(id == 1 ? "30" : "12.5"), JAN1, null));
            if (poor) {
                b.share(ShareHolding.of(ShareClass.FISCAL, 3_000, JAN1));
            }
            ms.add(b.build());
        }
        return ms;
    }

    @Test
    void the_demo_ordinary_member_with_12_5_mu_gets_89_62_yuan_of_the_4212_yuan_dividend_not_0_55() {
        // given: a surplus of 11,700 元 → provident fund 10% = 1,170; distributable 10,530; rebate 60% = 6,318;
        // share dividend 40% = 4,212 元 (the demo's figure)
        PeriodFacts facts = PeriodFacts.of(1, JAN1, LocalDate.of(2026, 12, 31), 1_170_000, List.of(), demoMembers());
        RuleSet rule = RuleSetCatalog.loadBuiltIn().get("coop-surplus-60");

        // when
        AllocationResult r = Allocator.allocate(rule, facts);

        // then: on main 12.5 亩 counted as 12.5 元: 421,200 fen × 12.5 / (96,000 + 467.5) = 54.58 fen → 0.55 元.
        // Now land is valued at the file's 800 元 per 亩: weights (元·days ÷ 365)
        //   household 1:     3,000 + 30 × 800   = 27,000
        //   households 2–32: 3,000 + 12.5 × 800 = 13,000  (31 of them)
        //   households 33–36:        12.5 × 800 = 10,000  (4 of them)
        //   total 27,000 + 403,000 + 40,000 = 470,000
        // 421,200 fen × 10,000 / 470,000 = 8,961.70 → floor 8,961;  × 13,000 / 470,000 = 11,650.21 → 11,650;
        //   × 27,000 / 470,000 = 24,196.60 → 24,196. Floors sum 24,196 + 31 × 11,650 + 4 × 8,961 = 421,190:
        //   10 leftover fen go to the largest remainders: .70 (33–36: 4 fen), .60 (1: 1 fen), .21 (2–6: 5 fen)
        assertThat(r.step("share-dividend").amountFen()).isEqualTo(421_200);
        assertThat(r.amountFen("share-dividend", 33)).isEqualTo(8_962);  // 89.62 元
        assertThat(r.amountFen("share-dividend", 36)).isEqualTo(8_962);
        assertThat(r.amountFen("share-dividend", 1)).isEqualTo(24_197);
        assertThat(r.amountFen("share-dividend", 6)).isEqualTo(11_651);
        assertThat(r.amountFen("share-dividend", 7)).isEqualTo(11_650);
        assertThat(r.totalLinesFen()).isEqualTo(1_170_000);
    }

    @Test
    void the_fiscal_fraction_of_the_demo_is_counted_in_yuan_20_43_percent_not_99_5() {
        // given: fiscal-equity-guaranteed read plus_dividend so the equity fraction shows on its own; a profit
        // of 100,000 元 and no guarantee owed (fiscal shares of an exited-long-ago household would complicate:
        // here all 32 are poor and owed 5% of 3,000 = 150 元 each = 4,800 元)
        RuleSet floor = RuleSetCatalog.loadBuiltIn().get("fiscal-equity-guaranteed");
        RuleSet plus = RuleSetParser.parse(floor.fileName(), floor.yamlText()
                .replace("guaranteeReading: floor", "guaranteeReading: plus_dividend")).ruleSet();
        PeriodFacts facts = PeriodFacts.of(1, JAN1, LocalDate.of(2026, 12, 31), 10_000_000, List.of(), demoMembers());

        AllocationResult r = Allocator.allocate(plus, facts);

        // then: guarantee 32 × 150 = 4,800 元; the rest 95,200 元 × fiscal 96,000 / all 470,000 元 (land at
        // 800 元 per 亩) = 19,445.106… 元 → 1,944,511 fen (the larger remainder of the two shares). On main the
        // fraction was 96,000 / 96,467.5 = 99.5 % → 94,738.16 元.
        assertThat(r.step("fiscal-guaranteed").amountFen()).isEqualTo(480_000);
        assertThat(r.step("fiscal-dividend").amountFen()).isEqualTo(1_944_511);
        assertThat(r.step("other-dividend").amountFen()).isEqualTo(9_520_000 - 1_944_511);
    }

    @Test
    void mixing_mu_and_yuan_without_a_valuation_is_a_problem_naming_the_file_and_the_field() {
        String yaml = Drafts.HEAD + """
                steps:
                  - id: dividend
                    nameZh: 按股分红
                    nameEn: Dividend
                    remaining: true
                    basis: share_units
                    shareClasses: [CAPITAL, LAND]
                    fallback: operator
                """;
        ParseResult p = RuleSetParser.parse("draft.yaml", yaml);
        assertThat(p.isValid()).isFalse();
        assertThat(p.problems()).hasSize(1);
        RuleProblem problem = p.problems().get(0);
        assertThat(problem.file()).isEqualTo("draft.yaml");
        assertThat(problem.field()).isEqualTo("steps[0].shareClasses");
        assertThat(problem.message()).contains("CAPITAL in 元").contains("LAND in 亩").contains("landValueFenPerMu");

        // a valuation in the file's parameters, or class weights, makes it valid
        assertThat(RuleSetParser.parse("draft.yaml", yaml.replace("pool:", "parameters: {landValueFenPerMu: 80000}\npool:"))
                .isValid()).isTrue();
        assertThat(RuleSetParser.parse("draft.yaml",
                yaml.replace("pool:", "parameters: {classWeights: {CAPITAL: 1, LAND: 800}}\npool:")).isValid()).isTrue();
        // classes of one unit need nothing
        assertThat(RuleSetParser.parse("draft.yaml", yaml.replace("[CAPITAL, LAND]", "[CAPITAL, FISCAL]")).isValid())
                .isTrue();
        // no shareClasses means all classes: mixed as well, reported at the basis
        assertThat(RuleSetParser.parse("draft.yaml", yaml.replace("    shareClasses: [CAPITAL, LAND]\n", ""))
                .problems()).extracting(RuleProblem::field).containsExactly("steps[0].basis");
    }

    @Test
    void an_equity_fraction_always_needs_land_valued_because_its_denominator_is_the_whole_equity() {
        String yaml = Drafts.HEAD + """
                steps:
                  - {id: fiscal, nameZh: 财政股, nameEn: Fiscal, equityFractionOf: [FISCAL], basis: share_units, shareClasses: [FISCAL], fallback: operator}
                  - {id: rest, nameZh: 其余, nameEn: Rest, remaining: true, recipient: operator}
                """;
        assertThat(RuleSetParser.parse("draft.yaml", yaml).problems()).extracting(RuleProblem::field)
                .containsExactly("steps[0].equityFractionOf");
    }

    @Test
    void land_valued_by_the_charter_uses_the_valuation_recorded_with_each_holding() {
        // given: a file that values land by the charter; household 1 put in 10 亩 valued 1,000 元 per 亩,
        // household 2 holds 10,000 元 of capital
        RuleSet rule = RuleSetParser.parse("charter.yaml", """
                id: charter
                version: 1
                nameZh: 章程作价
                nameEn: Charter valuation
                source: {zh: 测试, en: test}
                parameters: {landValueFenPerMu: charter}
                pool: {kind: fixed, amountFen: 2000000}
                steps:
                  - {id: dividend, nameZh: 分红, nameEn: Dividend, remaining: true, basis: share_units, fallback: operator}
                """).ruleSet();
        MemberFacts land = MemberFacts.builder(1)
                .share(new ShareHolding(ShareClass.LAND, BigDecimal.TEN, JAN1, null, BigDecimal.valueOf(100_000))).build();
        MemberFacts capital = MemberFacts.builder(2).share(ShareHolding.of(ShareClass.CAPITAL, 10_000, JAN1)).build();
        AllocationResult r = Allocator.allocate(rule,
                PeriodFacts.of(1, JAN1, LocalDate.of(2026, 12, 31), 0, List.of(), List.of(land, capital)));
        // then: 10 亩 × 1,000 元 = 10,000 元 against 10,000 元 of capital: 20,000 元 split evenly
        assertThat(r.amountFen("dividend", 1)).isEqualTo(1_000_000);
        assertThat(r.amountFen("dividend", 2)).isEqualTo(1_000_000);
    }
}
