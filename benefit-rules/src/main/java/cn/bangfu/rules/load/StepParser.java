package cn.bangfu.rules.load;

import cn.bangfu.rules.model.Basis;
import cn.bangfu.rules.model.Eligibility;
import cn.bangfu.rules.model.FixedRecipient;
import cn.bangfu.rules.model.Guarantee;
import cn.bangfu.rules.model.GuaranteeReading;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.model.RuleParameters;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.model.Step;
import cn.bangfu.rules.model.StepShare;
import java.math.BigDecimal;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Set;

/** Reads the {@code steps} of a rule file and checks each level: shares, remaining, fallbacks, caps. */
final class StepParser {
    private static final Set<String> STEP_FIELDS = Set.of("id", "nameZh", "nameEn", "percent", "remaining", "amountFen",
            "guaranteed", "equityFractionOf", "basis", "shareClasses", "recipient", "split", "eligibility", "fallback",
            "fallbackStep", "capPerHouseholdPerYearFen", "overflowTo");
    private static final Set<String> ELIGIBILITY_FIELDS = Set.of("status", "notBlacklisted", "laborCapacity",
            "minLaborDays", "laborExempt", "laborMinimumPercent", "fiscalTransition");
    private static final Set<String> GUARANTEE_FIELDS = Set.of("ratePercentPerYear", "unitValueFen", "perUnitPerYearFen",
            "perLaborDayFen", "postPay", "liability");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Set<String> stepIds = new HashSet<>();
    private final RuleParameters parameters;

    StepParser(RuleParameters parameters) {
        this.parameters = parameters;
    }

    /** Parses one level; returns null if anything in it is invalid (problems are recorded). */
    List<Step> level(List<Fields> items, Fields owner, String key) {
        if (items.isEmpty()) {
            owner.problemAtKey(key, "needs at least one step");
            return null;
        }
        int before = owner.problems.size();
        List<Step> steps = new ArrayList<>();
        for (Fields f : items) {
            steps.add(step(f));
        }
        checkLevel(items, steps, owner, key);
        checkFloorOrder(items, steps);
        return owner.problems.size() == before ? steps : null;
    }

    private Step step(Fields f) {
        f.rejectUnknown(STEP_FIELDS);
        String id = f.requiredString("id");
        if (id != null && !stepIds.add(id)) {
            f.problemAtKey("id", "step id '" + id + "' is used twice; statement lines refer to steps by id");
        }
        String nameZh = f.requiredString("nameZh");
        String nameEn = f.requiredString("nameEn");
        StepShare share = share(f);
        Basis basis = null;
        if (f.has("basis")) {
            String b = f.string("basis");
            basis = b == null ? null : Basis.fromYaml(b).orElse(null);
            if (b != null && basis == null) {
                f.problemAtKey("basis", "unknown basis '" + b + "' (allowed: delivery_value, share_units, labor_days,"
                        + " land_mu, equal; for village_collective, provident_fund or operator use 'recipient')");
            }
        }
        FixedRecipient recipient = recipient(f, "recipient");
        List<Step> children = null;
        if (f.has("split")) {
            children = level(f.children("split"), f, "split");
        }
        int kinds = (f.has("basis") ? 1 : 0) + (f.has("recipient") ? 1 : 0) + (f.has("split") ? 1 : 0);
        if (kinds != 1) {
            f.problem(f.map, f.field("basis"), "a step needs exactly one of 'basis' (split among households),"
                    + " 'recipient' (a fixed recipient) or 'split' (nested steps); found " + kinds);
        }
        Set<ShareClass> classes = f.enumSet("shareClasses", ShareClass.class, ShareClass::valueOf);
        if (!classes.isEmpty() && basis != Basis.SHARE_UNITS) {
            f.problemAtKey("shareClasses", "only a step with basis share_units has share classes");
        }
        if (basis == Basis.SHARE_UNITS) {
            checkUnits(f, classes.isEmpty() ? Set.of(ShareClass.values()) : classes,
                    f.has("shareClasses") ? "shareClasses" : "basis");
        }
        if (share != null && share.kind() == StepShare.Kind.EQUITY_FRACTION) {
            // the fraction's denominator is the whole equity, every class: it must be in one unit
            checkUnits(f, Set.of(ShareClass.values()), "equityFractionOf");
        }
        Eligibility eligibility = eligibility(f);
        if (f.has("eligibility") && !f.has("basis")) {
            f.problemAtKey("eligibility", "only a step split among households (with 'basis') has eligibility");
        }
        Guarantee guarantee = guarantee(f, basis);
        FixedRecipient fallback = recipient(f, "fallback");
        String fallbackStep = f.string("fallbackStep");
        if (f.has("basis") && share != null && share.kind() != StepShare.Kind.GUARANTEED
                && !f.has("fallback") && !f.has("fallbackStep")) {
            f.problem(f.map, f.field("fallback"), "a step split among households needs 'fallback' (village_collective,"
                    + " provident_fund or operator) or 'fallbackStep' for a period in which no household is eligible");
        }
        if (f.has("fallback") && f.has("fallbackStep")) {
            f.problemAtKey("fallbackStep", "give either 'fallback' or 'fallbackStep', not both");
        }
        Long cap = null;
        FixedRecipient overflow = null;
        if (f.has("capPerHouseholdPerYearFen")) {
            cap = f.wholeNumber("capPerHouseholdPerYearFen");
            overflow = recipient(f, "overflowTo");
            checkCap(f, cap, basis, share);
        } else if (f.has("overflowTo")) {
            f.problemAtKey("overflowTo", "'overflowTo' only makes sense with 'capPerHouseholdPerYearFen'");
        }
        return new Step(id, nameZh, nameEn, share, basis, classes, recipient, children, eligibility, guarantee, cap,
                overflow, fallback, fallbackStep);
    }

