package cn.bangfu.rules.model;

/** 户类型: registered poor (建档立卡/脱贫户), monitored (防返贫监测对象), 低保, exited, ordinary. */
public enum HouseholdStatus {
    REGISTERED_POOR, MONITORED, LOW_INCOME, EXITED, ORDINARY
}
