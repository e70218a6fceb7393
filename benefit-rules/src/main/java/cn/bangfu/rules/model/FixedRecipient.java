package cn.bangfu.rules.model;

import java.util.Arrays;
import java.util.Optional;

/** Recipients that are not households. */
public enum FixedRecipient {
    VILLAGE_COLLECTIVE("village_collective", "村集体", "village collective"),
    PROVIDENT_FUND("provident_fund", "公积金", "provident fund"),
    OPERATOR("operator", "经营主体", "operator");

    private final String yamlName;
    private final String nameZh;
    private final String nameEn;

    FixedRecipient(String yamlName, String nameZh, String nameEn) {
        this.yamlName = yamlName;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String yamlName() {
        return yamlName;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public static Optional<FixedRecipient> fromYaml(String s) {
        return Arrays.stream(values()).filter(r -> r.yamlName.equals(s)).findFirst();
    }
}
