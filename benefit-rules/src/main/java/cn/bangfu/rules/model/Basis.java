package cn.bangfu.rules.model;

import java.util.Arrays;
import java.util.Optional;

/** What a step distributes by among households. Names are the spellings used in rule files. */
public enum Basis {
    /** 交售 value of the period, fen. */
    DELIVERY_VALUE("delivery_value"),
    /** Share units × days held within the period (share-days). */
    SHARE_UNITS("share_units"),
    /** All labour days of the period: public-welfare posts and wage work. */
    LABOR_DAYS("labor_days"),
    /** Days on registered public-welfare posts (公益岗位) only; other labour does not count. */
    POST_DAYS("post_days"),
    /** Contracted land area in mu (土地入股). */
    LAND_MU("land_mu"),
    /** One part per eligible household. */
    EQUAL("equal");

    private final String yamlName;

    Basis(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<Basis> fromYaml(String s) {
        return Arrays.stream(values()).filter(b -> b.yamlName.equals(s)).findFirst();
    }
}
