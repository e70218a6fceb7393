package cn.bangfu.rules.model;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The top-level {@code parameters} of a rule file: the choices a county or cooperative makes that are not
 * steps. All optional; {@link #DEFAULTS} when the file has none.
 *
 * @param landValueFenPerMu  value of one 亩 of land shares in fen, used wherever a money-weighted basis
 *                           (shares in 元) also counts land; null when the file sets none
 * @param landValueFromCharter true: land is valued by the valuation recorded with each holding (the
 *                           cooperative's charter); a holding without one is an error
 * @param classWeights       explicit weight of one unit of each class (instead of a valuation); empty = none
 * @param guaranteeReading   how a guarantee and a dividend on the same shares combine
 */
public record RuleParameters(BigDecimal landValueFenPerMu, boolean landValueFromCharter,
                             Map<ShareClass, BigDecimal> classWeights, GuaranteeReading guaranteeReading) {

    public static final RuleParameters DEFAULTS = new RuleParameters(null, false, Map.of(), GuaranteeReading.FLOOR);

    public RuleParameters {
        classWeights = classWeights == null || classWeights.isEmpty() ? Map.of() : Map.copyOf(classWeights);
        guaranteeReading = guaranteeReading == null ? GuaranteeReading.FLOOR : guaranteeReading;
    }

    /** Whether a basis over these classes may be computed: one unit only, or a way to compare units. */
    public boolean canWeigh(Set<ShareClass> classes) {
        return !mixesUnits(classes) || landValueFenPerMu != null || landValueFromCharter || !classWeights.isEmpty();
    }

    public static boolean mixesUnits(Set<ShareClass> classes) {
        return classes.stream().map(ShareClass::unit).distinct().count() > 1;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (landValueFromCharter) {
            m.put("landValueFenPerMu", "charter");
        } else if (landValueFenPerMu != null) {
            m.put("landValueFenPerMu", landValueFenPerMu.toPlainString());
        }
        if (!classWeights.isEmpty()) {
            Map<String, Object> w = new LinkedHashMap<>();
            for (ShareClass c : ShareClass.values()) {
                if (classWeights.containsKey(c)) {
                    w.put(c.name(), classWeights.get(c).toPlainString());
                }
            }
            m.put("classWeights", w);
        }
        m.put("guaranteeReading", guaranteeReading.yamlName());
        Map<String, Object> units = new LinkedHashMap<>();
        for (ShareClass c : ShareClass.values()) {
            units.put(c.name(), c.unit().zh());
        }
        m.put("shareClassUnits", units);
        return m;
    }
}
