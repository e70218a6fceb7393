package cn.bangfu.rules.result;

import cn.bangfu.rules.facts.MemberFacts;
import cn.bangfu.rules.facts.PostWork;
import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.model.Basis;
import cn.bangfu.rules.model.Eligibility;
import cn.bangfu.rules.model.LaborCapacity;
import cn.bangfu.rules.model.FixedRecipient;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One amount to one recipient from one step. Explanations and facts are built on demand: a run over a
 * million households must not format two million sentences nobody reads.
 */
public final class AllocationLine {

    /** What kind of line this is; decides the explanation. */
    public enum Kind { SHARE, GUARANTEE, EXCLUDED, FIXED_RECIPIENT, FALLBACK, OVERFLOW, LIABILITY_REPAYMENT }

    private final Kind kind;
    private final StepAmount step;
    private final long householdId;
    private final FixedRecipient fixed;
    private final long basisUnscaled;
    private final int basisScale;
    private final long amountFen;
    private final MemberFacts member;
    private final Exclusion exclusion;
    private final long capFen;
    private final long owedOrWouldHaveFen;
    /** For excluded lines: the step's conditions, so the reason can name the threshold and the household's figure. */
    private Eligibility rule;

    private AllocationLine(Kind kind, StepAmount step, long householdId, FixedRecipient fixed, BigDecimal basisValue,
                           long amountFen, MemberFacts member, Exclusion exclusion, long capFen, long owedOrWouldHaveFen) {
        this(kind, step, householdId, fixed, amountFen, member, exclusion, capFen, owedOrWouldHaveFen,
                basisValue == null ? 0 : basisValue.unscaledValue().longValueExact(),
                basisValue == null ? 0 : basisValue.scale());
    }

    /** A household's share of a step; {@code capFen} &gt; 0 when the cap limited it. */
    public static AllocationLine share(StepAmount step, MemberFacts m, BigDecimal basisValue, long amountFen, long capFen) {
        return new AllocationLine(Kind.SHARE, step, m.householdId(), null, basisValue, amountFen, m, null, capFen, 0);
    }

    /**
     * A share line whose basis value is {@code basisUnscaled}·10^-{@code basisScale}; no BigDecimal is made
     * until someone reads it.
     */
    public static AllocationLine share(StepAmount step, MemberFacts m, long basisUnscaled, int basisScale,
                                       long amountFen, long capFen) {
        return new AllocationLine(Kind.SHARE, step, m.householdId(), null, amountFen, m, null, capFen, 0, basisUnscaled,
                basisScale);
    }

    private AllocationLine(Kind kind, StepAmount step, long householdId, FixedRecipient fixed, long amountFen, MemberFacts member, Exclusion exclusion, long capFen, long owedOrWouldHaveFen,
                           long basisUnscaled, int basisScale) {
        this.kind = kind;
        this.step = step;
        this.householdId = householdId;
        this.fixed = fixed;
        this.basisUnscaled = basisUnscaled;
        this.basisScale = basisScale;
        this.amountFen = amountFen;
        this.member = member;
        this.exclusion = exclusion;
        this.capFen = capFen;
        this.owedOrWouldHaveFen = owedOrWouldHaveFen;
    }

    public static AllocationLine guarantee(StepAmount step, MemberFacts m, BigDecimal basisValue, long paidFen, long owedFen) {
        return new AllocationLine(Kind.GUARANTEE, step, m.householdId(), null, basisValue, paidFen, m, null, 0, owedFen);
    }

    /** Paid towards what earlier runs still owe the household (first claim on the pool); owed = outstanding. */
    public static AllocationLine repayment(StepAmount step, MemberFacts m, long paidFen, long outstandingFen) {
        return new AllocationLine(Kind.LIABILITY_REPAYMENT, step, m.householdId(), null, BigDecimal.valueOf(outstandingFen),
                paidFen, m, null, 0, outstandingFen);
    }

