package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.model.ComplianceCheck;
import cn.bangfu.rules.result.ComplianceResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/** Evaluates compliance checks. They only report: nothing here touches an amount. */
final class ComplianceEvaluator {

    private ComplianceEvaluator() {
    }

    static ComplianceResult evaluate(ComplianceCheck c, PeriodFacts f, MemberFacts[] members) {
        long linked = 0;
        for (MemberFacts m : members) {
            if (c.poorStatuses().contains(m.status())) {
                linked++;
            }
        }
        Map<String, Object> figures = new HashMap<>();
        figures.put("poorHouseholdsLinked", linked);
        figures.put("perMu", c.perMu().toPlainString());
        if (f.areaMu() == null || f.poorLaborersEmployed() == null) {
            String missing = f.areaMu() == null ? "areaMu" : "poorLaborersEmployed";
            figures.put("missing", missing);
            return new ComplianceResult(c.id(), c.nameZh(), c.nameEn(), false, false, figures,
                    "缺少" + (f.areaMu() == null ? "基地面积" : "雇用贫困劳动力人数") + "，未能检查",
                    "Not evaluated: the facts lack " + missing);
        }
        // Each complete block of perMu requires the minimums (每发展 100 亩 → 1 户 + 1 人).
        long blocks = f.areaMu().divide(c.perMu(), 0, RoundingMode.DOWN).longValueExact();
        long needHouseholds = blocks * c.minPoorHouseholds();
        long needLaborers = blocks * c.minPoorLaborers();
        long employed = f.poorLaborersEmployed();
        boolean householdsOk = linked >= needHouseholds;
        boolean laborersOk = employed >= needLaborers;
        figures.put("areaMu", f.areaMu().toPlainString());
        figures.put("requiredPoorHouseholds", needHouseholds);
        figures.put("requiredPoorLaborers", needLaborers);
        figures.put("poorLaborersEmployed", employed);
        String area = f.areaMu().stripTrailingZeros().toPlainString();
        String per = c.perMu().stripTrailingZeros().toPlainString();
        String zh = "基地 " + area + " 亩，每 " + per + " 亩需带动 " + c.minPoorHouseholds() + " 户、雇用 " + c.minPoorLaborers()
                + " 名贫困劳动力：应带动 " + needHouseholds + " 户、雇用 " + needLaborers + " 人；实际带动 " + linked + " 户、雇用 "
                + employed + " 人。" + verdictZh(householdsOk, laborersOk);
        String en = area + " mu; per " + per + " mu at least " + c.minPoorHouseholds() + " poor household(s) linked and "
                + c.minPoorLaborers() + " poor labourer(s) employed: required " + needHouseholds + " / " + needLaborers
                + ", actual " + linked + " / " + employed + ". " + verdictEn(householdsOk, laborersOk);
        return new ComplianceResult(c.id(), c.nameZh(), c.nameEn(), true, householdsOk && laborersOk, figures, zh, en);
    }

    private static String verdictZh(boolean h, boolean l) {
        if (h && l) {
            return "达标。";
        }
        return (h ? "" : "带动户数不足；") + (l ? "" : "雇用人数不足；") + "不达标（仅提示，不影响分配）。";
    }

    private static String verdictEn(boolean h, boolean l) {
        if (h && l) {
            return "Passed.";
        }
        return "Failed:" + (h ? "" : " too few poor households linked;") + (l ? "" : " too few poor labourers employed;")
                + " reported only, no money moved.";
    }

}
