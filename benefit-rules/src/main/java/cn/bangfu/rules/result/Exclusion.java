package cn.bangfu.rules.result;

/** Why a household with a basis in a step received nothing (or less) from it. */
public enum Exclusion {
    NOT_IN_STATUS("户类型不在本步范围内", "household status not covered by this step"),
    BLACKLISTED("列入失信名单", "on the dishonesty blacklist (失信)"),
    CAPACITY_NOT_IN_SET("劳动能力不在本步范围内", "labour capacity not covered by this step"),
    LABOR_DAYS_BELOW_MIN("有劳动能力但劳动日不足（扶贫不扶懒）", "able to work but too few labour days"),
    FISCAL_TRANSITION_ENDED("已脱贫且过渡期已满，财政股权不再分红", "exited and transition period over: fiscal shares no longer earn");

    private final String zh;
    private final String en;

    Exclusion(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
