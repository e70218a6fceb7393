package cn.bangfu.rules.engine;

import cn.bangfu.rules.facts.ShareHolding;
import cn.bangfu.rules.model.RuleParameters;
import cn.bangfu.rules.model.ShareClass;
import java.math.BigDecimal;
import java.util.Set;

/**
 * What one holding weighs in a basis over some share classes. Classes of one unit count their units as they
 * are (元 for 元, 亩 for 亩). Classes of different units are brought to 元: by the file's class weights, or
 * land by its valuation (元 per 亩, from the file's parameters or recorded with the holding from the
 * cooperative's charter). The parser refuses a mixed basis with neither, so 亩 never add to 元 one for one.
 */
final class ShareWeighting {
    static final ShareWeighting RAW = new ShareWeighting(null);

    private final RuleParameters parameters;

    private ShareWeighting(RuleParameters parameters) {
        this.parameters = parameters;
    }

    static ShareWeighting of(Set<ShareClass> classes, RuleParameters parameters) {
        return RuleParameters.mixesUnits(classes) ? new ShareWeighting(parameters) : RAW;
    }

    boolean isRaw() {
        return parameters == null;
    }

    /** The holding's units in the basis's common unit. */
    BigDecimal units(ShareHolding h, long householdId) {
        if (parameters == null) {
            return h.units();
        }
        if (!parameters.classWeights().isEmpty()) {
            BigDecimal w = parameters.classWeights().get(h.shareClass());
            return w == null ? BigDecimal.ZERO : h.units().multiply(w);
        }
        if (h.shareClass().unit() == ShareClass.Unit.YUAN) {
            return h.units();
        }
        BigDecimal fenPerMu = parameters.landValueFromCharter() ? h.valuationFenPerUnit() : parameters.landValueFenPerMu();
        if (fenPerMu == null) {
            throw new IllegalArgumentException("household " + householdId + ": land shares of " + h.units().toPlainString()
                    + " 亩 since " + h.since() + " have no valuation recorded (the rule set values land by the charter)");
        }
        return h.units().multiply(fenPerMu).movePointLeft(2);
    }
}
