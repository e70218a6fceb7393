package cn.bangfu.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.load.RuleSetParser;
import cn.bangfu.rules.model.FixedRecipient;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.result.AllocationLine;
import cn.bangfu.rules.result.AllocationResult;
import cn.bangfu.rules.result.Warning;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constructs not covered by a built-in rule set: caps, fixed amounts, account pools. */
class ConstructsTest {
    static final String HEAD = """
            id: draft
            version: 1
            nameZh: 草稿
            nameEn: Draft
            source: {zh: 测试, en: test}
            """;

    static RuleSet rule(String body) {
        return RuleSetParser.parse("draft.yaml", HEAD + body).orThrow();
    }

    static PeriodFacts year(long revenueFen, MemberFacts... ms) {
        return PeriodFacts.of(1, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), revenueFen, List.of(), List.of(ms));
    }

    static MemberFacts delivered(long id, long fen) {
        return MemberFacts.builder(id).deliveryValueFen(fen).build();
    }

    @Test
    void a_cap_cuts_a_share_and_re_splits_the_excess_among_the_others() {
        RuleSet r = rule("""
                pool: {kind: surplus}
                steps:
                  - {id: rebate, nameZh: 返还, nameEn: Rebate, remaining: true, basis: delivery_value, fallback: operator,
                     capPerHouseholdPerYearFen: 500000, overflowTo: village_collective}
                """);
        // given 10,000 元 by 8 : 1 : 1 → 8,000 / 1,000 / 1,000; household 1 is capped at 5,000 元
        AllocationResult res = Allocator.allocate(r, year(1_000_000, delivered(1, 800), delivered(2, 100), delivered(3, 100)));
        // then the 3,000 元 excess goes 1 : 1 to the others
        assertThat(res.amountFen("rebate", 1)).isEqualTo(500_000);
        assertThat(res.amountFen("rebate", 2)).isEqualTo(250_000);
        assertThat(res.amountFen("rebate", 3)).isEqualTo(250_000);
        assertThat(res.lines().get(0).capped()).isTrue();
        assertThat(res.lines().get(0).explanationZh()).contains("上限");
    }

    @Test
    void when_everyone_is_capped_the_rest_overflows_to_the_named_recipient() {
        RuleSet r = rule("""
                pool: {kind: surplus}
                steps:
                  - {id: rebate, nameZh: 返还, nameEn: Rebate, remaining: true, basis: equal, fallback: operator,
                     capPerHouseholdPerYearFen: 300000, overflowTo: village_collective}
                """);
        // 10,000 元 among 2 households capped at 3,000 元 each → 4,000 元 to the village collective
        AllocationResult res = Allocator.allocate(r, year(1_000_000, delivered(1, 1), delivered(2, 1)));
        assertThat(res.amountFen("rebate", 1)).isEqualTo(300_000);
        assertThat(res.lines()).filteredOn(l -> l.kind() == AllocationLine.Kind.OVERFLOW)
                .extracting(AllocationLine::amountFen).containsExactly(400_000L);
        assertThat(res.warnings()).extracting(Warning::kind).containsExactly(Warning.Kind.CAP_OVERFLOW);
        assertThat(res.totalLinesFen()).isEqualTo(1_000_000);
    }

    @Test
    void a_fixed_amount_is_paid_first_and_a_short_pool_is_reported() {
        RuleSet r = rule("""
                pool: {kind: account, account: donations}
                steps:
                  - {id: training, nameZh: 培训, nameEn: Training, amountFen: 500000, recipient: village_collective}
                  - {id: rest, nameZh: 其余, nameEn: Rest, remaining: true, recipient: operator}
                """);
        PeriodFacts f = new PeriodFacts(1, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31), 0, List.of(), List.of(),
                java.util.Map.of("donations", 300_000L), null, List.of());
        AllocationResult res = Allocator.allocate(r, f);
        assertThat(res.poolFen()).isEqualTo(300_000);
        assertThat(res.lines()).extracting(l -> l.recipient().fixed(), AllocationLine::amountFen).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FixedRecipient.VILLAGE_COLLECTIVE, 300_000L),
                org.assertj.core.groups.Tuple.tuple(FixedRecipient.OPERATOR, 0L));
        assertThat(res.warnings()).extracting(Warning::kind).containsExactly(Warning.Kind.FIXED_AMOUNT_SHORTFALL);
    }

    @Test
    void a_result_serialises_to_plain_json() throws Exception {
        RuleSet r = rule("""
                pool: {kind: fixed, amountFen: 100}
                steps:
                  - {id: all, nameZh: 全部, nameEn: All, remaining: true, basis: equal, fallback: operator}
                """);
        String json = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(Allocator.allocate(r, year(0, delivered(5, 1), delivered(9, 1))).toMap());
        assertThat(json).contains("\"householdId\":\"5\"").contains("\"amountFen\":50").contains("explanationEn");
    }
}
