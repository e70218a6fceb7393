package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.CostItem;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.model.PoolDefinition;
import cn.bangfu.rules.facts.IncomeItem;
import cn.bangfu.rules.result.Money;
import java.util.ArrayList;
import java.util.List;

/** Computes the pool of a run from its definition and the period's settled figures. */
final class PoolCalculator {

    /** @param notPlaced for a book pool: the period's costs it did not subtract, for the reviewer to see */
    record Pool(long amountFen, String zh, String en, boolean empty, List<CostItem> notPlaced) {
        Pool(long amountFen, String zh, String en, boolean empty) {
            this(amountFen, zh, en, empty, List.of());
        }
    }

    private PoolCalculator() {
    }

    static Pool compute(PoolDefinition def, PeriodFacts f) {
        if (def == null) {
            return new Pool(0, "本规则只做合规检查，不分配资金", "Compliance check only: no money is allocated", false);
        }
        return switch (def.kind()) {
            case SURPLUS -> difference(f.settledRevenueFen(), sumCosts(f, def, true), "盈余 = 已结算收入 − 全部成本",
                    "surplus = settled revenue − all costs");
            case REVENUE_MINUS_COSTS -> difference(f.settledRevenueFen(), sumCosts(f, def, false),
                    "可分配 = 已结算收入 − " + String.join("、", def.costCategories()),
                    "pool = settled revenue − " + String.join(", ", def.costCategories()));
            case BOOK -> book(def, f);
            case ACCOUNT -> {
                Long bal = f.accounts().get(def.account());
                long v = bal == null ? 0 : Math.max(0, bal);
                yield new Pool(v, "账户「" + def.account() + "」余额 " + Money.yuan(v) + " 元",
                        "balance of account '" + def.account() + "': " + Money.yuan(v) + " yuan", v == 0);
            }
            case FIXED -> new Pool(def.amountFen(), "定额 " + Money.yuan(def.amountFen()) + " 元",
                    "fixed amount of " + Money.yuan(def.amountFen()) + " yuan", def.amountFen() == 0);
        };
    }

    /**
     * Income of the named categories as the book holds it, less the named costs. A cost of another category is
     * not guessed into the pool (an O&M bill typed as MATERIALS would otherwise vanish or be taken twice): it is
     * listed, so the draft shows it and the accountant moves it or lets a later run deduct it.
     */
    private static Pool book(PoolDefinition def, PeriodFacts f) {
        long income = 0;
        List<String> incomeParts = new ArrayList<>();
        for (IncomeItem i : f.income()) {
            if (def.incomeCategories().contains(i.category())) {
                income = Math.addExact(income, i.amountFen());
            }
        }
        for (String category : def.incomeCategories()) {
            incomeParts.add(category + accountName(f, category));
        }
        List<CostItem> notPlaced = new ArrayList<>();
        for (CostItem c : f.costs()) {
            if (!def.costCategories().contains(c.category())) {
                notPlaced.add(c);
            }
        }
        String costs = def.costCategories().isEmpty() ? "0" : String.join("、", def.costCategories());
        Pool p = difference(income, sumCosts(f, def, false),
                "可分配 = 账簿收入（" + String.join("、", incomeParts) + "）− 成本（" + costs + "）",
                "pool = book income (" + String.join(", ", def.incomeCategories()) + ") − costs ("
                        + String.join(", ", def.costCategories()) + ")");
        return new Pool(p.amountFen(), p.zh(), p.en(), p.empty(), notPlaced);
    }

    /** " 经营收入" when the facts say which chart account the category was credited to. */
    private static String accountName(PeriodFacts f, String category) {
        for (IncomeItem i : f.income()) {
            if (i.category().equals(category) && i.accountName() != null) {
                return " " + (i.accountCode() == null ? "" : i.accountCode() + " ") + i.accountName();
            }
        }
        return "";
    }

    private static long sumCosts(PeriodFacts f, PoolDefinition def, boolean all) {
        long sum = 0;
        for (CostItem c : f.costs()) {
            if (all || def.costCategories().contains(c.category())) {
                sum = Math.addExact(sum, c.amountFen());
            }
        }
        return sum;
    }

    private static Pool difference(long revenue, long costs, String zh, String en) {
        long d = revenue - costs;
        String figures = Money.yuan(revenue) + " − " + Money.yuan(costs) + " = " + Money.yuan(d) + " 元";
        if (d <= 0) {
            return new Pool(0, zh + "：" + figures + "，不大于零，本期无可分配资金",
                    en + ": " + figures.replace(" 元", " yuan") + ", not positive: nothing to allocate", true);
        }
        return new Pool(d, zh + "：" + figures, en + ": " + figures.replace(" 元", " yuan"), false);
    }
}