    public static AllocationLine excluded(StepAmount step, MemberFacts m, BigDecimal basisValue, Exclusion why,
                                          long wouldHaveFen) {
        return new AllocationLine(Kind.EXCLUDED, step, m.householdId(), null, basisValue, 0, m, why, 0, wouldHaveFen);
    }

    /**
     * An excluded line whose explanation states the rule's threshold and the household's own figure (扶贫不扶懒:
     * the days required of its labour capacity and the days it worked; the fiscal transition's end).
     */
    public static AllocationLine excluded(StepAmount step, MemberFacts m, BigDecimal basisValue, Exclusion why,
                                          long wouldHaveFen, Eligibility rule) {
        AllocationLine line = excluded(step, m, basisValue, why, wouldHaveFen);
        line.rule = rule;
        return line;
    }

    public static AllocationLine fixed(Kind kind, StepAmount step, FixedRecipient to, long amountFen) {
        return new AllocationLine(kind, step, 0, to, null, amountFen, null, null, 0, 0);
    }

    public Kind kind() { return kind; }
    public String stepId() { return step.stepId(); }
    public StepAmount step() { return step; }
    public Recipient recipient() { return fixed == null ? Recipient.household(householdId) : Recipient.of(fixed); }
    public boolean isHousehold() { return fixed == null; }
    /** The household id, or -1 for a fixed recipient. */
    public long householdId() { return fixed == null ? householdId : -1; }
    public Basis basis() { return fixed == null ? step.basis() : null; }
    /** The household's basis value in this step (fen for delivery_value, share-days, days, mu, 1 for equal). */
    public BigDecimal basisValue() { return fixed != null ? null : BigDecimal.valueOf(basisUnscaled, basisScale); }
    public long amountFen() { return amountFen; }
    public Exclusion exclusion() { return exclusion; }
    /** For guarantee lines: what was owed; the difference to amountFen is a liability. */
    public long owedFen() {
        return kind == Kind.GUARANTEE || kind == Kind.LIABILITY_REPAYMENT ? owedOrWouldHaveFen : amountFen;
    }
    /** For excluded lines: what the household would have received had it been eligible. */
    public long wouldHaveFen() { return kind == Kind.EXCLUDED ? owedOrWouldHaveFen : amountFen; }
    public boolean capped() { return capFen > 0; }

    public String explanationZh() {
        String s = "「" + step.nameZh() + "」";
        return switch (kind) {
            case FIXED_RECIPIENT -> s + "共 " + Money.yuan(amountFen) + " 元，计入" + fixed.nameZh() + "。";
            case FALLBACK -> s + "无符合条件的户，" + Money.yuan(amountFen) + " 元按规则转入" + fixed.nameZh() + "。";
            case OVERFLOW -> s + "各户均已达上限，余下 " + Money.yuan(amountFen) + " 元转入" + fixed.nameZh() + "。";
            case EXCLUDED -> reasonZh() + "，不参与" + s + "分配；" + (owedOrWouldHaveFen > 0
                    ? "按基数本应得 " + Money.yuan(owedOrWouldHaveFen) + " 元，已在符合条件的 " + step.eligibleHouseholds()
                    + " 户间重新分配。" : "这部分资金留给符合条件的户。");
            case GUARANTEE -> step.basis() == Basis.POST_DAYS ? s + "按岗位工资：本户" + basisZh(basisValue()) + "，应发 "
                    + Money.yuan(owedOrWouldHaveFen) + " 元" + (owedOrWouldHaveFen > amountFen
                    ? "；本期资金不足以发足各岗位工资，按各户应发工资的比例发放 " + Money.yuan(amountFen) + " 元（按比例算到分，分不尽的几分钱依次补给零头最大的户）。"
                    : "，全额发放。")
                    : s + "保底：本户" + basisZh(basisValue()) + "，应得 " + Money.yuan(owedOrWouldHaveFen) + " 元，实付 "
                    + Money.yuan(amountFen) + " 元" + (owedOrWouldHaveFen > amountFen
                    ? "，差额 " + Money.yuan(owedOrWouldHaveFen - amountFen) + " 元记为经营主体对本户的负债。" : "。");
            case LIABILITY_REPAYMENT -> "以前期间保底不足、经营主体欠本户 " + Money.yuan(owedOrWouldHaveFen) + " 元，本期先行偿还 "
                    + Money.yuan(amountFen) + " 元" + (owedOrWouldHaveFen > amountFen
                    ? "，仍欠本户 " + Money.yuan(owedOrWouldHaveFen - amountFen) + " 元，下期继续优先偿还。" : "，已还清。");
            case SHARE -> s + "共 " + Money.yuan(step.amountFen()) + " 元，按" + basisNameZh() + "在 "
                    + step.eligibleHouseholds() + " 户间分配：本户" + basisZh(basisValue()) + "，合计" + basisZh(step.basisTotal())
                    + "，分得 " + Money.yuan(amountFen) + " 元（按比例算到分，分不尽的几分钱依次补给零头最大的户）"
                    + (capped() ? "；已达每户上限 " + Money.yuan(capFen) + " 元，超出部分由其他户分配。" : "。");
        };
    }

