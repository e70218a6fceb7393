package cn.bangfu.rules.bench;

import cn.bangfu.rules.engine.Allocator;
import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.load.RuleSetParser;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.result.AllocationResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One pool among 1,000,000 households in two steps (60% by delivery value, the rest by share-days), on the
 * calling thread only. Not a test: run with {@code mvn -q -pl benefit-rules test-compile exec:exec@bench}.
 */
public final class AllocationBenchmark {
    static final String RULE = """
            id: bench-two-steps
            version: 1
            nameZh: 基准：两步分配
            nameEn: Benchmark, two steps
            source: {zh: 基准测试, en: benchmark}
            parameters: {landValueFenPerMu: 80000}
            pool: {kind: surplus}
            steps:
              - {id: rebate, nameZh: 按交易量返还, nameEn: Rebate, percent: 60, basis: delivery_value, fallback: operator}
              - {id: dividend, nameZh: 按股分红, nameEn: Dividend, remaining: true, basis: share_units, fallback: operator}
            """;

    private AllocationBenchmark() {
    }

    public static void main(String[] args) {
        String only = System.getProperty("bench.only", "all");
        if (!only.isBlank() && !only.equals("all") && !only.equals("rules")) {
            System.out.println("rules benchmark skipped (-Dbench.only=" + only + ")");
            return;
        }
        int households = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        RuleSet rule = RuleSetParser.parse("bench.yaml", RULE).orThrow();
        LocalDate start = LocalDate.of(2023, 1, 1);
        Random rnd = new Random(42);
        List<MemberFacts> members = new ArrayList<>(households);
        for (int i = 1; i <= households; i++) {
            members.add(MemberFacts.builder(i).status(HouseholdStatus.values()[i % 5])
                    .deliveryValueFen(rnd.nextInt(2_000_000))
                    .share(ShareHolding.of(ShareClass.values()[i % 4], 1 + rnd.nextInt(10_000),
                            start.plusDays(rnd.nextInt(365)))).build());
        }
        // 1,234,567,891.23 元 of surplus: large enough that most parts have remainders
        PeriodFacts sorted = PeriodFacts.of(1, start, LocalDate.of(2023, 12, 31), 223_456_789_123L,
                List.of(new CostItem("ALL", 100_000_000_000L)), members);
        List<MemberFacts> shuffledList = new ArrayList<>(members);
        Collections.shuffle(shuffledList, new Random(7));
        PeriodFacts shuffled = sorted.withMembers(shuffledList);

        System.out.printf("households=%,d  cpus=%d  java=%s%n", households, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        report("input in household-id order", rule, sorted, rounds);
        report("input shuffled", rule, shuffled, rounds);
    }

    private static void report(String label, RuleSet rule, PeriodFacts facts, int rounds) {
        long[] ms = new long[rounds];
        AllocationResult r = null;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            r = Allocator.allocate(rule, facts);
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        if (r.totalLinesFen() != r.poolFen()) {
            throw new AssertionError("parts do not sum to the pool");
        }
        long[] sortedMs = ms.clone();
        Arrays.sort(sortedMs);
        System.out.printf("%-28s lines=%,d pool=%,d fen  per run ms: %s  -> best %d ms, median %d ms%n", label,
                r.lines().size(), r.poolFen(), Arrays.toString(ms), sortedMs[0], sortedMs[rounds / 2]);
    }
}
