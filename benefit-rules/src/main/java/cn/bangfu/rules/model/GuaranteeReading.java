package cn.bangfu.rules.model;

/**
 * How a guarantee (保底) and a dividend on the same shares combine. The county's policy chooses; the rule
 * file states it in {@code parameters.guaranteeReading}.
 */
public enum GuaranteeReading {
    /** 保底: the household gets the larger of the guarantee and its pro-rata dividend (the default). */
    FLOOR("floor"),
    /** 保底加分红: the guarantee first, then the dividend on top. */
    PLUS_DIVIDEND("plus_dividend");

    private final String yamlName;

    GuaranteeReading(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