    public String explanationEn() {
        String s = "Step '" + step.nameEn() + "'";
        return switch (kind) {
            case FIXED_RECIPIENT -> s + ": " + Money.yuan(amountFen) + " yuan to the " + fixed.nameEn() + ".";
            case FALLBACK -> s + " had no eligible household; " + Money.yuan(amountFen) + " yuan went to the "
                    + fixed.nameEn() + " as the rule says.";
            case OVERFLOW -> s + ": every household reached the cap; the remaining " + Money.yuan(amountFen)
                    + " yuan went to the " + fixed.nameEn() + ".";
            case EXCLUDED -> "Not eligible for " + s + " (" + reasonEn() + "); " + (owedOrWouldHaveFen > 0
                    ? "its " + Money.yuan(owedOrWouldHaveFen) + " yuan was re-split among the "
                    + step.eligibleHouseholds() + " eligible households." : "the money stays with the eligible households.");
            case GUARANTEE -> s + " guarantee: basis " + basisEn(basisValue()) + ", owed " + Money.yuan(owedOrWouldHaveFen)
                    + " yuan, paid " + Money.yuan(amountFen) + " yuan" + (owedOrWouldHaveFen > amountFen
                    ? "; the shortfall of " + Money.yuan(owedOrWouldHaveFen - amountFen)
                    + " yuan is recorded as the operator's liability to this household." : ".");
            case LIABILITY_REPAYMENT -> "Earlier guarantee shortfalls left the operator owing this household "
                    + Money.yuan(owedOrWouldHaveFen) + " yuan; " + Money.yuan(amountFen) + " yuan is repaid first from this"
                    + " period's pool" + (owedOrWouldHaveFen > amountFen ? "; " + Money.yuan(owedOrWouldHaveFen - amountFen)
                    + " yuan is still owed and comes first again next period." : "; the debt is settled.");
            case SHARE -> s + " of " + Money.yuan(step.amountFen()) + " yuan split by " + step.basis().yamlName()
                    + " among " + step.eligibleHouseholds() + " households: this household " + basisEn(basisValue())
                    + " of " + basisEn(step.basisTotal()) + ", receives " + Money.yuan(amountFen)
                    + " yuan (largest remainder, exact to the fen)"
                    + (capped() ? "; capped at " + Money.yuan(capFen) + " yuan, the excess went to the others." : ".");
        };
    }

