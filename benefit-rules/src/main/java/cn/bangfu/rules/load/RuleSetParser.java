package cn.bangfu.rules.load;

import cn.bangfu.rules.load.YamlTree.MapNode;
import cn.bangfu.rules.load.YamlTree.Node;
import cn.bangfu.rules.model.ComplianceCheck;
import cn.bangfu.rules.model.HouseholdStatus;
import cn.bangfu.rules.model.PoolDefinition;
import cn.bangfu.rules.model.RuleSet;
import cn.bangfu.rules.model.GuaranteeReading;
import cn.bangfu.rules.model.RuleParameters;
import cn.bangfu.rules.model.ShareClass;
import cn.bangfu.rules.model.StatusSet;
import cn.bangfu.rules.model.Step;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Parses and validates one rule file. Pure: text in, rule set or problems out; the server's
 * POST /rule-sets/validate calls it directly with a draft.
 */
public final class RuleSetParser {
    private static final Set<String> TOP_FIELDS = Set.of("id", "version", "nameZh", "nameEn", "source", "pool", "steps",
            "compliance", "parameters");
    private static final Set<String> PARAMETER_FIELDS = Set.of("landValueFenPerMu", "classWeights", "guaranteeReading");
    private static final Set<String> POOL_FIELDS = Set.of("kind", "costCategories", "incomeCategories", "account",
            "amountFen");
    private static final Set<String> CHECK_FIELDS = Set.of("id", "kind", "nameZh", "nameEn", "perMu",
            "minPoorHouseholds", "minPoorLaborers", "poorStatuses");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private RuleSetParser() {
    }

    public static ParseResult parse(String fileName, String yamlText) {
        List<RuleProblem> problems = new ArrayList<>();
        Node root = YamlTree.parse(fileName, yamlText, problems);
        if (root == null) {
            return new ParseResult(null, problems);
        }
        if (!(root instanceof MapNode map)) {
            problems.add(new RuleProblem(fileName, root.line(), root.column(), "(file)",
                    "a rule file is a mapping of fields (id, version, ...), not " + root.kindName()));
            return new ParseResult(null, problems);
        }
        Fields f = new Fields(fileName, problems, map, "");
        f.rejectUnknown(TOP_FIELDS);
        String id = f.requiredString("id");
        if (id != null && !ID.matcher(id).matches()) {
            f.problemAtKey("id", "id '" + id + "' must be lower-case letters, digits and '-' (e.g. coop-surplus-60)");
        }
        Long version = f.has("version") ? f.wholeNumber("version") : null;
        if (!f.has("version")) {
            f.problem(map, "version", "required field 'version' is missing");
        } else if (version != null && (version < 1 || version > Integer.MAX_VALUE)) {
            f.problemAtKey("version", "version must be a positive whole number");
        }
        String nameZh = f.requiredString("nameZh");
        String nameEn = f.requiredString("nameEn");
        String sourceZh = null;
        String sourceEn = null;
        if (!f.has("source")) {
            f.problem(map, "source", "required field 'source' (the law or policy this implements, zh and en) is missing");
        } else {
            Fields s = f.child("source");
            if (s != null) {
                s.rejectUnknown(Set.of("zh", "en"));
                sourceZh = s.requiredString("zh");
                sourceEn = s.requiredString("en");
            }
        }
        RuleParameters parameters = f.has("parameters") ? parameters(f.child("parameters")) : RuleParameters.DEFAULTS;
        PoolDefinition pool = f.has("pool") ? pool(f.child("pool")) : null;
        List<Step> steps = List.of();
        if (f.has("steps")) {
            steps = new StepParser(parameters == null ? RuleParameters.DEFAULTS : parameters)
                    .level(f.children("steps"), f, "steps");
        }
        List<ComplianceCheck> checks = new ArrayList<>();
        for (Fields c : f.children("compliance")) {
            checks.add(check(c));
        }
        if (!f.has("steps") && !f.has("compliance")) {
            f.problem(map, "steps", "a rule set needs 'steps' (a split) or 'compliance' (checks), or both");
        }
        if (f.has("steps") && !f.has("pool")) {
            f.problem(map, "pool", "steps need a 'pool' (surplus, revenue_minus_costs, account or fixed)");
        }
        if (f.has("pool") && !f.has("steps")) {
            f.problemAtKey("pool", "a pool without steps would leave money unassigned: add steps or remove the pool");
        }
        if (!problems.isEmpty()) {
            return new ParseResult(null, problems);
        }
        return new ParseResult(new RuleSet(id, version.intValue(), nameZh, nameEn, sourceZh, sourceEn, pool,
                steps == null ? List.of() : steps, checks, fileName, yamlText, parameters), problems);
    }

