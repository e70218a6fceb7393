package cn.bangfu.rules.model;

/** Share classes: capital (资金股), land (土地股), fiscal (财政资金股权量化), donated (捐赠股). */
public enum ShareClass {
    CAPITAL, LAND, FISCAL, DONATED
}