    /**
     * Why an excluded household gets nothing, in plain Chinese for the 公示 and the household's page: the rule's
     * threshold and the household's own figure, never a bare slogan.
     */
    private String reasonZh() {
        if (rule != null && exclusion == Exclusion.LABOR_DAYS_BELOW_MIN) {
            BigDecimal required = rule.requiredLaborDays(member.laborCapacity());
            BigDecimal percent = rule.laborMinimumPercent().get(member.laborCapacity());
            String where = step.basis() == Basis.POST_DAYS ? "在公益岗位出工" : "出工";
            return "扶贫不扶懒：按规则，" + capacityZh(member.laborCapacity()) + "的户本期须" + where + "至少 "
                    + plain(required) + " 天" + (percent == null ? "" : "（满劳力 " + plain(rule.minLaborDays())
                    + " 天的 " + percent.stripTrailingZeros().toPlainString() + "%）") + "，本户实际" + where + " "
                    + plain(daysCounted()) + " 天，未达到要求";
        }
        if (rule != null && exclusion == Exclusion.FISCAL_TRANSITION_ENDED && member.exitDate() != null
                && rule.fiscalTransition() != null) {
            return "本户已于 " + member.exitDate() + " 脱贫，财政资金量化股权的收益过渡期（" + periodZh(rule.fiscalTransition())
                    + "）已于 " + member.exitDate().plus(rule.fiscalTransition()) + " 届满，财政股权不再分红";
        }
        if (exclusion == Exclusion.BLACKLISTED) {
            return "本户列入失信名单，按规则失信户不参与本项收益分配";
        }
        return "本户" + exclusion.zh();
    }

    private String reasonEn() {
        if (rule != null && exclusion == Exclusion.LABOR_DAYS_BELOW_MIN) {
            return "a household of labour capacity " + member.laborCapacity() + " must work at least "
                    + plain(rule.requiredLaborDays(member.laborCapacity())) + " days"
                    + (step.basis() == Basis.POST_DAYS ? " on public-welfare posts" : "") + "; this household worked "
                    + plain(daysCounted());
        }
        return exclusion.en();
    }

    /**
     * A basis as people read it on a notice: no trailing zeros of the engine's scale and thousands
     * separated, so 2920000.00000 share-days reads 2,920,000 and 4.500 亩 reads 4.5.
     */
    static String grouped(BigDecimal v) {
        if (v.signum() == 0) {
            return "0";
        }
        BigDecimal plain = v.stripTrailingZeros();
        if (plain.scale() < 0) {
            plain = plain.setScale(0);
        }
        java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0.#########",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        format.setParseBigDecimal(true);
        return format.format(plain);
    }

    /** 15.0 days as "15", 10.5 as "10.5": the database keeps one decimal, people read whole days. */
    private static String plain(BigDecimal days) {
        return days.signum() == 0 ? "0" : days.stripTrailingZeros().toPlainString();
    }

    private BigDecimal daysCounted() {
        return step.basis() == Basis.POST_DAYS ? member.postDays() : member.laborDays();
    }

    private static String capacityZh(LaborCapacity c) {
        return switch (c) {
            case FULL -> "有劳动能力（全劳力）";
            case PARTIAL -> "弱劳动能力（弱能）";
            case NONE -> "无劳动能力（失能）";
        };
    }

    private static String periodZh(java.time.Period p) {
        StringBuilder b = new StringBuilder();
        if (p.getYears() != 0) {
            b.append(p.getYears()).append(" 年");
        }
        if (p.getMonths() != 0) {
            b.append(p.getMonths()).append(" 个月");
        }
        if (p.getDays() != 0) {
            b.append(p.getDays()).append(" 天");
        }
        return b.length() == 0 ? "0 天" : b.toString();
    }

