package cn.bangfu.rules.result;

import cn.bangfu.rules.model.FixedRecipient;

/** Either a household or a fixed recipient; exactly one of the two is set. */
public record Recipient(Long householdId, FixedRecipient fixed) {

    public static Recipient household(long id) {
        return new Recipient(id, null);
    }

    public static Recipient of(FixedRecipient fixed) {
        return new Recipient(null, fixed);
    }

    public boolean isHousehold() {
        return householdId != null;
    }

    /** "household:123" or "village_collective": stable text for JSON and logs. */
    @Override
    public String toString() {
        return isHousehold() ? "household:" + householdId : fixed.yamlName();
    }
}
