package cn.bangfu.rules.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step of a rule set. Exactly one of: a fixed {@code recipient}, a {@code basis} among households, or
 * nested {@code children} (a split of this step's amount).
 *
 * @param shareClasses   for SHARE_UNITS: which classes count (all when the file names none)
 * @param fallbackRecipient where the step's money goes when no household is eligible
 * @param fallbackStep   alternatively, a later sibling step that receives the money
 * @param capPerHouseholdPerYearFen per-household cap, pro-rated by the period's days; excess is re-split
 * @param overflowTo     where money goes that no household can take under the cap
 */
public record Step(String id, String nameZh, String nameEn, StepShare share, Basis basis, Set<ShareClass> shareClasses,
                   FixedRecipient recipient, List<Step> children, Eligibility eligibility, Guarantee guarantee,
                   Long capPerHouseholdPerYearFen, FixedRecipient overflowTo, FixedRecipient fallbackRecipient,
                   String fallbackStep) {

    public Step {
        shareClasses = shareClasses == null || shareClasses.isEmpty() ? Set.of(ShareClass.values()) : Set.copyOf(shareClasses);
        children = children == null ? List.of() : List.copyOf(children);
        eligibility = eligibility == null ? Eligibility.ANYONE : eligibility;
    }

    /**
     * Whether this guarantee step is the floor of {@code dividend} under {@link GuaranteeReading#FLOOR}: an
     * equity-fraction dividend on share units of the same classes, at the same level.
     */
    public boolean isFloorOf(Step dividend) {
        return share != null && dividend.share() != null
                && share.kind() == StepShare.Kind.GUARANTEED && dividend.share().kind() == StepShare.Kind.EQUITY_FRACTION
                && basis == Basis.SHARE_UNITS && dividend.basis() == Basis.SHARE_UNITS
                && shareClasses.equals(dividend.shareClasses());
    }

    public boolean isSplit() {
        return !children.isEmpty();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("nameZh", nameZh);
        m.put("nameEn", nameEn);
        m.putAll(share.toMap());
        if (recipient != null) {
            m.put("recipient", recipient.yamlName());
        }
        if (basis != null) {
            m.put("basis", basis.yamlName());
            if (basis == Basis.SHARE_UNITS) {
                m.put("shareClasses", shareClasses.stream().map(Enum::name).sorted().toList());
            }
            m.put("eligibility", eligibility.toMap());
        }
        if (guarantee != null) {
            m.put("guarantee", guarantee.toMap());
        }
        if (capPerHouseholdPerYearFen != null) {
            m.put("capPerHouseholdPerYearFen", capPerHouseholdPerYearFen);
            m.put("overflowTo", overflowTo.yamlName());
        }
        if (fallbackRecipient != null) {
            m.put("fallback", fallbackRecipient.yamlName());
        }
        if (fallbackStep != null) {
            m.put("fallbackStep", fallbackStep);
        }
        if (!children.isEmpty()) {
            m.put("split", children.stream().map(Step::toMap).toList());
        }
        return m;
    }
}
