package cn.bangfu.rules.model;

/**
 * Share classes: capital (资金股), land (土地股), fiscal (财政资金股权量化), donated (捐赠股). Each class counts in
 * its own unit: money classes in 元, land in 亩. A basis that mixes units needs a land valuation or explicit
 * class weights ({@link RuleParameters}), never a one-for-one sum of 亩 and 元.
 */
public enum ShareClass {
    CAPITAL(Unit.YUAN), LAND(Unit.MU), FISCAL(Unit.YUAN), DONATED(Unit.YUAN);

    /** What one share unit of a class is. */
    public enum Unit {
        YUAN("元"), MU("亩");

        private final String zh;

        Unit(String zh) {
            this.zh = zh;
        }

        public String zh() {
            return zh;
        }
    }

    private final Unit unit;

    ShareClass(Unit unit) {
        this.unit = unit;
    }

    public Unit unit() {
        return unit;
    }
}