    /**
     * Under the floor reading the level's remaining step takes what a guarantee's dividend does not need, so it
     * must come after that dividend.
     */
    private void checkFloorOrder(List<Fields> items, List<Step> steps) {
        if (parameters.guaranteeReading() != GuaranteeReading.FLOOR || steps.stream().anyMatch(s -> s.share() == null)) {
            return;
        }
        int rem = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).share().kind() == StepShare.Kind.REMAINING) {
                rem = i;
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            Step d = steps.get(i);
            boolean paired = steps.stream().anyMatch(g -> g.isFloorOf(d));
            if (paired && rem >= 0 && rem < i) {
                items.get(i).problemAtKey("equityFractionOf", "with guaranteeReading floor this dividend tops up the"
                        + " guarantee; move it before the 'remaining' step, which takes what it does not need");
            }
        }
    }

    /**
     * 亩 are not 元: a basis over classes of different units needs a land valuation or class weights from the
     * file's parameters, otherwise 12.5 亩 would weigh as 12.5 元.
     */
    private void checkUnits(Fields f, Set<ShareClass> classes, String key) {
        if (!RuleParameters.mixesUnits(classes)) {
            return;
        }
        if (!parameters.canWeigh(classes)) {
            String byUnit = String.join(" and ", java.util.Arrays.stream(ShareClass.Unit.values())
                    .map(u -> classes.stream().filter(c -> c.unit() == u).map(Enum::name).sorted()
                            .collect(java.util.stream.Collectors.joining(", ")) + " in " + u.zh())
                    .toList());
            f.problemAtKey(key, "share classes of different units are mixed (" + byUnit + "): set"
                    + " parameters.landValueFenPerMu (fen per 亩, or 'charter' for the valuation recorded with each"
                    + " holding) or parameters.classWeights for every class");
        } else if (!parameters.classWeights().isEmpty() && !parameters.classWeights().keySet().containsAll(classes)) {
            f.problemAtKey(key, "parameters.classWeights must give a weight for every class of this basis ("
                    + String.join(", ", classes.stream().map(Enum::name).sorted().toList()) + ")");
        }
    }

    private void checkCap(Fields f, Long cap, Basis basis, StepShare share) {
        if (cap == null) {
            return;
        }
        if (basis == null) {
            f.problemAtKey("capPerHouseholdPerYearFen", "a cap applies only to a step split among households");
        } else if (cap <= 0) {
            f.problemAtKey("capPerHouseholdPerYearFen", "cap of " + cap + " fen cannot be met: it must be positive");
        } else if (share != null && share.kind() == StepShare.Kind.GUARANTEED) {
            f.problemAtKey("capPerHouseholdPerYearFen", "a cap cannot be met together with a guarantee: the guarantee"
                    + " owes the full amount; put the cap on a later step");
        }
        if (!f.has("overflowTo")) {
            f.problemAtKey("capPerHouseholdPerYearFen", "cap cannot be met when every household reaches it: add"
                    + " 'overflowTo' (village_collective, provident_fund or operator) for the money no household can take");
        }
    }

    private StepShare share(Fields f) {
        List<String> given = new ArrayList<>();
        for (String k : List.of("percent", "remaining", "amountFen", "guaranteed", "equityFractionOf")) {
            if (f.has(k)) {
                given.add(k);
            }
        }
        if (given.size() != 1) {
            f.problem(f.map, f.field("percent"), "a step needs exactly one of percent, remaining, amountFen,"
                    + " guaranteed or equityFractionOf; found " + (given.isEmpty() ? "none" : String.join(", ", given)));
            return null;
        }
        switch (given.get(0)) {
            case "percent" -> {
                BigDecimal p = f.decimal("percent");
                if (p == null) {
                    return null;
                }
                if (p.signum() <= 0 || p.compareTo(HUNDRED) > 0) {
                    f.problemAtKey("percent", "percent must be more than 0 and at most 100, not " + p.toPlainString());
                    return null;
                }
                if (p.stripTrailingZeros().scale() > 2) {
                    f.problemAtKey("percent", "percent has at most 2 decimals (basis points), not " + p.toPlainString());
                    return null;
                }
                return StepShare.percent(p.movePointRight(2).longValueExact());
            }
            case "remaining" -> {
                Boolean b = f.bool("remaining");
                if (b != null && !b) {
                    f.problemAtKey("remaining", "write 'remaining: true' or leave it out");
                }
                return Boolean.TRUE.equals(b) ? StepShare.remaining() : null;
            }
            case "amountFen" -> {
                Long a = f.wholeNumber("amountFen");
                if (a != null && a <= 0) {
                    f.problemAtKey("amountFen", "a fixed amount must be positive, not " + a);
                    return null;
                }
                return a == null ? null : StepShare.fixed(a);
            }
            case "guaranteed" -> {
                return StepShare.guaranteed();
            }
            default -> {
                Set<ShareClass> classes = f.enumSet("equityFractionOf", ShareClass.class, ShareClass::valueOf);
                if (classes.isEmpty()) {
                    f.problemAtKey("equityFractionOf", "name at least one share class");
                    return null;
                }
                return StepShare.equityFraction(classes);
            }
        }
    }

    private Guarantee guarantee(Fields f, Basis basis) {
        if (!f.has("guaranteed")) {
            return null;
        }
        Fields g = f.child("guaranteed");
        if (g == null) {
            return null;
        }
        g.rejectUnknown(GUARANTEE_FIELDS);
        boolean perDay = g.has("perLaborDayFen");
        if (g.has("postPay")) {
            return postPay(f, g, basis);
        }
        if (perDay && basis != null && basis != Basis.LABOR_DAYS) {
            g.problemAtKey("perLaborDayFen", "a wage per labour day needs basis labor_days, not " + basis.yamlName());
        } else if (!perDay && basis != null && basis != Basis.SHARE_UNITS && basis != Basis.LAND_MU
                && basis != Basis.EQUAL) {
            f.problemAtKey("basis", "a guarantee is owed per share, per mu or per household: basis must be"
                    + " share_units, land_mu or equal, not " + basis.yamlName()
                    + (basis == Basis.LABOR_DAYS ? " (a wage per labour day is guaranteed: {perLaborDayFen: …})" : "")
                    + (basis == Basis.POST_DAYS ? " (the pay of welfare posts is guaranteed: {postPay: true})" : ""));
        }
        Boolean liability = g.has("liability") ? g.bool("liability") : Boolean.TRUE;
        BigDecimal perUnit;
        int ways = (g.has("perUnitPerYearFen") ? 1 : 0) + (perDay ? 1 : 0)
                + (g.has("ratePercentPerYear") || g.has("unitValueFen") ? 1 : 0);
        if (ways != 1) {
            g.problem(g.map, g.field("perUnitPerYearFen"), "give exactly one of perUnitPerYearFen, perLaborDayFen,"
                    + " or ratePercentPerYear with unitValueFen");
            return null;
        }
        if (perDay) {
            perUnit = g.decimal("perLaborDayFen");
        } else if (g.has("perUnitPerYearFen")) {
            perUnit = g.decimal("perUnitPerYearFen");
        } else {
            BigDecimal rate = g.decimal("ratePercentPerYear");
            BigDecimal unit = g.has("unitValueFen") ? g.decimal("unitValueFen") : null;
            if (unit == null) {
                g.problem(g.map, g.field("unitValueFen"), "ratePercentPerYear needs unitValueFen (the fen value of one share)");
            }
            if (rate != null && (rate.signum() <= 0 || rate.compareTo(HUNDRED) > 0)) {
                g.problemAtKey("ratePercentPerYear", "rate must be more than 0 and at most 100, not " + rate.toPlainString());
                return null;
            }
            perUnit = rate == null || unit == null ? null : rate.multiply(unit).divide(HUNDRED);
        }
        if (perUnit != null && perUnit.signum() <= 0) {
            g.problem(g.map, g.field(perDay ? "perLaborDayFen" : "perUnitPerYearFen"), "a guaranteed amount must be positive");
            return null;
        }
        return perUnit == null || liability == null ? null : new Guarantee(perUnit, liability, perDay);
    }

    /**
     * {@code guaranteed: {postPay: true}}: each household is owed the pay of the registered welfare posts it
     * worked on (days × monthly pay ÷ work days per month); a fund too small for all of it is shared in
     * proportion to what each is owed. Only on {@code post_days}, and alone: the pay comes from the registry.
     */
    private Guarantee postPay(Fields f, Fields g, Basis basis) {
        Boolean on = g.bool("postPay");
        if (on != null && !on) {
            g.problemAtKey("postPay", "postPay can only be true; leave it out for another kind of guarantee");
            return null;
        }
        for (String other : List.of("perUnitPerYearFen", "perLaborDayFen", "ratePercentPerYear", "unitValueFen")) {
            if (g.has(other)) {
                g.problemAtKey(other, "postPay takes each post's registered pay; do not give " + other + " with it");
            }
        }
        if (basis != null && basis != Basis.POST_DAYS) {
            f.problemAtKey("basis", "the pay of welfare posts is owed per day on a post: basis must be post_days, not "
                    + basis.yamlName());
        }
        Boolean liability = g.has("liability") ? g.bool("liability") : Boolean.TRUE;
        return on == null || liability == null ? null : Guarantee.postPay(liability);
    }

    private Eligibility eligibility(Fields f) {
        Fields e = f.child("eligibility");
        if (e == null) {
            return null;
        }
        e.rejectUnknown(ELIGIBILITY_FIELDS);
        Set<HouseholdStatus> statuses = e.statuses("status");
        Boolean notBlacklisted = e.has("notBlacklisted") ? e.bool("notBlacklisted") : Boolean.FALSE;
        Set<LaborCapacity> capacities = e.enumSet("laborCapacity", LaborCapacity.class, LaborCapacity::valueOf);
        BigDecimal minDays = e.decimal("minLaborDays");
        if (minDays != null && minDays.signum() < 0) {
            e.problemAtKey("minLaborDays", "must not be negative");
        }
        Set<LaborCapacity> exempt = e.has("laborExempt")
                ? e.enumSet("laborExempt", LaborCapacity.class, LaborCapacity::valueOf) : Set.of(LaborCapacity.NONE);
        Map<LaborCapacity, BigDecimal> percents = laborMinimumPercent(e, minDays, exempt);
        Period transition = null;
        String t = e.string("fiscalTransition");
        if (t != null) {
            try {
                transition = Period.parse(t);
                if (transition.isNegative()) {
                    e.problemAtKey("fiscalTransition", "must not be negative");
                }
            } catch (DateTimeParseException ex) {
                e.problemAtKey("fiscalTransition", "must be an ISO-8601 period such as P3Y or P18M, not '" + t + "'");
            }
        }
        return new Eligibility(statuses, Boolean.TRUE.equals(notBlacklisted), capacities, minDays, exempt, transition,
                percents);
    }

    /**
     * {@code laborMinimumPercent: {PARTIAL: 50}}: the share of {@code minLaborDays} a capacity is held to (扶贫不扶懒
     * scaled by capacity: a 弱能 household works half the days). More than 0 and at most 100; a capacity not
     * named is held to 100 %; exempt capacities have no minimum at all.
     */
    private static Map<LaborCapacity, BigDecimal> laborMinimumPercent(Fields e, BigDecimal minDays,
                                                                      Set<LaborCapacity> exempt) {
        Map<LaborCapacity, BigDecimal> out = new EnumMap<>(LaborCapacity.class);
        Fields p = e.has("laborMinimumPercent") ? e.child("laborMinimumPercent") : null;
        if (p == null) {
            return out;
        }
        if (minDays == null) {
            e.problemAtKey("laborMinimumPercent", "scales minLaborDays by labour capacity: give minLaborDays too");
        }
        p.rejectUnknown(Arrays.stream(LaborCapacity.values()).map(Enum::name).collect(Collectors.toSet()));
        for (LaborCapacity c : LaborCapacity.values()) {
            BigDecimal v = p.decimal(c.name());
            if (v == null) {
                continue;
            }
            if (v.signum() <= 0 || v.compareTo(HUNDRED) > 0) {
                p.problemAtKey(c.name(), "a percent of the labour minimum must be more than 0 and at most 100, not "
                        + v.toPlainString() + " (to free a capacity from the minimum, list it in laborExempt)");
            } else if (exempt.contains(c)) {
                p.problemAtKey(c.name(), c.name() + " is in laborExempt and has no minimum to scale");
            } else {
                out.put(c, v);
            }
        }
        return out;
    }

    private static FixedRecipient recipient(Fields f, String key) {
        String r = f.string(key);
        if (r == null) {
            return null;
        }
        FixedRecipient v = FixedRecipient.fromYaml(r).orElse(null);
        if (v == null) {
            f.problemAtKey(key, "unknown recipient '" + r + "' (allowed: village_collective, provident_fund, operator)");
        }
        return v;
    }

    /** Level-wide rules: the shares add up to exactly 100%, one remaining at most, claims first, fallbacks ahead. */
    private static void checkLevel(List<Fields> items, List<Step> steps, Fields owner, String key) {
        long bp = 0;
        int remaining = 0;
        boolean equity = false;
        boolean sawShare = false;
        if (steps.stream().anyMatch(s -> s.share() == null)) {
            return; // a step's own share is already reported; a level sum would only repeat it
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Fields f = items.get(i);
            switch (s.share().kind()) {
                case PERCENT -> bp += s.share().basisPoints();
                case REMAINING -> {
                    remaining++;
                    if (remaining == 2) {
                        f.problemAtKey("remaining", "two steps take 'remaining' at this level; only one can take what is left");
                    }
                }
                case EQUITY_FRACTION -> equity = true;
                default -> {
                    if (sawShare) {
                        f.problem(f.map, f.field("id"), "fixed and guaranteed steps are paid first: move step '" + s.id()
                                + "' before the percent and remaining steps");
                    }
                }
            }
            sawShare |= !s.share().isPriorClaim();
            if (s.fallbackStep() != null) {
                int target = -1;
                for (int j = 0; j < steps.size(); j++) {
                    if (s.fallbackStep().equals(steps.get(j).id())) {
                        target = j;
                    }
                }
                if (target <= i || (steps.get(target).share() != null && steps.get(target).share().isPriorClaim())) {
                    f.problemAtKey("fallbackStep", "'" + s.fallbackStep() + "' must be a later percent or remaining step"
                            + " at the same level");
                }
            }
        }
        if (bp > 10_000) {
            owner.problemAtKey(key, "percentages at this level add up to " + BigDecimal.valueOf(bp, 2).stripTrailingZeros()
                    .toPlainString() + "%, more than 100%");
        } else if (remaining == 0 && (bp < 10_000 || equity) && (sawShare || bp == 0)) {
            owner.problemAtKey(key, "the shares at this level add up to " + BigDecimal.valueOf(bp, 2).stripTrailingZeros()
                    .toPlainString() + "%" + (equity ? " plus an equity fraction" : "")
                    + ": add a step with 'remaining: true' so no fen is left unassigned");
        } else if (remaining == 1 && bp == 10_000 && !equity) {
            owner.problemAtKey(key, "percentages already add up to 100%: the 'remaining' step would always get nothing");
        }
    }
}