    /** The county's or cooperative's choices: land valuation or class weights, and the guarantee reading. */
    private static RuleParameters parameters(Fields p) {
        if (p == null) {
            return null;
        }
        p.rejectUnknown(PARAMETER_FIELDS);
        BigDecimal landValue = null;
        boolean fromCharter = false;
        if (p.has("landValueFenPerMu")) {
            if (p.node("landValueFenPerMu") instanceof YamlTree.Scalar s && "charter".equals(s.text().trim())) {
                fromCharter = true;
            } else {
                landValue = p.decimal("landValueFenPerMu");
                if (landValue != null && landValue.signum() <= 0) {
                    p.problemAtKey("landValueFenPerMu", "a land valuation must be positive fen per 亩 (or 'charter')");
                }
            }
        }
        Map<ShareClass, BigDecimal> weights = new EnumMap<>(ShareClass.class);
        Fields w = p.child("classWeights");
        if (w != null) {
            w.rejectUnknown(Arrays.stream(ShareClass.values()).map(Enum::name).collect(Collectors.toSet()));
            for (ShareClass c : ShareClass.values()) {
                BigDecimal v = w.decimal(c.name());
                if (v != null && v.signum() < 0) {
                    w.problemAtKey(c.name(), "a class weight must not be negative");
                } else if (v != null) {
                    weights.put(c, v);
                }
            }
        }
        if ((landValue != null || fromCharter) && !weights.isEmpty()) {
            p.problemAtKey("classWeights", "give either a land valuation (landValueFenPerMu) or classWeights, not both");
        }
        GuaranteeReading reading = GuaranteeReading.FLOOR;
        String r = p.string("guaranteeReading");
        if (r != null) {
            reading = Arrays.stream(GuaranteeReading.values()).filter(g -> g.yamlName().equals(r)).findFirst().orElse(null);
            if (reading == null) {
                p.problemAtKey("guaranteeReading", "unknown reading '" + r + "' (allowed: floor = the larger of guarantee"
                        + " and dividend, plus_dividend = guarantee then dividend on top)");
            }
        }
        return new RuleParameters(landValue, fromCharter, weights, reading);
    }

    private static PoolDefinition pool(Fields p) {
        if (p == null) {
            return null;
        }
        p.rejectUnknown(POOL_FIELDS);
        String kind = p.requiredString("kind");
        if (kind == null) {
            return null;
        }
        PoolDefinition.Kind k = Arrays.stream(PoolDefinition.Kind.values()).filter(v -> v.yamlName().equals(kind))
                .findFirst().orElse(null);
        if (k == null) {
            p.problemAtKey("kind", "unknown pool kind '" + kind + "' (allowed: surplus, revenue_minus_costs, book, account, fixed)");
            return null;
        }
        List<String> categories = names(p, "costCategories", "a cost category is a name such as OPERATION_MAINTENANCE",
                "must be a list of cost category names");
        List<String> income = names(p, "incomeCategories", "an income category is a name such as PV_GRID",
                "must be a list of income category names");
        if (k != PoolDefinition.Kind.BOOK && p.has("incomeCategories")) {
            p.problemAtKey("incomeCategories", "only a pool of kind book reads income by category");
        }
        switch (k) {
            case REVENUE_MINUS_COSTS -> {
                if (categories.isEmpty()) {
                    p.problem(p.map, p.field("costCategories"), "revenue_minus_costs needs the cost categories to subtract");
                }
            }
            case BOOK -> {
                if (income.isEmpty()) {
                    p.problem(p.map, p.field("incomeCategories"),
                            "a book pool needs the income categories it is made of (e.g. [PV_GRID, SUBSIDY])");
                }
                return new PoolDefinition(k, categories, income, null, null);
            }
            case ACCOUNT -> {
                if (p.requiredString("account") == null) {
                    return null;
                }
            }
            case FIXED -> {
                if (!p.has("amountFen")) {
                    p.problem(p.map, p.field("amountFen"), "a fixed pool needs amountFen");
                    return null;
                }
                Long a = p.wholeNumber("amountFen");
                if (a != null && a < 0) {
                    p.problemAtKey("amountFen", "must not be negative");
                }
                return a == null ? null : new PoolDefinition(k, categories, List.of(), null, a);
            }
            default -> {
                if (!categories.isEmpty()) {
                    p.problemAtKey("costCategories", "surplus subtracts all costs; use revenue_minus_costs to name them");
                }
            }
        }
        return new PoolDefinition(k, categories, List.of(), p.string("account"), null);
    }

    /** A list of category names under {@code key}; empty when absent. */
    private static List<String> names(Fields p, String key, String itemProblem, String listProblem) {
        List<String> out = new ArrayList<>();
        if (p.node(key) instanceof YamlTree.ListNode l) {
            for (Node n : l.items()) {
                if (n instanceof YamlTree.Scalar s && s.text() != null && !s.text().isBlank()) {
                    out.add(s.text().trim());
                } else {
                    p.problem(n, p.field(key), itemProblem);
                }
            }
        } else if (p.has(key)) {
            p.problemAtKey(key, listProblem);
        }
        return out;
    }

    private static ComplianceCheck check(Fields c) {
        c.rejectUnknown(CHECK_FIELDS);
        String id = c.requiredString("id");
        String kind = c.requiredString("kind");
        if (kind != null && !kind.equals(ComplianceCheck.KIND_PER_AREA_LINKAGE)) {
            c.problemAtKey("kind", "unknown compliance kind '" + kind + "' (allowed: per_area_linkage)");
        }
        String nameZh = c.requiredString("nameZh");
        String nameEn = c.requiredString("nameEn");
        BigDecimal perMu = c.decimal("perMu");
        if (perMu == null && !c.has("perMu")) {
            c.problem(c.map, c.field("perMu"), "required field 'perMu' is missing");
        } else if (perMu != null && perMu.signum() <= 0) {
            c.problemAtKey("perMu", "must be positive");
        }
        Long minH = c.has("minPoorHouseholds") ? c.wholeNumber("minPoorHouseholds") : Long.valueOf(0);
        Long minL = c.has("minPoorLaborers") ? c.wholeNumber("minPoorLaborers") : Long.valueOf(0);
        if ((minH != null && minH < 0) || (minL != null && minL < 0)) {
            c.problem(c.map, c.field("minPoorHouseholds"), "minimums must not be negative");
        }
        Set<HouseholdStatus> poor = c.has("poorStatuses") ? c.statuses("poorStatuses") : StatusSet.POOR.statuses();
        if (perMu == null || minH == null || minL == null) {
            return null;
        }
        return new ComplianceCheck(id, nameZh, nameEn, perMu, minH, minL, poor);
    }
}