    /** The facts of the household this line was computed from. */
    public Map<String, Object> factsUsed() {
        Map<String, Object> f = new LinkedHashMap<>();
        if (member == null) {
            f.put("stepAmountFen", step.amountFen());
            return f;
        }
        f.put("householdId", String.valueOf(member.householdId()));
        f.put("status", member.status().name());
        f.put("blacklisted", member.blacklisted());
        f.put("laborCapacity", member.laborCapacity().name());
        f.put("exitDate", member.exitDate() == null ? null : member.exitDate().toString());
        if (kind == Kind.LIABILITY_REPAYMENT) {
            f.put("outstandingLiabilityFen", member.outstandingLiabilityFen());
            return f;
        }
        switch (step.basis()) {
            case DELIVERY_VALUE -> f.put("deliveryValueFen", member.deliveryValueFen());
            case SHARE_UNITS -> f.put("shares", sharesToList(member.shares()));
            case LAND_MU -> f.put("landMu", member.landMu().toPlainString());
            case POST_DAYS -> f.put("postWork", postWorkToList(member.postWork()));
            case LABOR_DAYS, EQUAL -> { }
        }
        f.put("laborDays", member.laborDays().toPlainString());
        f.put("basisValue", basisValue().toPlainString());
        return f;
    }

    private static List<Map<String, Object>> postWorkToList(List<PostWork> work) {
        return work.stream().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("postId", w.postId());
            m.put("post", w.postNameZh());
            m.put("days", w.days().toPlainString());
            m.put("monthlyPayFen", w.monthlyPayFen());
            m.put("workDaysPerMonth", w.workDaysPerMonth());
            return m;
        }).toList();
    }

    private static List<Map<String, Object>> sharesToList(List<ShareHolding> shares) {
        return shares.stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", h.shareClass().name());
            m.put("units", h.units().toPlainString());
            m.put("since", h.since().toString());
            m.put("until", h.until() == null ? null : h.until().toString());
            return m;
        }).toList();
    }

    private String basisNameZh() {
        return switch (step.basis()) {
            case DELIVERY_VALUE -> "交售额";
            case SHARE_UNITS -> "持股（股数乘持有天数，叫“股·日”）";
            case LABOR_DAYS -> "劳动日";
            case POST_DAYS -> "公益岗位出工天数";
            case LAND_MU -> "入股土地亩数";
            case EQUAL -> "户均";
        };
    }

    private String basisZh(BigDecimal v) {
        return switch (step.basis()) {
            case DELIVERY_VALUE -> "交售 " + Money.yuan(v.longValueExact()) + " 元";
            case SHARE_UNITS -> " " + grouped(v) + " 股·日";
            case LABOR_DAYS -> " " + grouped(v) + " 个劳动日";
            case POST_DAYS -> "在公益岗位出工 " + plain(v) + " 天";
            case LAND_MU -> " " + grouped(v) + " 亩";
            case EQUAL -> " " + grouped(v) + " 户";
        };
    }

    private String basisEn(BigDecimal v) {
        return switch (step.basis()) {
            case DELIVERY_VALUE -> Money.yuan(v.longValueExact()) + " yuan delivered";
            case SHARE_UNITS -> v.toPlainString() + " share-days";
            case LABOR_DAYS -> v.toPlainString() + " labour days";
            case POST_DAYS -> v.toPlainString() + " days on welfare posts";
            case LAND_MU -> v.toPlainString() + " mu";
            case EQUAL -> v.toPlainString() + " household(s)";
        };
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipient", recipient().toString());
        m.put("householdId", isHousehold() ? String.valueOf(householdId) : null);
        m.put("stepId", stepId());
        m.put("kind", kind.name());
        m.put("basis", basis() == null ? null : basis().yamlName());
        m.put("basisValue", isHousehold() ? basisValue().toPlainString() : null);
        m.put("amountFen", amountFen);
        if (kind == Kind.GUARANTEE || kind == Kind.LIABILITY_REPAYMENT) {
            m.put("owedFen", owedOrWouldHaveFen);
        }
        if (kind == Kind.EXCLUDED) {
            m.put("exclusion", exclusion.name());
            m.put("wouldHaveFen", owedOrWouldHaveFen);
        }
        m.put("explanationZh", explanationZh());
        m.put("explanationEn", explanationEn());
        m.put("factsUsed", factsUsed());
        return m;
    }

    @Override
    public String toString() {
        return recipient() + " " + stepId() + " " + kind + " " + amountFen;
    }
}
