package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.BaseArea;
import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PeriodFacts;
import cn.bangfu.rules.model.ComplianceCheck;
import cn.bangfu.rules.result.ComplianceResult;
import cn.bangfu.rules.result.ComplianceResult.Status;
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
        long employed = 0;
        for (MemberFacts m : members) {
            if (c.poorStatuses().contains(m.status())) {
                linked++;
                employed += m.employedPersons();
            }
        }
        BaseArea base = baseArea(f, members);
        String area = base.mu().stripTrailingZeros().toPlainString();
        String per = c.perMu().stripTrailingZeros().toPlainString();
        Map<String, Object> figures = new HashMap<>();
        figures.put("poorHouseholdsLinked", linked);
        figures.put("poorLaborersEmployed", employed);
        figures.put("perMu", c.perMu().toPlainString());
        figures.put("areaMu", base.mu().toPlainString());
        figures.put("areaSource", base.source().name());
        // Each complete block of perMu requires the minimums (每发展 100 亩 → 1 户 + 1 人).
        long blocks = base.mu().divide(c.perMu(), 0, RoundingMode.DOWN).longValueExact();
        if (blocks == 0) {
            // Nothing to measure: reporting "达标" over no base would certify a cooperative that has no base.
            String zhReason = base.mu().signum() == 0
                    ? "无基地面积（未登记地块、无合同面积、成员无土地入股）"
                    : "基地 " + area + " 亩（" + base.source().zh() + "）不足 " + per + " 亩";
            String enReason = base.mu().signum() == 0
                    ? "no base area (no registered plots, no contract area, no land shares)"
                    : "a base of " + area + " mu (" + base.source().en() + ") is less than " + per + " mu";
            return new ComplianceResult(c.id(), c.nameZh(), c.nameEn(), Status.NOT_APPLICABLE, figures,
                    zhReason + "，本检查不适用（不视为达标）。实际带动 " + linked + " 户、雇用 " + employed + " 人。",
                    "Not applicable: " + enReason + " (not a pass). Actual " + linked + " household(s) linked, "
                            + employed + " labourer(s) employed.");
        }
        long needHouseholds = blocks * c.minPoorHouseholds();
        long needLaborers = blocks * c.minPoorLaborers();
        boolean householdsOk = linked >= needHouseholds;
        boolean laborersOk = employed >= needLaborers;
        figures.put("requiredPoorHouseholds", needHouseholds);
        figures.put("requiredPoorLaborers", needLaborers);
        String zh = "基地 " + area + " 亩（" + base.source().zh() + "），每 " + per + " 亩需带动 " + c.minPoorHouseholds()
                + " 户、雇用 " + c.minPoorLaborers() + " 名贫困劳动力：应带动 " + needHouseholds + " 户、雇用 "
                + needLaborers + " 人；实际带动 " + linked + " 户、雇用 " + employed + " 人。"
                + verdictZh(householdsOk, laborersOk);
        String en = area + " mu (" + base.source().en() + "); per " + per + " mu at least " + c.minPoorHouseholds()
                + " poor household(s) linked and " + c.minPoorLaborers() + " poor labourer(s) employed: required "
                + needHouseholds + " / " + needLaborers + ", actual " + linked + " / " + employed + ". "
                + verdictEn(householdsOk, laborersOk);
        return new ComplianceResult(c.id(), c.nameZh(), c.nameEn(),
                householdsOk && laborersOk ? Status.PASSED : Status.FAILED, figures, zh, en);
    }

    /**
     * The registered plots or the contract area when the server knows them; otherwise the land members put in as
     * shares, which is all the engine can see but often not the base (leased land carries no shares).
     */
    private static BaseArea baseArea(PeriodFacts f, MemberFacts[] members) {
        if (f.baseArea() != null) {
            return f.baseArea();
        }
        BigDecimal land = BigDecimal.ZERO;
        for (MemberFacts m : members) {
            land = land.add(m.landMu());
        }
        return new BaseArea(BaseArea.Source.LAND_SHARES, land);
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
