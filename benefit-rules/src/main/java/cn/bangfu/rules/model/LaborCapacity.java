package cn.bangfu.rules.model;

/** 劳动能力. NONE (失能) is exempt from 扶贫不扶懒 labour conditions by default. */
public enum LaborCapacity {
    FULL, PARTIAL, NONE
}
