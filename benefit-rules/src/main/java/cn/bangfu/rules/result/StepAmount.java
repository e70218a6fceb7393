package cn.bangfu.rules.result;

import cn.bangfu.rules.model.Basis;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much a step received and what it was split by.
 *
 * @param parentStepId null for top-level steps
 * @param basisTotal   sum of the eligible households' basis values (null for fixed recipients and splits)
 * @param eligibleHouseholds households that shared the step
 */
public record StepAmount(String stepId, String parentStepId, String nameZh, String nameEn, Basis basis,
                         long amountFen, BigDecimal basisTotal, int eligibleHouseholds) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stepId", stepId);
        m.put("parentStepId", parentStepId);
        m.put("nameZh", nameZh);
        m.put("nameEn", nameEn);
        m.put("basis", basis == null ? null : basis.yamlName());
        m.put("amountFen", amountFen);
        m.put("basisTotal", basisTotal == null ? null : basisTotal.toPlainString());
        m.put("eligibleHouseholds", eligibleHouseholds);
        return m;
    }
}
